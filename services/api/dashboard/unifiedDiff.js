/**
 * Side-by-side rows from a unified diff, computed in the browser from the text the API gives (HealingView.diff,
 * written by jsdiff's createTwoFilesPatch on the server): the diff algorithm already ran there, this only lays its
 * hunks out in two columns. Removed and added lines of one change are paired row by row; context lines fill both
 * sides. A hunk ends when its header's line counts are used up, so a removed line whose text starts with `-- `
 * is not taken for a file header. No DOM here (test/dashboard checks it against jsdiff in Node).
 */

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** `a/src/x.ts\t2026-…` → `a/src/x.ts`: createTwoFilesPatch appends a tab and the (here empty) header. */
function pathOf(line) {
  const path = line.slice(4);
  const tab = path.indexOf('\t');
  return tab === -1 ? path : path.slice(0, tab);
}

export function parseUnifiedDiff(text) {
  const files = [];
  let file = null;
  let hunk = null;
  let oldLeft = 0;
  let newLeft = 0;
  let oldNumber = 0;
  let newNumber = 0;
  let removed = [];
  let added = [];

  const flushChange = () => {
    const n = Math.max(removed.length, added.length);
    for (let i = 0; i < n; i++) hunk.rows.push({ left: removed[i] ?? null, right: added[i] ?? null });
    removed = [];
    added = [];
  };

  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const mark = line[0];
      const body = line.slice(1);
      if (mark === '\\') continue; // "\ No newline at end of file": about the line before, not a line itself
      if (mark === '-' && oldLeft > 0) {
        removed.push({ number: oldNumber++, text: body, change: 'removed' });
        oldLeft--;
        continue;
      }
      if (mark === '+' && newLeft > 0) {
        added.push({ number: newNumber++, text: body, change: 'added' });
        newLeft--;
        continue;
      }
      if ((mark === ' ' || mark === undefined) && oldLeft > 0 && newLeft > 0) {
        flushChange();
        hunk.rows.push({
          left: { number: oldNumber++, text: body, change: 'context' },
          right: { number: newNumber++, text: body, change: 'context' },
        });
        oldLeft--;
        newLeft--;
        continue;
      }
      // A line the header did not announce: the diff is cut short; what follows is read as headers again.
      oldLeft = 0;
      newLeft = 0;
    }
    if (hunk) flushChange();
    const header = HUNK_HEADER.exec(line);
    if (line.startsWith('--- ')) {
      file = { oldPath: pathOf(line), newPath: null, hunks: [] };
      files.push(file);
      hunk = null;
    } else if (line.startsWith('+++ ') && file && file.newPath === null && file.hunks.length === 0) {
      file.newPath = pathOf(line);
    } else if (header) {
      if (!file) {
        file = { oldPath: null, newPath: null, hunks: [] };
        files.push(file);
      }
      const [, oldStart, oldLines, newStart, newLines] = header;
      hunk = {
        header: line,
        oldStart: Number(oldStart),
        oldLines: oldLines === undefined ? 1 : Number(oldLines),
        newStart: Number(newStart),
        newLines: newLines === undefined ? 1 : Number(newLines),
        rows: [],
      };
      file.hunks.push(hunk);
      oldLeft = hunk.oldLines;
      newLeft = hunk.newLines;
      // An empty side's start is the line before the change (0 for an empty file); its first line is the next one.
      oldNumber = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart;
      newNumber = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart;
    }
    // anything else (`diff --git`, `index …`, `Index:`, `===`) is a preamble line
  }
  if (hunk) flushChange();
  return files;
}
