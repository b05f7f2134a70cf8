import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { javascriptParser, parseV8Frame } from './parser.ts';

const output = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/javascript/${name}.txt`, import.meta.url), 'utf8');

const SRV = '/tmp/homeostasis-capture/srv/javascript';

function parse(text: string) {
  const parsed = javascriptParser.parse(text);
  if (parsed === null) throw new Error(`not parsed:\n${text}`);
  return parsed;
}

/** Runs a snippet with the node running the tests and returns what it printed on stderr. */
function runNode(file: string): string {
  try {
    execFileSync(process.execPath, [file], { stdio: 'pipe' });
  } catch (error) {
    return String((error as { stderr: Buffer }).stderr);
  }
  throw new Error(`${file} did not fail`);
}

describe('javascriptParser on Node 20 uncaught-exception reports', () => {
  it('reads type, message, frames innermost first, file:// URLs as paths and the Node version', () => {
    const parsed = parse(output('null-property').split('\n').slice(1).join('\n'));
    expect(parsed).toMatchObject({
      language: 'javascript',
      errorType: 'TypeError',
      message: "Cannot read properties of undefined (reading 'percent')",
      runtime: { name: 'node', version: '20.20.2' },
      causes: [],
    });
    expect(parsed.frames[0]).toEqual({
      file: `${SRV}/null-property.mjs`,
      line: 6,
      column: 36,
      function: 'applyDiscount',
      module: null,
      inApp: true,
    });
    expect(parsed.frames[1]).toMatchObject({ file: `${SRV}/null-property.mjs`, line: 10, function: null });
    expect(parsed.frames[3]).toMatchObject({
      function: 'ModuleLoader.import',
      file: 'node:internal/modules/esm/loader',
      async: true,
      inApp: false,
    });
  });

  it('reads `new X` and `Object.<anonymous>` frames and a custom error name, ignoring own properties', () => {
    const parsed = parse(output('custom-error'));
    expect(parsed.errorType).toBe('ValidationError');
    expect(parsed.message).toBe('missing field customerId');
    expect(parsed.frames.map((f) => f.function).slice(0, 3)).toEqual([
      'requireField',
      'new Order',
      'Object.<anonymous>',
    ]);
    expect(parsed.frames.filter((f) => f.inApp)).toHaveLength(3);
    expect(parsed.frames.at(-1)).toMatchObject({ file: 'node:internal/main/run_main_module', line: 28, inApp: false });
  });

  it('keeps the outer error frames and lists `[cause]:` errors', () => {
    const parsed = parse(output('async-cause'));
    expect(parsed.errorType).toBe('Error');
    expect(parsed.frames).toHaveLength(2);
    expect(parsed.frames[1]).toMatchObject({ async: true, line: 15 });
    expect(parsed.causes).toEqual([
      { errorType: 'RangeError', message: 'customer id out of range: -1', relation: 'cause' },
    ]);
  });

  it('marks native, node: and node_modules frames as not in-app', () => {
    const json = parse(output('json-parse'));
    expect(json.message).toBe('Unexpected token \'o\', "not json" is not valid JSON');
    expect(json.frames[0]).toMatchObject({ function: 'JSON.parse', file: '<anonymous>', line: null, inApp: false });
    expect(json.frames[1]).toMatchObject({ function: 'parseBody', inApp: true });

    const dependency = parse(output('dependency-frame'));
    expect(dependency.frames[0]).toMatchObject({ function: 'formatPrice', module: 'tiny-lib', inApp: false });
    expect(dependency.frames.find((f) => f.inApp)).toMatchObject({ file: `${SRV}/dependency-frame.cjs`, line: 5 });

    const fs = parse(output('fs-enoent'));
    expect(fs.frames[0]).toMatchObject({ file: 'node:fs', module: 'node:fs', line: 448, inApp: false });
  });

  it('keeps a multi-line message (`Require stack:`)', () => {
    const parsed = parse(output('module-not-found'));
    expect(parsed.message).toBe(
      `Cannot find module 'left-pad-that-is-not-installed'\nRequire stack:\n- ${SRV}/module-not-found.cjs`,
    );
    expect(parsed.frames.find((f) => f.inApp)).toMatchObject({ line: 2, function: 'Object.<anonymous>' });
  });

  it('reads unhandled rejections: a rejected string and an Error from an async function', () => {
    const rejection = parse(output('unhandled-rejection'));
    expect(rejection.errorType).toBe('UnhandledPromiseRejection');
    expect(rejection.message).toContain('The promise rejected with the reason "payment gateway said no".');
    expect(rejection.frames.every((f) => !f.inApp)).toBe(true);

    const rejected = parse(output('rejected-error'));
    expect(rejected).toMatchObject({
      errorType: 'TypeError',
      message: "Cannot read properties of undefined (reading 'total')",
    });
    expect(rejected.frames).toEqual([expect.objectContaining({ function: 'nightlyReport', line: 5, column: 53 })]);
  });

  it('names a thrown non-Error value `Uncaught`', () => {
    const parsed = parse(output('throw-value').trimStart());
    expect(parsed).toMatchObject({ errorType: 'Uncaught', message: '42', frames: [], runtime: { version: '20.20.2' } });
  });
});

describe('javascriptParser on an uncaught JSON.parse error', () => {
  it('reads the report Node prints with the JSON text as its source line and no caret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-json-'));
    const file = join(dir, 'parse.cjs');
    writeFileSync(file, 'function load(text) {\n  return JSON.parse(text);\n}\nload(\'{"a":\');\n');
    const printed = runNode(file);
    expect(printed.startsWith('<anonymous_script>:1')).toBe(true);
    const parsed = parse(printed);
    expect(parsed.errorType).toBe('SyntaxError');
    expect(parsed.message).toBe('Unexpected end of JSON input');
    expect(parsed.frames.find((f) => f.inApp)).toMatchObject({ file, line: 2, function: 'load' });
  });
});

describe('javascriptParser on printed stacks', () => {
  it('reads console.error output with a nested cause chain, outermost link first', () => {
    const text = output('console-error');
    const first = text.slice(0, text.indexOf('continuing'));
    const parsed = parse(first);
    expect(parsed.errorType).toBe('Error');
    expect(parsed.frames).toHaveLength(4);
    expect(parsed.causes.map((c) => c.message)).toEqual(['line item rejected', 'quantity must be positive']);
    expect(parsed.runtime).toBeNull();
  });

  it('reads an err.stack taken from a JSON log record', () => {
    const record = JSON.parse(output('json-loggers').split('\n')[2] ?? '') as { err: { stack: string } };
    const parsed = parse(record.err.stack);
    expect(parsed).toMatchObject({
      errorType: 'TypeError',
      message: "Cannot read properties of undefined (reading 'map')",
    });
    expect(parsed.frames[0]).toMatchObject({ function: 'priceOrder', line: 29, column: 22, inApp: true });
  });

  it('returns null for text that is not a V8 error', () => {
    expect(javascriptParser.parse('')).toBeNull();
    expect(javascriptParser.parse('INFO server started\n  listening on 8080')).toBeNull();
    expect(javascriptParser.parse('    at f (/a.js:1:2)')).toBeNull();
  });
});

describe('javascriptParser on stacks the current node prints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'homeostasis js parser '));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('handles paths with spaces and parentheses, eval frames and Promise.all indexes', () => {
    const folder = join(dir, 'orders (copy)');
    mkdirSync(folder);
    const file = join(folder, 'odd path.mjs');
    writeFileSync(
      file,
      [
        'function inEval() { return eval("(function evaluated() { throw new TypeError(\'from eval\') })()"); }',
        'async function one() { await null; inEval(); }',
        'await Promise.all([one()]);',
      ].join('\n'),
    );
    const parsed = parse(runNode(file));
    expect(parsed.errorType).toBe('TypeError');
    expect(parsed.frames[0]).toMatchObject({ function: 'evaluated', file: '<anonymous>', inApp: false });
    const inEval = parsed.frames.find((f) => f.function === 'inEval');
    expect(inEval).toMatchObject({ file, line: 1, inApp: true });
    expect(parsed.frames.find((f) => f.function === 'Promise.all')).toMatchObject({ file: 'index 0', inApp: false });
  });

  it('marks frames of a .ts file as TypeScript', () => {
    const file = join(dir, 'pricing.ts');
    writeFileSync(
      file,
      'const rates: Record<string, number> = {};\nexport const tax = (c: string): string => rates[c]!.toFixed(2);\ntax("xx");\n',
    );
    const stderr = (() => {
      try {
        execFileSync(process.execPath, ['--import', 'tsx', file], { stdio: 'pipe', cwd: process.cwd() });
      } catch (error) {
        return String((error as { stderr: Buffer }).stderr);
      }
      throw new Error('did not fail');
    })();
    const parsed = parse(stderr);
    expect(parsed.language).toBe('typescript');
    expect(parsed.frames.find((f) => f.inApp)?.file).toBe(file);
  });
});

describe('parseV8Frame', () => {
  it('splits `fn [as alias]` from a location and keeps the alias in the name', () => {
    const frame = parseV8Frame(
      '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)',
    );
    expect(frame).toMatchObject({ function: 'Function.executeUserEntryPoint [as runMain]', line: 164, column: 12 });
  });
});

describe('javascriptParser never throws and stays linear', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        javascriptParser.parse(text);
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary mixes of real trace lines', () => {
    const lines = [...output('async-cause').split('\n'), ...output('console-error').split('\n')];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 60 }), (picked) => {
        javascriptParser.parse(picked.join('\n'));
      }),
      { numRuns: 300 },
    );
  });

  it('on long adversarial lines', () => {
    for (const unit of ['(', ')', ':', ' at ', 'at (', 'Error: ', '1:', '[cause]: ', 'file://']) {
      const line = unit.repeat(200_000);
      const started = performance.now();
      javascriptParser.parse(`TypeError: x\n    at ${line}\n${line}`);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
