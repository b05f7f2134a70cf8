import type { RepoView, TestCommand } from '../../core/plugin/languagePlugin.ts';

const TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test)\.py$/;
const PYTEST_IMPORT = /^\s*(import pytest|from pytest import)/m;

/**
 * How a Python repository runs its tests: pytest when the repository is set up for it (pytest.ini, a
 * `[tool.pytest...]` table, conftest.py, or test files importing pytest), otherwise unittest discovery from the
 * folder holding the tests (`tests/` or `test/` when there is one, so `test_*.py` there import as top-level modules).
 */
export async function detectPythonTestCommand(repo: RepoView): Promise<TestCommand | null> {
  const files = await repo.files();
  const tests = files.filter((file) => TEST_FILE.test(file));
  if (files.includes('pytest.ini')) return { command: 'python3 -m pytest -q', source: 'pytest.ini' };
  const pyproject = await repo.readFile('pyproject.toml');
  if (pyproject !== null && /^\[tool\.pytest/m.test(pyproject))
    return { command: 'python3 -m pytest -q', source: 'pyproject.toml [tool.pytest]' };
  const setupCfg = await repo.readFile('setup.cfg');
  if (setupCfg !== null && /^\[tool:pytest\]/m.test(setupCfg))
    return { command: 'python3 -m pytest -q', source: 'setup.cfg [tool:pytest]' };
  if (files.some((file) => file === 'conftest.py' || file.endsWith('/conftest.py'))) {
    return { command: 'python3 -m pytest -q', source: 'conftest.py' };
  }
  for (const file of tests) {
    if (PYTEST_IMPORT.test((await repo.readFile(file)) ?? ''))
      return { command: 'python3 -m pytest -q', source: `${file} imports pytest` };
  }
  if (tests.length === 0) return null;
  const start = ['tests', 'test'].find((dir) => tests.some((file) => file.startsWith(`${dir}/`)));
  // `-t .` keeps the repository root importable (the package under test) when discovery starts in tests/.
  const command = start ? `python3 -m unittest discover -v -s ${start} -t .` : 'python3 -m unittest discover -v';
  return {
    command,
    source: start ? `test files in ${start}/; unittest discovery` : 'test files found; unittest discovery',
  };
}

/**
 * The static step: byte-compile every module (a syntax error anywhere fails it). Quiet, and writing no
 * `__pycache__` into the repository is not possible with compileall, but the step runs in the candidate's sandbox.
 */
export async function pythonStaticCheckCommand(repo: RepoView): Promise<string | null> {
  const files = await repo.files();
  return files.some((file) => file.endsWith('.py')) ? 'python3 -m compileall -q .' : null;
}
