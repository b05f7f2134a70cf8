import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensurePhp } from '../../test/setup/ensurePhp.ts';
import { isPhpInApp, phpParser, splitPhpCall } from './parser.ts';

const captured = (name: string): string =>
  readFileSync(new URL(`./rules/captured/${name}.txt`, import.meta.url), 'utf8');
const CASES = '/tmp/homeostasis-capture/php/app/cases.php';

describe('phpParser', () => {
  it('reads class and message, and rebuilds frames from the call sites, innermost first', () => {
    const parsed = phpParser.parse(captured('typeErrorArgument'));
    expect(parsed).toMatchObject({
      language: 'php',
      errorType: 'TypeError',
      message: `addTax(): Argument #1 ($cents) must be of type int, string given, called in ${CASES} on line 20`,
      causes: [],
      runtime: { name: 'php', version: null },
    });
    expect(parsed?.frames).toEqual([
      { file: CASES, line: 19, column: null, function: 'addTax', module: null, inApp: true },
      { file: CASES, line: 20, column: null, function: 'typeErrorArgument', module: null, inApp: true },
      { file: CASES, line: 66, column: null, function: null, module: null, inApp: true },
    ]);
  });

  it('takes the last `Next` exception as the event and the previous one as its cause', () => {
    const parsed = phpParser.parse(captured('wrappedException'));
    expect(parsed).toMatchObject({ errorType: 'RuntimeException', message: 'config is invalid' });
    expect(parsed?.causes).toEqual([
      { errorType: 'InvalidArgumentException', message: 'config value "x" is not a number', relation: 'cause' },
    ]);
    expect(parsed?.frames[0]).toMatchObject({ line: 38, function: 'wrappedException' });
  });

  it('reads method calls and marks vendor and internal frames as not in the app', () => {
    const text = [
      'PHP Fatal error:  Uncaught Error: Call to a member function id() on null in /srv/app/src/Billing.php:14',
      'Stack trace:',
      '#0 /srv/app/vendor/laravel/framework/src/Pipeline.php(180): App\\Billing->charge()',
      '#1 [internal function]: Illuminate\\Pipeline\\Pipeline::handle()',
      '#2 {main}',
      '  thrown in /srv/app/src/Billing.php on line 14',
    ].join('\n');
    const frames = phpParser.parse(text)?.frames;
    expect(frames?.map((f) => [f.module, f.function, f.inApp])).toEqual([
      ['App\\Billing', 'charge', true],
      ['Illuminate\\Pipeline\\Pipeline', 'handle', false],
      [null, null, false],
    ]);
    expect(splitPhpCall('SplFileObject->__construct()')).toEqual({ module: 'SplFileObject', function: '__construct' });
    expect(isPhpInApp('phar:///usr/local/bin/composer/src/x.php')).toBe(false);
  });

  it('returns null for text that is not a PHP exception', () => {
    expect(phpParser.parse('PHP Warning:  Undefined variable $x in /app/x.php on line 3')).toBeNull();
  });

  it('reads an uncaught exception printed live by the installed PHP', () => {
    const { php } = ensurePhp();
    const dir = mkdtempSync(join(tmpdir(), 'hs-php-live-'));
    try {
      writeFileSync(
        join(dir, 'live.php'),
        '<?php\nfunction share(int $n): int {\n  return intdiv(100, $n);\n}\necho share(0);\n',
      );
      let stderr = '';
      try {
        execFileSync(php, ['-d', 'display_errors=stderr', '-d', 'log_errors=0', 'live.php'], {
          cwd: dir,
          stdio: 'pipe',
        });
      } catch (error) {
        stderr = String((error as { stderr: Buffer }).stderr);
      }
      const parsed = phpParser.parse(stderr);
      expect(parsed).toMatchObject({ errorType: 'DivisionByZeroError', message: 'Division by zero' });
      // intdiv() was called on line 3 inside share(), which the script called on line 5.
      expect(parsed?.frames.map((frame) => [frame.function, frame.line])).toEqual([
        ['intdiv', 3],
        ['share', 3],
        [null, 5],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
