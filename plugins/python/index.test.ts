import { describe, expect, it } from 'vitest';
import type { RepoView } from '../../core/plugin/languagePlugin.ts';
import { pythonPlugin } from './index.ts';

function repo(files: Record<string, string>): RepoView {
  return { files: async () => Object.keys(files), readFile: async (path) => files[path] ?? null };
}

describe('the Python plugin', () => {
  it('picks pytest when the repository is set up for it', async () => {
    const layouts: Record<string, string>[] = [
      { 'pytest.ini': '[pytest]\n', 'tests/test_a.py': '' },
      { 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n', 'tests/test_a.py': '' },
      { 'tests/conftest.py': '', 'tests/test_a.py': '' },
      { 'tests/test_a.py': 'import pytest\n' },
    ];
    for (const files of layouts) {
      expect((await pythonPlugin.detectTestCommand(repo(files)))?.command).toBe('python3 -m pytest -q');
    }
  });

  it('falls back to unittest discovery from the tests folder, and to nothing without tests', async () => {
    const command = await pythonPlugin.detectTestCommand(
      repo({ 'app/x.py': '', 'tests/test_x.py': 'import unittest\n' }),
    );
    expect(command?.command).toBe('python3 -m unittest discover -v -s tests -t .');
    expect((await pythonPlugin.detectTestCommand(repo({ 'test_x.py': '' })))?.command).toBe(
      'python3 -m unittest discover -v',
    );
    expect(await pythonPlugin.detectTestCommand(repo({ 'app/x.py': '' }))).toBeNull();
  });

  it('byte-compiles the repository as its static step', async () => {
    expect(await pythonPlugin.staticCheckCommand(repo({ 'a.py': '' }))).toBe('python3 -m compileall -q .');
    expect(await pythonPlugin.staticCheckCommand(repo({ 'README.md': '' }))).toBeNull();
  });

  it('reports syntax errors with their line, and nothing for valid code', () => {
    expect(pythonPlugin.validateSyntax('a.py', 'def f(x):\n    return x\n')).toEqual([]);
    const broken = pythonPlugin.validateSyntax('a.py', 'def f(x):\n    return x\n\ndef g(:\n    pass\n');
    expect(broken.length).toBeGreaterThan(0);
    expect(broken[0]).toMatchObject({ path: 'a.py', line: 4 });
    expect(pythonPlugin.validateSyntax('b.py', 'items = [1, 2\nprint(items)\n').length).toBeGreaterThan(0);
  });
});
