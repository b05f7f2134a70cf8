import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRuby } from '../../test/setup/ensureRuby.ts';
import { isRubyInApp, rubyParser, splitRubyFunction } from './parser.ts';

const captured = (name: string): string =>
  readFileSync(new URL(`./rules/captured/${name}.txt`, import.meta.url), 'utf8');

describe('rubyParser', () => {
  it('reads class, first-line message (not the error_highlight excerpt) and frames innermost first', () => {
    const parsed = rubyParser.parse(captured('nilMethod'));
    expect(parsed).toMatchObject({
      language: 'ruby',
      errorType: 'NoMethodError',
      message: "undefined method `upcase' for nil:NilClass",
      causes: [],
      runtime: { name: 'ruby', version: null },
    });
    expect(parsed?.frames[0]).toEqual({
      file: 'cases.rb',
      line: 10,
      column: null,
      function: 'nil_method',
      module: null,
      inApp: true,
    });
    expect(parsed?.frames.map((frame) => frame.function)).toEqual(['nil_method', 'public_send', '<main>']);
  });

  it('marks the standard library and <internal:> frames as not in the app, and reads the version from them', () => {
    const json = rubyParser.parse(captured('jsonEmpty'));
    expect(json?.errorType).toBe('JSON::ParserError');
    expect(json?.runtime?.version).toBe('3.1.0');
    expect(json?.frames.map((frame) => frame.inApp)).toEqual([false, false, true, true, true]);
    expect(json?.frames.find((frame) => frame.inApp)).toMatchObject({ line: 87, function: 'json_empty' });
    const float = rubyParser.parse(captured('floatInvalid'));
    expect(float?.frames[0]).toMatchObject({ file: '<internal:kernel>', inApp: false });
  });

  it('reads the exception printed after the backtrace as the cause', () => {
    const parsed = rubyParser.parse(captured('wrappedError'));
    expect(parsed).toMatchObject({ errorType: 'RuntimeError', message: 'config is invalid' });
    expect(parsed?.causes).toEqual([
      { errorType: 'ArgumentError', message: 'invalid value for Integer(): "x"', relation: 'cause' },
    ]);
    expect(parsed?.frames[0]).toMatchObject({ function: 'wrapped_error' });
  });

  it('reads the Ruby 3.4 quoting and Class#method names', () => {
    const text =
      "/app/lib/order.rb:12:in 'Integer#/': divided by 0 (ZeroDivisionError)\n\tfrom /app/lib/order.rb:12:in 'block in Order#average'\n\tfrom /usr/lib/ruby/gems/3.4.0/gems/rack-3.0.0/lib/rack.rb:5:in 'Rack.call'";
    const parsed = rubyParser.parse(text);
    expect(parsed?.frames).toEqual([
      { file: '/app/lib/order.rb', line: 12, column: null, function: '/', module: 'Integer', inApp: true },
      { file: '/app/lib/order.rb', line: 12, column: null, function: 'average', module: 'Order', inApp: true },
      {
        file: '/usr/lib/ruby/gems/3.4.0/gems/rack-3.0.0/lib/rack.rb',
        line: 5,
        column: null,
        function: 'call',
        module: 'Rack',
        inApp: false,
      },
    ]);
    expect(splitRubyFunction('block (2 levels) in <main>')).toEqual({ function: '<main>', module: null });
    expect(isRubyInApp('/srv/app/vendor/bundle/ruby/3.1.0/gems/pg-1.5/lib/pg.rb')).toBe(false);
  });

  it('returns null for text that is not a Ruby exception', () => {
    expect(rubyParser.parse('Traceback (most recent call last):\n  File "x.py", line 1')).toBeNull();
  });

  it('reads an exception printed live by the installed Ruby', () => {
    const { ruby } = ensureRuby();
    const dir = mkdtempSync(join(tmpdir(), 'hs-ruby-live-'));
    try {
      writeFileSync(join(dir, 'live.rb'), 'def price(items)\n  items.fetch(:total)\nend\nprice({})\n');
      let stderr = '';
      try {
        execFileSync(ruby, ['live.rb'], { cwd: dir, stdio: 'pipe' });
      } catch (error) {
        stderr = String((error as { stderr: Buffer }).stderr);
      }
      const parsed = rubyParser.parse(stderr);
      expect(parsed).toMatchObject({ errorType: 'KeyError', message: 'key not found: :total' });
      expect(parsed?.frames.find((frame) => frame.inApp)).toMatchObject({ file: 'live.rb', line: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
