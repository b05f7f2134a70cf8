import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { extractErrorsFromString } from '../../core/extract/logExtractor.ts';
import { pythonDetector } from './detector.ts';

/** Runs a snippet with python3 and returns what it printed on stdout and stderr, in that order. */
function runPython(source: string): string {
  const run = spawnSync('python3', ['-c', source], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (run.error) throw run.error;
  return run.stdout + run.stderr;
}

const LOGGING = `
import logging, sys, json
logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s [%(name)s] %(message)s")
log = logging.getLogger("shop")
`;

function exceptionLines(log: string): string[] {
  return extractErrorsFromString(log, { detectors: [pythonDetector] }).map((e) => e.excerpt.split('\n').at(-1) ?? '');
}

describe('pythonDetector: a traceback after a WARNING line', () => {
  it('is a handled error when it starts in the function that caught it (logging.warning exc_info=True)', () => {
    const log = runPython(`${LOGGING}
def load():
    try:
        json.loads("{cached")
    except ValueError:
        log.warning("cache entry unreadable, error ignored", exc_info=True)
load()
`);
    expect(log).toContain('WARNING [shop] cache entry unreadable');
    expect(log).toContain('Traceback (most recent call last):');
    expect(exceptionLines(log)).toEqual([]);
  });

  it('is kept when the program crashed right after the warning (the traceback starts in <module>)', () => {
    const log = runPython(`${LOGGING}
def load():
    return {}["missing"]
log.warning("cache cold, error budget at 3%")
load()
`);
    expect(exceptionLines(log)).toEqual(["KeyError: 'missing'"]);
  });

  it('is kept for an uncaught chain: the last traceback, the one that ended the program, starts in <module>', () => {
    const log = runPython(`${LOGGING}
def load():
    try:
        return {}["missing"]
    except KeyError as e:
        raise RuntimeError("config incomplete") from e
log.warning("cache cold")
load()
`);
    expect(exceptionLines(log)).toEqual(['RuntimeError: config incomplete']);
  });
});
