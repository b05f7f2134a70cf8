import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJavaInApp, javaParser, parseJavaFrame } from './parser.ts';

const output = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/runtime/output/java/${name}.txt`, import.meta.url), 'utf8');

function parse(text: string) {
  const parsed = javaParser.parse(text);
  if (parsed === null) throw new Error(`not parsed:\n${text}`);
  return parsed;
}

describe('javaParser on Java 17 traces', () => {
  it('reads an uncaught NullPointerException with its helpful message', () => {
    const parsed = parse(output('crash-npe'));
    expect(parsed).toMatchObject({
      language: 'java',
      errorType: 'java.lang.NullPointerException',
      message: 'Cannot invoke "String.length()" because "tier" is null',
      causes: [],
    });
    expect(parsed.frames).toEqual([
      {
        file: 'Crash.java',
        line: 12,
        column: null,
        function: 'nameLength',
        module: 'com.example.orders.Crash',
        inApp: true,
      },
      expect.objectContaining({ function: 'main', line: 43, inApp: true }),
    ]);
  });

  it('keeps the OUTERMOST exception and its frames, and lists `Caused by:` in order', () => {
    const parsed = parse(output('crash-chain'));
    expect(parsed.errorType).toBe('java.lang.IllegalStateException');
    expect(parsed.message).toBe('order service failed to start');
    expect(parsed.frames.map((f) => `${f.function}:${f.line}`)).toEqual(['startup:27', 'main:44']);
    expect(parsed.causes).toEqual([
      { errorType: 'java.io.IOException', message: 'cannot read quantity ten', relation: 'caused-by' },
      { errorType: 'java.lang.NumberFormatException', message: 'For input string: "ten"', relation: 'caused-by' },
    ]);
  });

  it('lists `Suppressed:` throwables', () => {
    expect(parse(output('crash-suppressed')).causes).toEqual([
      { errorType: 'java.lang.IllegalArgumentException', message: 'closing connection failed', relation: 'suppressed' },
    ]);
  });

  it('reads a thread name, module prefixes and marks JDK frames as not in-app', () => {
    const thread = parse(output('crash-thread'));
    expect(thread.errorType).toBe('java.lang.IndexOutOfBoundsException');
    expect(thread.frames[0]).toMatchObject({
      module: 'java.util.ImmutableCollections$AbstractImmutableList',
      function: 'outOfBounds',
      file: 'ImmutableCollections.java',
      line: 333,
      inApp: false,
    });
    expect(thread.frames.find((f) => f.inApp)).toMatchObject({ function: 'lambda$main$0', line: 47 });
    const stream = parse(output('crash-stream').split('\n').slice(1).join('\n'));
    expect(stream.frames.filter((f) => f.inApp).map((f) => f.line)).toEqual([52]);
  });

  it('reads a trace printed after a logback line', () => {
    const lines = output('logback-style').split('\n');
    const parsed = parse(lines.slice(18, 27).join('\n'));
    expect(parsed).toMatchObject({ errorType: 'java.lang.IllegalStateException', message: 'catalog row 7 is invalid' });
    expect(parsed.frames).toHaveLength(2);
    expect(parsed.causes).toHaveLength(1);
  });

  it('returns null for text that is not a JVM trace', () => {
    expect(javaParser.parse('')).toBeNull();
    expect(javaParser.parse('2026-11-24 10:00:00.873 ERROR [main] c.e.o.OrderService - failed')).toBeNull();
  });
});

describe('parseJavaFrame', () => {
  it('reads native methods, unknown sources, class-loader prefixes and logback packaging data', () => {
    expect(parseJavaFrame('\tat jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)')).toMatchObject({
      file: 'Native Method',
      line: null,
      inApp: false,
    });
    expect(parseJavaFrame('\tat app//com.example.Main.run(Unknown Source)')).toMatchObject({
      module: 'com.example.Main',
      function: 'run',
      file: 'Unknown Source',
      inApp: true,
    });
    expect(parseJavaFrame('\tat com.example.Svc.go(Svc.java:12) ~[orders.jar:1.4.0]')).toMatchObject({ line: 12 });
  });
});

describe('isJavaInApp', () => {
  it('keeps application packages, not the JDK or the common frameworks', () => {
    expect(isJavaInApp('com.example.orders.Crash', null)).toBe(true);
    expect(isJavaInApp('com.example.orders.Crash', 'app/')).toBe(true);
    expect(isJavaInApp('java.util.HashMap', 'java.base')).toBe(false);
    expect(isJavaInApp('org.springframework.web.servlet.DispatcherServlet', null)).toBe(false);
    expect(isJavaInApp('sun.nio.ch.Net', null)).toBe(false);
  });
});

describe('javaParser never throws and stays linear', () => {
  it('on arbitrary text and mixes of real lines', () => {
    const lines = [...output('crash-chain').split('\n'), ...output('logback-style').split('\n')];
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.array(fc.constantFrom(...lines), { maxLength: 60 }),
        (text, picked) => {
          javaParser.parse(text);
          javaParser.parse(picked.join('\n'));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on long adversarial lines', () => {
    for (const unit of ['a.', '\tat ', '(', 'Caused by: ', ': ', '/']) {
      const line = unit.repeat(200_000);
      const started = performance.now();
      javaParser.parse(`java.lang.Error: ${line}\n\tat ${line}\nCaused by: ${line}`);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
