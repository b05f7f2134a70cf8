import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { JavaProcessError, runJdkTool } from '../javaProcess.ts';

/** What the JVM reported for one example case. */
export interface ExampleOutcome {
  errorType: string;
  message: string;
}

export interface ExampleRun {
  javaVersion: string;
  /** By reference, `RuleExamples.java#npeInvokeOnLocal`. */
  outcomes: Map<string, ExampleOutcome>;
}

const SNIPPETS_DIR = fileURLToPath(new URL('./snippets/', import.meta.url));

/**
 * The example programs and how each is compiled: RuleExamples with full debug info (Maven's and Gradle's default),
 * NoDebugInfo without (helpful NullPointerException messages then say `<local3>`).
 */
export const EXAMPLE_PROGRAMS = [
  { file: 'RuleExamples.java', className: 'examples.RuleExamples', debug: '-g' },
  { file: 'NoDebugInfo.java', className: 'examples.NoDebugInfo', debug: '-g:none' },
] as const;

/** Classes deleted after compiling, as a jar missing at run time leaves them (NoClassDefFoundError cases). */
const REMOVED_CLASSES = ['RuleExamples$Gone.class', 'RuleExamples$GoneToo.class'];

/** `-ea` for the assert cases, a small heap and direct-memory cap for the OutOfMemoryError cases. */
const RUN_FLAGS = ['-ea', '-Xmx64m', '-XX:MaxDirectMemorySize=1m'];

const LineSchema = z.union([
  z.object({ javaVersion: z.string() }),
  z.object({ name: z.string(), threw: z.literal(true), errorType: z.string(), message: z.string() }),
  z.object({ name: z.string(), threw: z.literal(false) }),
]);

/** Compiles the example programs into a temp dir, runs every case once, and returns what the runtime reported. */
export async function runExamplePrograms(): Promise<ExampleRun> {
  const dir = await mkdtemp(join(tmpdir(), 'hs-java-examples-'));
  try {
    const [full, bare] = EXAMPLE_PROGRAMS;
    await compile(['-g', '-d', join(dir, 'full'), join(SNIPPETS_DIR, full.file)]);
    await Promise.all([
      compile([bare.debug, '-cp', join(dir, 'full'), '-d', join(dir, 'bare'), join(SNIPPETS_DIR, bare.file)]),
      ...REMOVED_CLASSES.map((name) => rm(join(dir, 'full', 'examples', name))),
    ]);
    const classPath = `${join(dir, 'full')}:${join(dir, 'bare')}`;
    const runs = await Promise.all(
      EXAMPLE_PROGRAMS.map(async (program) => ({
        program,
        run: await runJdkTool('java', [...RUN_FLAGS, '-cp', classPath, program.className]),
      })),
    );
    let javaVersion = 'unknown';
    const outcomes = new Map<string, ExampleOutcome>();
    for (const { program, run } of runs) {
      if (run.exitCode !== 0) throw new JavaProcessError(`${program.className} exited ${run.exitCode}:\n${run.stderr}`);
      for (const text of run.stdout.split('\n')) {
        if (!text.startsWith('{')) continue;
        const line = LineSchema.parse(JSON.parse(text));
        if ('javaVersion' in line) javaVersion = line.javaVersion;
        else if (!line.threw) throw new JavaProcessError(`${program.file}#${line.name} did not throw`);
        else outcomes.set(`${program.file}#${line.name}`, { errorType: line.errorType, message: line.message });
      }
    }
    return { javaVersion, outcomes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function compile(args: string[]): Promise<void> {
  const run = await runJdkTool('javac', ['-nowarn', ...args]);
  if (run.exitCode !== 0) throw new JavaProcessError(`javac failed:\n${run.stderr}`);
}
