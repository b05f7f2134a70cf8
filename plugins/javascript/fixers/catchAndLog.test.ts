import { afterAll, describe, expect, it } from 'vitest';
import { catchAndLogFixer } from './catchAndLog.ts';
import { changedLines, crash, rerunPatched } from './testing/crashFlow.ts';
import { SnippetDir } from './testing/snippetRunner.ts';

const dir = new SnippetDir();
afterAll(() => dir.remove());

describe('catch-and-log', () => {
  it('adds .catch to the call that dropped the promise (a caller frame points at it)', () => {
    const source = `async function loadUser(id) {
  if (id > 0) throw new Error('db down');
  return id;
}
function onRequest() {
  loadUser(1);
}
onRequest();
`;
    const crashed = crash(dir, 'floating.mjs', source, { category: 'unknown' });
    expect(crashed.ctx.callers.map((frame) => frame.line)).toEqual([6, 8]);
    const proposals = catchAndLogFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    expect(changedLines(proposals[0]!)).toEqual([
      '-  loadUser(1);',
      '+  loadUser(1).catch((err) => {',
      "+    console.error('loadUser failed:', err);",
      '+  });',
    ]);
    const run = rerunPatched(dir, 'floating.mjs', proposals[0]!, crashed);
    expect(run.stderr).toContain('loadUser failed: Error: db down');
  });

  it('finds where the outermost async function is called without handling, when V8 printed only async frames', () => {
    const source = `async function loadUser(id: number): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  throw new Error(\`user \${id} not found\`);
}

async function handler(): Promise<string> {
  const user = await loadUser(7);
  return user;
}

function main(): void {
  handler();
}

main();
`;
    const crashed = crash(dir, 'async.ts', source, { category: 'unknown' });
    expect(crashed.ctx.callers).toHaveLength(1);
    const proposals = catchAndLogFixer.propose(crashed.ctx);
    expect(proposals).toHaveLength(1);
    expect(changedLines(proposals[0]!)).toEqual([
      '-  handler();',
      '+  handler().catch((err) => {',
      "+    console.error('handler failed:', err);",
      '+  });',
    ]);
    expect(rerunPatched(dir, 'async.ts', proposals[0]!, crashed).stderr).toContain(
      'handler failed: Error: user 7 not found',
    );
  });

  it('also offers try/catch around an awaited call statement', () => {
    const source = `async function save(): Promise<void> {
  await Promise.resolve();
  throw new Error('disk full');
}

async function flush(): Promise<void> {
  await save();
  console.log('flushed');
}

flush();
`;
    const crashed = crash(dir, 'flush.ts', source, { category: 'unknown' });
    const proposals = catchAndLogFixer.propose(crashed.ctx);
    expect(proposals.map((p) => changedLines(p))).toEqual([
      ['-flush();', '+flush().catch((err) => {', "+  console.error('flush failed:', err);", '+});'],
      [
        '-  await save();',
        '+  try {',
        '+    await save();',
        '+  } catch (err) {',
        "+    console.error('save failed:', err);",
        '+  }',
      ],
    ]);
    const run = rerunPatched(dir, 'flush.ts', proposals[1]!, crashed);
    expect(run.stdout).toBe('flushed\n');
    expect(run.stderr).toContain('save failed: Error: disk full');
  });

  it('refuses when the promise is kept in a variable (where to handle it is not the fixer’s call)', () => {
    const source = `async function loadUser(id) {
  throw new Error('db down ' + id);
}
function onRequest() {
  const pending = loadUser(1);
  return typeof pending;
}
onRequest();
`;
    const crashed = crash(dir, 'kept.mjs', source, { category: 'unknown' });
    expect(catchAndLogFixer.propose(crashed.ctx)).toEqual([]);
  });
});
