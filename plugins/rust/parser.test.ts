import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRustInApp, rustParser, splitRustSymbol } from './parser.ts';

const captured = (name: string): string =>
  readFileSync(new URL(`./rules/captured/${name}.txt`, import.meta.url), 'utf8');

describe('rustParser', () => {
  it('reads the message, and innermost-first frames with std frames out of the app', () => {
    const parsed = rustParser.parse(captured('indexVec'));
    expect(parsed).toMatchObject({
      language: 'rust',
      errorType: 'panic',
      message: 'index out of bounds: the len is 3 but the index is 5',
      causes: [],
      runtime: { name: 'rust', version: null },
    });
    const inApp = parsed?.frames.filter((frame) => frame.inApp);
    expect(inApp?.[0]).toEqual({
      file: './src/main.rs',
      line: 17,
      column: 25,
      function: 'index_vec',
      module: 'snippets',
      inApp: true,
    });
    expect(inApp?.map((frame) => frame.function)).toEqual(['index_vec', 'main']);
    expect(parsed?.frames[0]).toMatchObject({ function: 'rust_begin_unwind', module: '__rustc', inApp: false });
    expect(
      parsed?.frames.find((f) => f.module === '<alloc::vec::Vec<T,A> as core::ops::index::Index<I>>'),
    ).toMatchObject({ function: 'index', inApp: false });
  });

  it('keeps the values assert_eq! prints as part of the message', () => {
    expect(rustParser.parse(captured('assertEqFailed'))?.message).toBe(
      'assertion `left == right` failed\n  left: 2\n right: 3',
    );
  });

  it('takes the last panic of a report as the event (a poisoned lock after the worker panic)', () => {
    const parsed = rustParser.parse(captured('poisonedMutex'));
    expect(parsed?.message).toBe('called `Result::unwrap()` on an `Err` value: PoisonError { .. }');
    expect(parsed?.frames.find((frame) => frame.inApp)).toMatchObject({ function: 'poisoned_mutex', line: 172 });
  });

  it('reads a stack overflow abort as a fatal runtime error without frames', () => {
    expect(rustParser.parse(captured('stackOverflowThread'))).toMatchObject({
      errorType: 'fatal runtime error',
      message: 'stack overflow, aborting',
      frames: [],
    });
  });

  it('without a backtrace, the panic location is the one frame', () => {
    const text =
      "thread 'main' (9) panicked at src/orders.rs:12:7:\nattempt to divide by zero\nnote: run with `RUST_BACKTRACE=1`";
    expect(rustParser.parse(text)?.frames).toEqual([
      { file: 'src/orders.rs', line: 12, column: 7, function: null, module: null, inApp: true },
    ]);
    const library = rustParser.parse(captured('capacityOverflow').split('stack backtrace:')[0] ?? '');
    expect(library?.frames[0]?.inApp).toBe(false);
  });

  it('marks toolchain, registry and std frames as not in the app', () => {
    expect(
      isRustInApp('/root/.cargo/registry/src/index.crates.io-1/serde_json-1.0.1/src/de.rs', 'serde_json::de::from_str'),
    ).toBe(false);
    expect(isRustInApp('/rustc/5980/library/core/src/option.rs', 'core::option::unwrap_failed')).toBe(false);
    expect(isRustInApp('./src/main.rs', 'std::rt::lang_start')).toBe(false);
    expect(isRustInApp('/app/src/orders.rs', 'orders::total')).toBe(true);
    expect(splitRustSymbol('snippets::poisoned_mutex::{{closure}}')).toEqual({
      module: 'snippets::poisoned_mutex',
      function: '{{closure}}',
    });
  });

  it('returns null for text that is not a Rust panic', () => {
    expect(rustParser.parse('panic: runtime error: index out of range [5] with length 3')).toBeNull();
    expect(rustParser.parse('')).toBeNull();
  });

  it('reads a panic printed live by rustc-compiled code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-rust-live-'));
    try {
      writeFileSync(
        join(dir, 'live.rs'),
        'fn main() {\n    let v: Vec<u8> = Vec::new();\n    println!("{}", v[std::env::args().count()]);\n}\n',
      );
      execFileSync('rustc', ['-g', '-o', join(dir, 'live'), join(dir, 'live.rs')], { cwd: dir });
      let stderr = '';
      try {
        execFileSync(join(dir, 'live'), [], { cwd: dir, env: { ...process.env, RUST_BACKTRACE: '1' }, stdio: 'pipe' });
      } catch (error) {
        stderr = String((error as { stderr: Buffer }).stderr);
      }
      const parsed = rustParser.parse(stderr);
      expect(parsed?.message).toBe('index out of bounds: the len is 0 but the index is 1');
      expect(parsed?.frames.find((frame) => frame.inApp)).toMatchObject({ function: 'main', module: 'live', line: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
