import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const OPEN = '<!-- accuracy -->';
const CLOSE = '<!-- /accuracy -->';

/** Replaces what is between the accuracy markers; a file without them gets the section appended. */
export function writeAccuracySection(path: string, body: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(OPEN);
  const end = current.indexOf(CLOSE);
  const section = `${OPEN}\n${body}\n${CLOSE}`;
  const next =
    start !== -1 && end > start
      ? current.slice(0, start) + section + current.slice(end + CLOSE.length)
      : `${current.replace(/\n*$/, '\n')}\n## Accuracy\n\n${section}\n`;
  writeFileSync(path, next);
}
