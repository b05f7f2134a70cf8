import { createTwoFilesPatch, parsePatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALING_STATES } from '../../core/workflow/healingStates.ts';
import { HEALING_STATES as DASHBOARD_STATES } from '../../services/api/dashboard/states.js';
import { type DiffRow, parseUnifiedDiff } from '../../services/api/dashboard/unifiedDiff.js';

/** Lines a diff parser could mistake for headers or markers, mixed with plain ones. */
const tricky = fc.constantFrom('--- a/x', '+++ b/x', '@@ -1 +1 @@', '\\ note', '-- dash', '++ plus', '', ' ');
const line = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }, tricky);
const file = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
  .map(([ls, eol]) => (ls.length === 0 ? '' : `${ls.join('\n')}${eol ? '\n' : ''}`));

/** The file's lines as jsdiff numbers them (a trailing newline ends the last line, it does not start one). */
const linesOf = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

function unifiedLines(rows: DiffRow[]): string[] {
  const out: string[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const row of rows) {
    if (row.left?.change === 'context') {
      flush();
      out.push(` ${row.left.text}`);
      continue;
    }
    if (row.left) removed.push(`-${row.left.text}`);
    if (row.right) added.push(`+${row.right.text}`);
  }
  flush();
  return out;
}

describe('the side-by-side layout of a unified diff (services/api/dashboard/unifiedDiff.js)', () => {
  it('puts every old line on the left and every new line on the right, numbered as in jsdiff', () => {
    fc.assert(
      fc.property(file, file, fc.integer({ min: 0, max: 4 }), (before, after, context) => {
        const patch = createTwoFilesPatch('a/f.ts', 'b/f.ts', before, after, '', '', { context });
        const body = patch.slice(patch.indexOf('---'));
        const [expected] = parsePatch(body);
        const files = parseUnifiedDiff(body);
        expect(files).toHaveLength(1);
        const [parsed] = files;
        expect(parsed?.oldPath).toBe('a/f.ts');
        expect(parsed?.newPath).toBe('b/f.ts');
        expect(parsed?.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual(
          // jsdiff moves an empty side's start one line on; the header (and the page) keep the line before
          expected?.hunks.map((h) => [
            h.oldLines === 0 ? h.oldStart - 1 : h.oldStart,
            h.oldLines,
            h.newLines === 0 ? h.newStart - 1 : h.newStart,
            h.newLines,
          ]),
        );
        const oldLines = linesOf(before);
        const newLines = linesOf(after);
        for (const hunk of parsed?.hunks ?? []) {
          const left = hunk.rows.flatMap((r) => (r.left ? [r.left] : []));
          const right = hunk.rows.flatMap((r) => (r.right ? [r.right] : []));
          expect(left).toHaveLength(hunk.oldLines);
          expect(right).toHaveLength(hunk.newLines);
          for (const l of left) expect(l.text).toBe(oldLines[l.number - 1]);
          for (const r of right) expect(r.text).toBe(newLines[r.number - 1]);
          expect(left.map((l) => l.number)).toEqual(left.map((_, i) => (left[0]?.number ?? 0) + i));
          expect(right.map((r) => r.number)).toEqual(right.map((_, i) => (right[0]?.number ?? 0) + i));
          for (const row of hunk.rows) {
            // context on both sides at once, or a change: removed left and/or added right
            if (row.left?.change === 'context' || row.right?.change === 'context') {
              expect([row.left?.change, row.right?.change, row.left?.text]).toEqual([
                'context',
                'context',
                row.right?.text,
              ]);
            } else {
              expect(row.left === null || row.left.change === 'removed').toBe(true);
              expect(row.right === null || row.right.change === 'added').toBe(true);
            }
          }
        }
        // Read back in unified order (a change's removed lines, then its added ones), the rows are jsdiff's hunks.
        expect(parsed?.hunks.map((h) => unifiedLines(h.rows))).toEqual(
          expected?.hunks.map((h) => h.lines.filter((l) => !l.startsWith('\\'))),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('pairs a change row by row and reads several files from one diff', () => {
    const one = createTwoFilesPatch('a/x.ts', 'b/x.ts', 'keep\nold 1\nold 2\nend\n', 'keep\nnew 1\nend\n', '', '');
    const two = createTwoFilesPatch('a/y.ts', 'b/y.ts', 'y\n', 'y\nadded\n', '', '');
    const files = parseUnifiedDiff(`${one.slice(one.indexOf('---'))}${two.slice(two.indexOf('---'))}`);
    expect(files.map((f) => f.newPath)).toEqual(['b/x.ts', 'b/y.ts']);
    expect(files[0]?.hunks[0]?.rows.map((r) => [r.left?.text ?? null, r.right?.text ?? null])).toEqual([
      ['keep', 'keep'],
      ['old 1', 'new 1'],
      ['old 2', null],
      ['end', 'end'],
    ]);
    expect(files[1]?.hunks[0]?.rows.map((r) => [r.left?.number ?? null, r.right?.number ?? null])).toEqual([
      [1, 1],
      [null, 2],
    ]);
  });

  it('offers the same states in its filter as the workflow has', () => {
    expect(DASHBOARD_STATES).toEqual([...HEALING_STATES]);
  });
});
