import type { Language } from '../../core/schema/taxonomy.ts';
import type { BugLabel } from './bugCatalog.ts';

/** How the error reached the log. */
export type LogFormat = 'pino-json' | 'python-logging' | 'logback' | 'stderr' | 'clean';

/** A run of log lines with what is known to be in it: one injected error, or none (a clean log's lines). */
export interface LogChunk {
  /** 1-based, inclusive, in the log the chunk belongs to. */
  startLine: number;
  endLine: number;
  /** Null: the chunk holds no error, any event in it is a false positive. */
  bug: BugLabel | null;
  /** Which variant of the bug (`logged input 1`, `uncaught shifted input 2`...), for reports. */
  variant: string;
}

/** One log file of the corpus, as the programs really printed it. */
export interface LabelledLog {
  name: string;
  language: Language;
  format: LogFormat;
  /** True for a log with no error at all: every event on it counts as a clean-log false positive. */
  clean: boolean;
  text: string;
  chunks: LogChunk[];
}

export interface Corpus {
  logs: LabelledLog[];
  /** Runtime versions that produced it, for the report. */
  runtimes: Partial<Record<Language, string>>;
}

/** Output of one program run, cut into the pieces the chunks are made of. */
export interface ChunkText {
  text: string;
  bug: BugLabel | null;
  variant: string;
}

/** Joins pieces into one log, recording the lines each piece occupies. */
export function assembleLog(meta: Omit<LabelledLog, 'text' | 'chunks'>, pieces: readonly ChunkText[]): LabelledLog {
  const chunks: LogChunk[] = [];
  const texts: string[] = [];
  let line = 1;
  for (const piece of pieces) {
    const text = piece.text.replace(/\n+$/, '');
    if (text.length === 0) continue;
    const count = text.split('\n').length;
    chunks.push({ startLine: line, endLine: line + count - 1, bug: piece.bug, variant: piece.variant });
    texts.push(text);
    line += count;
  }
  return { ...meta, text: `${texts.join('\n')}\n`, chunks };
}
