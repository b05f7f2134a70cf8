import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { phpDetector } from './detector.ts';

const captured = (name: string): string =>
  readFileSync(new URL(`./rules/captured/${name}.txt`, import.meta.url), 'utf8');

const extract = (text: string) => extractErrorsFromString(text, { detectors: [phpDetector] });

describe('phpDetector', () => {
  it.each(['nullMethod', 'typeErrorArgument', 'intdivByZero', 'wrappedException', 'fileNotFound'])(
    'takes all of %s (PHP 8.2) as one block',
    (name) => {
      const text = captured(name).trimEnd();
      expect(extract(text)).toEqual([
        expect.objectContaining({ language: 'php', startLine: 1, endLine: text.split('\n').length, excerpt: text }),
      ]);
    },
  );

  it('reads an FPM log line with its date prefix and stops after `thrown in`', () => {
    const text = `[24-Nov-2026 10:00:00 UTC] ${captured('divisionByZero').trimEnd()}\n[24-Nov-2026 10:00:01 UTC] PHP Notice: restarted`;
    expect(extract(text)).toEqual([expect.objectContaining({ startLine: 1, endLine: 5 })]);
  });

  it("takes an exception the application printed with its trace (`(string) $e`), but not a bare 'in file:line' line", () => {
    const printed =
      'RuntimeException: order 42 has no customer in /srv/app/src/Orders.php:35\nStack trace:\n#0 /srv/app/public/index.php(12): App\\Orders->place()\n#1 {main}';
    expect(extract(`INFO boot\n${printed}\nINFO next`)).toEqual([
      expect.objectContaining({ startLine: 2, endLine: 5 }),
    ]);
    expect(extract('LogicException: see docs in /srv/app/README.md:3\nINFO next')).toEqual([]);
  });
});
