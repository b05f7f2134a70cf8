import type { Category } from '../schema/taxonomy.ts';

/** A change to one repository file. `before` is the file as read; `after` is what the fixer wants written. */
export interface FileEdit {
  /** Repository-relative POSIX path. */
  path: string;
  before: string;
  after: string;
}

/** What a fixer proposes. */
export interface FixProposal {
  strategy: string;
  /** One sentence for the reviewer: what the change does and why it stops the error. */
  description: string;
  edits: FileEdit[];
}

/** A proposal made reviewable: an id, a unified diff and its rank among the other candidates. */
export interface Candidate extends FixProposal {
  id: string;
  diff: string;
  /** Lines added plus lines removed, over all edits. */
  diffSize: number;
  /** Position of the strategy in the rule's preference list (0 = most preferred). */
  strategyRank: number;
}

/** Where the fix must go: the innermost in-app frame after source-map resolution, in repository terms. */
export interface FixTarget {
  /** Repository-relative POSIX path. */
  path: string;
  /** 1-based line and column (column may be unknown). */
  line: number;
  column: number | null;
  function: string | null;
}

export interface FixContext {
  category: Category;
  errorType: string;
  /** Captures of the matched rule; to select syntax nodes only (see Analysis.captures). */
  captures: Record<string, string>;
  target: FixTarget;
  /** Text of `target.path`. */
  source: string;
  /** Further in-app frames (callers), innermost first, for fixers that guard at a call site. */
  callers: FixTarget[];
  readFile(path: string): Promise<string | null>;
}

/** A fix strategy for one language, working on the syntax tree. */
export interface Fixer {
  readonly strategy: string;
  propose(ctx: FixContext): FixProposal[];
}
