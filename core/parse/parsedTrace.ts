import type { z } from 'zod';
import type { CauseSchema, Frame } from '../schema/errorEvent.ts';
import type { Language } from '../schema/taxonomy.ts';

export type Cause = z.infer<typeof CauseSchema>;

/** What a language's stack-trace parser reads out of one error block. */
export interface ParsedTrace {
  language: Language;
  errorType: string;
  message: string;
  /** Innermost frame (where the error was raised) first, whatever order the runtime prints them in. */
  frames: Frame[];
  /** Chained errors (Java `Caused by:`, Python chaining), outermost link first. */
  causes: Cause[];
  runtime: { name: string; version: string | null } | null;
}

/** Parses one error block of a single language. Must never throw and must run in time linear in the input. */
export interface StackTraceParser {
  readonly language: Language;
  /** `null` when the text is not an error of this language. */
  parse(excerpt: string): ParsedTrace | null;
}
