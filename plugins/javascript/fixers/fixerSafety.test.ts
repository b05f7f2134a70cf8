import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { FixContext, FixProposal } from '../../../core/patch/candidate.ts';
import { javascriptFixers } from './index.ts';
import { type Crash, crash } from './testing/crashFlow.ts';
import { SnippetDir } from './testing/snippetRunner.ts';

// A log line can say anything; this one tries to break out of a string literal into code.
const PAYLOAD = "x'); process.exit(1); ('";

const dir = new SnippetDir();
afterAll(() => dir.remove());

const READING = /^Cannot read properties of (?:undefined|null) \(reading '(?<property>[^']*)'\)$/;

/** Real crashes, one per kind of error the fixers handle. */
function crashes(): Crash[] {
  return [
    crash(
      dir,
      'discounts.ts',
      `const DISCOUNTS: Record<string, { percent: number }> = { SPRING10: { percent: 10 } };
export function applyDiscount(price: number, code: string): number {
  const percent = DISCOUNTS[code.trim().toUpperCase()].percent;
  return price * (1 - percent / 100);
}
console.log(applyDiscount(100, 'SUMMER25'));
`,
      { category: 'null-reference', pattern: READING },
    ),
    crash(
      dir,
      'parse.mjs',
      `function readBody(body) {
  const order = JSON.parse(body);
  return order.id;
}
readBody('not json');
`,
      { category: 'parse-error' },
    ),
    crash(
      dir,
      'divide.mjs',
      `function perShare(total, shares) {
  return total / shares;
}
perShare(10n, 0n);
`,
      { category: 'division-by-zero' },
    ),
    crash(
      dir,
      'typo.mjs',
      `function total(items) {
  const count = items.length;
  return cont * 2;
}
total([]);
`,
      { category: 'undefined-name', pattern: /^(?<name>\S+) is not defined$/ },
    ),
    crash(
      dir,
      'reject.mjs',
      `async function save() {
  throw new Error('disk full');
}
function flush() {
  save();
}
flush();
`,
      { category: 'unknown' },
    ),
  ];
}

function proposalsFor(ctx: FixContext): FixProposal[] {
  return javascriptFixers.flatMap((fixer) => fixer.propose(ctx));
}

/** Everything a proposal would put in front of a reviewer or into the repository. */
function textOf(proposals: readonly FixProposal[]): string {
  return proposals
    .map((p) => [p.strategy, p.description, ...p.edits.flatMap((e) => [e.path, e.after])].join('\n'))
    .join('\n');
}

/** The log-derived fields of a context (captures, error type, function names) set to `payload`. */
function tainted(ctx: FixContext, payload: string, keepSelectors: boolean): FixContext {
  const captures: Record<string, string> = { message: payload, extra: payload };
  for (const [key, value] of Object.entries(ctx.captures)) captures[key] = keepSelectors ? value : payload;
  return {
    ...ctx,
    captures,
    target: { ...ctx.target, function: payload },
    callers: ctx.callers.map((frame) => ({ ...frame, function: payload })),
  };
}

describe('fixers never copy log text into code', () => {
  const cases = crashes();

  it('propose fixes for every real crash, with none of the log-derived text in them', () => {
    for (const crashed of cases) {
      const proposals = proposalsFor(tainted(crashed.ctx, PAYLOAD, true));
      expect(proposals.length, crashed.ctx.target.path).toBeGreaterThan(0);
      const text = textOf(proposals);
      expect(text).not.toContain(PAYLOAD);
      expect(text).not.toContain('process.exit');
    }
  });

  it('refuse when a capture meant to pick a node names none of the nodes at the frame', () => {
    for (const crashed of cases.filter((c) => Object.keys(c.ctx.captures).length > 0)) {
      expect(proposalsFor(tainted(crashed.ctx, PAYLOAD, false))).toEqual([]);
    }
  });

  it('hold for arbitrary log text (property-based)', () => {
    const [discounts, parse] = cases;
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (noise) => {
        // The marker makes the payload impossible to find in the snippets by chance.
        const payload = `ZQX${noise}`;
        for (const crashed of [discounts!, parse!]) {
          expect(textOf(proposalsFor(tainted(crashed.ctx, payload, true)))).not.toContain(payload);
        }
      }),
      { numRuns: 8 },
    );
  });
});
