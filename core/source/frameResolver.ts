import { relative } from 'node:path';
import type { Frame } from '../schema/errorEvent.ts';
import { PathMapper, type PathMapping } from './pathMapper.ts';
import { SourceMapReader } from './sourceMapResolver.ts';

/** Compiled output of a repository, built in a scratch directory that mirrors the repository's layout. */
export interface BuildOutput {
  root: string;
  files: string[];
}

/**
 * Produces compiled output with source maps when the repository does not hold it (compiled files are rarely
 * committed). The JavaScript plugin implements it with the project's own TypeScript build.
 */
export interface CompiledOutputBuilder {
  build(repoRoot: string): Promise<BuildOutput | null>;
}

export interface FrameResolverOptions {
  repoRoot: string;
  repoFiles: readonly string[];
  mappings?: readonly PathMapping[];
  builder?: CompiledOutputBuilder;
}

const COMPILED = /\.(?:m|c)?js$/;

/**
 * Turns runtime frames into source frames: repository-relative paths, and for compiled JavaScript the original
 * (TypeScript) file and line through source maps. Frames that cannot be placed in the repository keep their
 * runtime path and are marked not in-app: a fix can only go where the code is.
 */
export class FrameResolver {
  private readonly mapper: PathMapper;
  private readonly maps = new SourceMapReader();
  private build: Promise<{ output: BuildOutput; mapper: PathMapper } | null> | null = null;
  private readonly files: ReadonlySet<string>;

  constructor(private readonly options: FrameResolverOptions) {
    this.mapper = new PathMapper(options.repoFiles, options.mappings);
    this.files = new Set(options.repoFiles);
  }

  async resolve(frames: readonly Frame[]): Promise<Frame[]> {
    const out: Frame[] = [];
    for (const frame of frames) out.push(frame.inApp ? await this.resolveFrame(frame) : { ...frame });
    return out;
  }

  private async resolveFrame(frame: Frame): Promise<Frame> {
    const repoPath = this.mapper.map(frame.file);
    if (repoPath !== null) {
      if (COMPILED.test(repoPath) && frame.line !== null) {
        const mapped = await this.viaSourceMap(this.options.repoRoot, repoPath, frame);
        if (mapped) return mapped;
      }
      return { ...frame, file: repoPath };
    }
    if (COMPILED.test(frame.file) && frame.line !== null && this.options.builder) {
      const built = await this.compiled();
      const builtPath = built?.mapper.map(frame.file);
      if (built && builtPath) {
        const mapped = await this.viaSourceMap(built.output.root, builtPath, frame);
        if (mapped) return mapped;
      }
    }
    return { ...frame, inApp: false };
  }

  private async viaSourceMap(root: string, compiledPath: string, frame: Frame): Promise<Frame | null> {
    const pos = await this.maps.originalPosition(`${root}/${compiledPath}`, frame.line ?? 1, frame.column);
    if (!pos) return null;
    const source = relative(this.options.repoRoot, pos.source).split('\\').join('/');
    if (source.startsWith('..') || !this.files.has(source)) return null;
    return { ...frame, file: source, line: pos.line, column: pos.column };
  }

  private compiled(): Promise<{ output: BuildOutput; mapper: PathMapper } | null> {
    this.build ??= (async () => {
      const output = await this.options.builder?.build(this.options.repoRoot);
      return output ? { output, mapper: new PathMapper(output.files) } : null;
    })();
    return this.build;
  }
}
