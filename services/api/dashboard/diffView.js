import { el } from './dom.js';
import { parseUnifiedDiff } from './unifiedDiff.js';

/** The winner's patch in two columns (old file left, new file right), one table per file. */
export function diffView(diff) {
  const files = parseUnifiedDiff(diff);
  if (files.length === 0) return el('pre', { class: 'diff-raw' }, diff);
  return el(
    'div',
    { class: 'diff' },
    files.map((file) =>
      el(
        'figure',
        { class: 'diff-file' },
        el('figcaption', {}, fileTitle(file)),
        el(
          'table',
          { class: 'side-by-side', 'aria-label': `Changes to ${file.newPath ?? file.oldPath ?? 'file'}` },
          el(
            'colgroup',
            {},
            el('col', { class: 'num' }),
            el('col', { class: 'code' }),
            el('col', { class: 'num' }),
            el('col', { class: 'code' }),
          ),
          file.hunks.map((hunk) =>
            el(
              'tbody',
              {},
              el('tr', { class: 'hunk' }, el('td', { colspan: 4 }, hunk.header)),
              hunk.rows.map((row) => el('tr', {}, side(row.left), side(row.right))),
            ),
          ),
        ),
      ),
    ),
  );
}

function fileTitle(file) {
  if (file.oldPath === file.newPath || file.newPath === null) return file.oldPath ?? '(file)';
  return `${file.oldPath} → ${file.newPath}`;
}

/** Two cells: the line number and the text; an absent side is an empty, shaded pair. */
function side(line) {
  if (line === null) return [el('td', { class: 'num none' }), el('td', { class: 'code none' })];
  return [
    el('td', { class: `num ${line.change}` }, String(line.number)),
    el('td', { class: `code ${line.change}` }, line.text),
  ];
}
