/** Types of unifiedDiff.js (plain JavaScript served as is to the browser; these are for the Node tests). */
export interface DiffSide {
  /** The line's number in its file (old file on the left, new file on the right). */
  number: number;
  text: string;
  change: 'context' | 'removed' | 'added';
}

/** One row of the side-by-side view; a side is null where the other side's change has no counterpart. */
export interface DiffRow {
  left: DiffSide | null;
  right: DiffSide | null;
}

export interface DiffHunk {
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  rows: DiffRow[];
}

export interface DiffFile {
  oldPath: string | null;
  newPath: string | null;
  hunks: DiffHunk[];
}

export declare function parseUnifiedDiff(text: string): DiffFile[];
