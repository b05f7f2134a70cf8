import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPythonInApp, pythonParser } from './parser.ts';

const output = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/python/${name}.txt`, import.meta.url), 'utf8');

const SRV = '/tmp/homeostasis-capture/srv/python';

function parse(text: string) {
  const parsed = pythonParser.parse(text);
  if (parsed === null) throw new Error(`not parsed:\n${text}`);
  return parsed;
}

describe('pythonParser on CPython 3.11 tracebacks', () => {
  it('reads the exception and the frames innermost first, ignoring source lines and markers', () => {
    const parsed = parse(output('index_error'));
    expect(parsed).toMatchObject({ language: 'python', errorType: 'IndexError', message: 'list index out of range' });
    expect(parsed.frames).toEqual([
      { file: `${SRV}/index_error.py`, line: 5, column: null, function: '<listcomp>', module: null, inApp: true },
      { file: `${SRV}/index_error.py`, line: 5, column: null, function: 'last_prices', module: null, inApp: true },
      { file: `${SRV}/index_error.py`, line: 8, column: null, function: null, module: null, inApp: true },
    ]);
  });

  it('takes the LAST traceback of a chain as the event, earlier ones as causes, nearest link first', () => {
    const parsed = parse(output('chained'));
    expect(parsed.errorType).toBe('RuntimeError');
    expect(parsed.message).toBe('no settings for tenant acme');
    expect(parsed.frames.map((f) => f.line)).toEqual([16, 19]);
    expect(parsed.causes).toEqual([
      {
        errorType: 'json.decoder.JSONDecodeError',
        message: 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
        relation: 'cause',
      },
      { errorType: 'KeyError', message: "'acme'", relation: 'context' },
    ]);
    expect(parsed.runtime).toEqual({ name: 'python', version: '3.11' });
  });

  it('marks standard library and site-packages frames as not in-app', () => {
    const logged = parse(output('logging_formatted').split('\n').slice(3, 18).join('\n'));
    expect(logged.errorType).toBe('json.decoder.JSONDecodeError');
    expect(logged.frames.map((f) => f.inApp)).toEqual([false, false, false, true, true]);
    const dependency = parse(output('dependency_frame'));
    expect(dependency.frames.map((f) => f.inApp)).toEqual([false, false, true, true]);
    expect(dependency.frames[0]?.function).toBe('<genexpr>');
  });

  it('reads an exception without a message, a SyntaxError without Traceback, and an exception group', () => {
    expect(parse(output('no_message'))).toMatchObject({ errorType: 'OutOfStock', message: '' });
    const syntax = parse(output('syntax_error'));
    expect(syntax).toMatchObject({ errorType: 'SyntaxError', message: "'(' was never closed" });
    expect(syntax.frames).toEqual([
      expect.objectContaining({ file: `${SRV}/syntax_error.py`, line: 3, function: null }),
    ]);
    const group = parse(output('exception_group'));
    expect(group).toMatchObject({
      errorType: 'ExceptionGroup',
      message: 'invalid order (2 sub-exceptions)',
      causes: [],
    });
    expect(group.frames.map((f) => f.function)).toEqual(['validate', null]);
  });

  it('keeps the rest of a multi-line message', () => {
    const parsed = parse(
      'Traceback (most recent call last):\n  File "a.py", line 1, in <module>\nValueError: line one\nline two',
    );
    expect(parsed.message).toBe('line one\nline two');
  });

  it('returns null for text that is not a traceback', () => {
    expect(pythonParser.parse('')).toBeNull();
    expect(pythonParser.parse('Traceback (most recent call last):\n  File "a.py", line 1, in f')).toBeNull();
    expect(pythonParser.parse('INFO all good')).toBeNull();
  });
});

describe('isPythonInApp', () => {
  it.each([
    ['/srv/app/orders.py', true],
    ['/usr/lib/python3.11/json/decoder.py', false],
    ['/srv/venv/lib/python3.11/site-packages/flask/app.py', false],
    ['/usr/lib/python3/dist-packages/yaml/__init__.py', false],
    ['<frozen importlib._bootstrap>', false],
    ['<string>', false],
  ])('%s -> %s', (file, expected) => {
    expect(isPythonInApp(file)).toBe(expected);
  });
});

describe('pythonParser never throws and stays linear', () => {
  it('on arbitrary text and mixes of real lines', () => {
    const lines = [...output('chained').split('\n'), ...output('exception_group').split('\n')];
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.array(fc.constantFrom(...lines), { maxLength: 60 }),
        (text, picked) => {
          pythonParser.parse(text);
          pythonParser.parse(picked.join('\n'));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on long adversarial lines', () => {
    for (const unit of ['  File "', '", line ', 'a.', ': ', '  | ', '+-']) {
      const line = unit.repeat(200_000);
      const started = performance.now();
      pythonParser.parse(`Traceback (most recent call last):\n${line}\n  File "${line}", line 1, in ${line}\n${line}`);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
