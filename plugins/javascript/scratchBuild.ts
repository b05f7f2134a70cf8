import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { BuildOutput, CompiledOutputBuilder } from '../../core/source/frameResolver.ts';
import { listFiles } from '../../core/source/localRepo.ts';

/**
 * Runs the project's own TypeScript build (its tsconfig: rootDir, outDir, module layout) with source maps forced
 * on, emitting into a scratch directory laid out like the repository. The repository is only read.
 */
export class TypeScriptScratchBuilder implements CompiledOutputBuilder {
  async build(repoRoot: string): Promise<BuildOutput | null> {
    const configPath = join(repoRoot, 'tsconfig.json');
    if (!ts.sys.fileExists(configPath)) return null;
    const parsed = ts.getParsedCommandLineOfConfigFile(
      configPath,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => {},
      },
    );
    if (!parsed || parsed.fileNames.length === 0) return null;
    const scratch = await mkdtemp(join(tmpdir(), 'homeostasis-build-'));
    const outDir = parsed.options.outDir ?? repoRoot;
    const options: ts.CompilerOptions = {
      ...parsed.options,
      outDir: join(scratch, relative(repoRoot, outDir)),
      sourceMap: true,
      inlineSourceMap: false,
      inlineSources: false,
      declaration: false,
      declarationMap: false,
      noEmit: false,
      noEmitOnError: false,
      composite: false,
      incremental: false,
    };
    delete options.tsBuildInfoFile;
    delete options.outFile;
    delete options.mapRoot;
    delete options.sourceRoot;
    // Keep the project's source root: without rootDir TypeScript derives it from the input files, as the project's build does.
    const program = ts.createProgram(parsed.fileNames, options);
    program.emit();
    return { root: scratch, files: await listFiles(scratch) };
  }
}
