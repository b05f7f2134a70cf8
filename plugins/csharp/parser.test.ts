import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureMono } from '../../test/setup/ensureMono.ts';
import { csharpParser, parseCsharpFrame } from './parser.ts';

const captured = (name: string): string =>
  readFileSync(new URL(`./rules/captured/${name}.txt`, import.meta.url), 'utf8');

describe('csharpParser', () => {
  it('reads the full class name, the message and the frames, innermost first (Mono 6.8)', () => {
    const parsed = csharpParser.parse(captured('keyNotFound'));
    expect(parsed).toMatchObject({
      language: 'csharp',
      errorType: 'System.Collections.Generic.KeyNotFoundException',
      message: "The given key 'total' was not present in the dictionary.",
      causes: [],
      runtime: { name: 'mono', version: null },
    });
    // Mono prints the report twice (the second after `[ERROR] FATAL UNHANDLED EXCEPTION:`): the frames are read once.
    expect(parsed?.frames).toEqual([
      {
        file: '',
        line: null,
        column: null,
        function: 'get_Item',
        module: 'System.Collections.Generic.Dictionary`2[TKey,TValue]',
        inApp: false,
      },
      { file: '/app/Program.cs', line: 69, column: null, function: 'KeyNotFound', module: 'Cases.Shop', inApp: true },
      { file: '/app/Program.cs', line: 281, column: null, function: 'Main', module: 'Cases.Shop', inApp: true },
    ]);
  });

  it("keeps Mono's `Parameter name:` line in the message and marks wrappers and library frames as not in the app", () => {
    expect(csharpParser.parse(captured('argumentNullLinq'))?.message).toBe(
      'Value cannot be null.\nParameter name: source',
    );
    const file = csharpParser.parse(captured('fileNotFound'));
    expect(file?.errorType).toBe('System.IO.FileNotFoundException');
    expect(file?.frames.filter((frame) => frame.inApp).map((frame) => frame.function)).toEqual([
      'FileNotFound',
      'Main',
    ]);
    expect(file?.frames.find((frame) => frame.function === '.ctor')).toMatchObject({ module: 'System.IO.FileStream' });
  });

  it('reads an inner-exception chain: the outermost is the event with its own frames, the inner one its cause', () => {
    const parsed = csharpParser.parse(captured('innerException'));
    expect(parsed).toMatchObject({ errorType: 'System.InvalidOperationException', message: 'config is invalid' });
    expect(parsed?.causes).toEqual([
      {
        errorType: 'System.FormatException',
        message: 'Input string was not in a correct format.',
        relation: 'caused-by',
      },
    ]);
    expect(parsed?.frames.map((frame) => [frame.function, frame.line])).toEqual([
      ['InnerException', 255],
      ['Main', 281],
    ]);
  });

  it('reads a stack overflow from the `[ERROR] FATAL` copy (the first copy is the bare class name)', () => {
    const parsed = csharpParser.parse(captured('stackOverflow'));
    expect(parsed?.errorType).toBe('System.StackOverflowException');
    expect(parsed?.message).toBe('The requested operation caused a stack overflow.');
    expect(parsed?.frames[0]).toMatchObject({ function: 'Depth', file: '/app/Program.cs', inApp: true });
  });

  it('reads an exception an application logged with Console.Error.WriteLine(ex)', () => {
    const parsed = csharpParser.parse(captured('loggedException'));
    expect(parsed?.message).toBe("The given key 'shipping' was not present in the dictionary.");
    expect(parsed?.frames.find((frame) => frame.inApp)).toMatchObject({ function: 'LoggedException', line: 264 });
  });

  it('reads the documented .NET Core shape (sample, .NET is not installable here)', () => {
    // Documented format of .NET 6+; not a capture.
    const sample = [
      'Unhandled exception. System.InvalidOperationException: config is invalid',
      " ---> System.FormatException: The input string 'eighty' was not in a correct format.",
      '   at System.Number.ThrowFormatException(ReadOnlySpan`1 value)',
      '   at Shop.Config.ReadPort(String text) in /app/Config.cs:line 12',
      '   --- End of inner exception stack trace ---',
      '   at Shop.Config.Load() in /app/Config.cs:line 20',
      '   at Microsoft.Extensions.Hosting.Internal.Host.StartAsync(CancellationToken cancellationToken)',
    ].join('\n');
    const parsed = csharpParser.parse(sample);
    expect(parsed).toMatchObject({
      errorType: 'System.InvalidOperationException',
      message: 'config is invalid',
      causes: [
        {
          errorType: 'System.FormatException',
          message: "The input string 'eighty' was not in a correct format.",
          relation: 'caused-by',
        },
      ],
      runtime: { name: 'dotnet', version: null },
    });
    expect(parsed?.frames).toEqual([
      { file: '/app/Config.cs', line: 20, column: null, function: 'Load', module: 'Shop.Config', inApp: true },
      {
        file: '',
        line: null,
        column: null,
        function: 'StartAsync',
        module: 'Microsoft.Extensions.Hosting.Internal.Host',
        inApp: false,
      },
    ]);
    expect(
      parseCsharpFrame(
        '   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source) in /src/Linq/First.cs:line 3',
      ),
    ).toMatchObject({ module: 'System.Linq.Enumerable', function: 'First[TSource]', inApp: false });
  });

  it('returns null for text that is not a C# exception', () => {
    expect(csharpParser.parse('Traceback (most recent call last):\n  File "x.py", line 1')).toBeNull();
  });

  it('reads an exception printed live by the installed Mono', () => {
    const { mono, mcs } = ensureMono();
    const dir = mkdtempSync(join(tmpdir(), 'hs-csharp-live-'));
    try {
      // NoInlining: Mono's JIT would otherwise inline Share and report the division at its caller's line.
      const source =
        'using System.Runtime.CompilerServices;\nclass Live {\n  [MethodImpl(MethodImplOptions.NoInlining)]\n' +
        '  static int Share(int total, int people) {\n    return total / people;\n  }\n' +
        '  static void Main() {\n    System.Console.WriteLine(Share(10, int.Parse("0")));\n  }\n}\n';
      writeFileSync(join(dir, 'Live.cs'), source);
      execFileSync(mcs, ['-debug', '-out:live.exe', 'Live.cs'], { cwd: dir, stdio: 'pipe' });
      let stderr = '';
      try {
        execFileSync(mono, ['--debug', 'live.exe'], { cwd: dir, stdio: 'pipe' });
      } catch (error) {
        stderr = String((error as { stderr: Buffer }).stderr);
      }
      const parsed = csharpParser.parse(stderr);
      expect(parsed).toMatchObject({
        errorType: 'System.DivideByZeroException',
        message: 'Attempted to divide by zero.',
      });
      expect(parsed?.frames[0]).toMatchObject({ function: 'Share', module: 'Live', line: 5, inApp: true });
      expect(parsed?.frames[0]?.file.endsWith('Live.cs')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
