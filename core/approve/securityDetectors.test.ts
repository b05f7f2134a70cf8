import { describe, expect, it } from 'vitest';
import { makeCandidate } from '../patch/makeCandidate.ts';
import { changedLines } from './diffLines.ts';
import { CHANGE_DETECTORS, type ChangeDetector } from './securityDetectors.ts';
import { securityParts } from './securityParts.ts';

/** A change of one file: the lines before and after (the diff is made the way candidates make theirs). */
interface Change {
  path: string;
  before: string[];
  after: string[];
}

const SHARED = ['function handler(req, input) {', '  const x = 1;', '  return x;', '}'];
/** A change that adds `lines` after the first line of a small function. */
const adds = (path: string, ...lines: string[]): Change => ({
  path,
  before: SHARED,
  after: [SHARED[0]!, ...lines, ...SHARED.slice(1)],
});
/** A change that replaces `removed` with `added` (both may be empty) in the same function. */
const swaps = (path: string, removed: string[], added: string[]): Change => ({
  path,
  before: [SHARED[0]!, ...removed, ...SHARED.slice(1)],
  after: [SHARED[0]!, ...added, ...SHARED.slice(1)],
});

/** For every detector (by its detail): changes it must flag and changes it must not. */
const CASES: Record<string, { positive: Change[]; negative: Change[] }> = {
  'adds eval(): runs a string as code': {
    positive: [adds('a.js', '  const v = eval(input);')],
    negative: [adds('a.js', '  const v = evaluate(input);', '  model.eval(x);'), adds('a.go', '  v := eval(input)')],
  },
  'adds new Function(): runs a string as code': {
    positive: [adds('a.ts', "  const f = new Function('a', input);")],
    negative: [adds('a.ts', '  const f = function (a) { return a; };')],
  },
  'adds eval()/exec(): runs a string as code': {
    positive: [adds('a.py', '    value = eval(expr)'), adds('a.py', '    exec(code)')],
    negative: [adds('a.py', '    value = evaluate(expr)', '    model.eval()', '    cursor.exec(q)')],
  },
  'uses child_process': {
    positive: [adds('a.mjs', "  const { execFile } = await import('node:child_process');")],
    negative: [adds('a.mjs', "  const { readFile } = await import('node:fs');")],
  },
  'calls exec()/execSync(): runs a shell command line': {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source line of a patch, not a template
    positive: [adds('a.js', '  execSync(`ls ${input}`);'), adds('a.js', '  cp.exec(input);')],
    negative: [adds('a.js', '  const m = /a(b)/.exec(input);')],
  },
  'spawns a process with shell: true': {
    positive: [adds('a.js', "  spawn('ls', [input], { shell: true });")],
    negative: [adds('a.js', "  spawn('ls', [input], { shell: false });")],
  },
  'runs a shell: subprocess(..., shell=True)': {
    positive: [adds('a.py', '    subprocess.run(cmd, shell=True)')],
    negative: [adds('a.py', '    subprocess.run([cmd, arg], check=True)')],
  },
  'runs a shell: os.system()/os.popen()': {
    positive: [adds('a.py', "    os.system('rm ' + path)")],
    negative: [adds('a.py', '    os.path.join(a, b)')],
  },
  'starts a process: Runtime.exec()': {
    positive: [adds('A.java', '    Process p = Runtime.getRuntime().exec(cmd);')],
    negative: [adds('A.java', '    int n = Runtime.getRuntime().availableProcessors();')],
  },
  'starts a process: ProcessBuilder': {
    positive: [adds('A.java', '    ProcessBuilder pb = new ProcessBuilder("sh", "-c", cmd);')],
    negative: [adds('A.java', '    StringBuilder sb = new StringBuilder();')],
  },
  'starts a process: exec.Command()': {
    positive: [adds('a.go', '\tcmd := exec.Command("sh", "-c", input)')],
    negative: [adds('a.go', '\tcmd := flag.String("cmd", "", "")')],
  },
  'builds SQL by interpolation or concatenation': {
    positive: [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source line of a patch, not a template
      adds('a.js', '  db.query(`SELECT * FROM users WHERE id = ${input}`);'),
      adds('A.java', '    stmt.executeQuery("DELETE FROM users WHERE id = " + id);'),
    ],
    negative: [
      adds('a.js', "  db.query('SELECT * FROM users WHERE id = ?', [input]);", '  const total = update(a) + 1;'),
    ],
  },
  'builds SQL with an f-string, % or .format()': {
    positive: [
      adds('a.py', '    cur.execute(f"SELECT * FROM users WHERE id = {user_id}")'),
      adds('a.py', '    cur.execute("DELETE FROM users WHERE id = %s" % uid)'),
      adds('a.py', '    cur.execute("UPDATE users SET a = {}".format(a))'),
    ],
    negative: [adds('a.py', '    cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))')],
  },
  'builds SQL with fmt.Sprintf or +': {
    positive: [adds('a.go', '\tq := fmt.Sprintf("SELECT * FROM users WHERE id = %s", id)')],
    negative: [adds('a.go', '\trows, err := db.Query("SELECT * FROM users WHERE id = $1", id)')],
  },
  'removes a throw/raise/panic': {
    positive: [swaps('a.js', ["  if (x < 0) throw new Error('negative');"], [])],
    negative: [swaps('a.js', ["  throw new Error('bad');"], ["  throw new Error('bad input');"])],
  },
  'removes an assertion': {
    positive: [swaps('a.py', ['    assert user is not None'], [])],
    negative: [swaps('a.py', ['    log.info("x")'], [])],
  },
  'removes a negative guard (if (!…) / if not …)': {
    positive: [swaps('a.js', ['  if (!order) return null;'], []), swaps('a.py', ['    if not order: return'], [])],
    negative: [swaps('a.js', ['  if (!order) return null;'], ['  if (!order || !order.items) return null;'])],
  },
  'removes an authentication/authorisation check': {
    positive: [swaps('a.js', ['  requireAuth(req);'], [])],
    negative: [swaps('a.js', ['  logRequest(req);'], [])],
  },
  'adds an empty catch block': {
    positive: [
      adds('a.js', '  try { run(); } catch (e) {}'),
      adds('A.java', '    try {', '      run();', '    } catch (Exception e) {', '    }'),
    ],
    negative: [adds('a.js', '  try { run(); } catch (e) { log(e); throw e; }')],
  },
  'adds an except that only passes': {
    positive: [adds('a.py', '    try:', '        run()', '    except Exception:', '        pass')],
    negative: [adds('a.py', '    try:', '        run()', '    except KeyError:', '        return None')],
  },
  'discards an error (_ = err)': {
    positive: [adds('a.go', '\t_ = err')],
    negative: [adds('a.go', '\treturn err')],
  },
  'adds a literal that looks like a credential': {
    positive: [
      adds('a.js', "  const awsKey = 'AKIAIOSFODNN7EXAMPLE';"),
      adds('a.py', '    password = "s3cr3tPassw0rd"'),
      adds('a.rb', "  token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'"),
    ],
    negative: [adds('a.js', '  const password = req.body.password;', "  const email = 'ops@example.com';")],
  },
};

function diffOf(change: Change): string {
  const text = (lines: string[]) => `${lines.join('\n')}\n`;
  const edit = { path: change.path, before: text(change.before), after: text(change.after) };
  return makeCandidate({ strategy: 's', description: 'd', edits: [edit] }, 0).diff;
}

function fires(detector: ChangeDetector, change: Change): boolean {
  return securityParts(changedLines(diffOf(change)), [detector]).length > 0;
}

describe('security detectors', () => {
  it('has a positive and a negative case for every detector', () => {
    expect(Object.keys(CASES).sort()).toEqual(CHANGE_DETECTORS.map((d) => d.detail).sort());
  });

  for (const detector of CHANGE_DETECTORS) {
    const cases = CASES[detector.detail];
    it(`${detector.name}: ${detector.detail}`, () => {
      expect(cases).toBeDefined();
      for (const change of cases?.positive ?? []) expect(fires(detector, change), diffOf(change)).toBe(true);
      for (const change of cases?.negative ?? []) expect(fires(detector, change), diffOf(change)).toBe(false);
    });
  }

  it('names each finding once with its points, files and count', () => {
    const diff =
      diffOf(adds('src/a.js', '  eval(input);', '  eval(other);')) + diffOf(adds('src/b.js', '  eval(input);'));
    expect(securityParts(changedLines(diff))).toEqual([
      { name: 'security:eval', points: 40, detail: 'adds eval(): runs a string as code (3× in src/a.js, src/b.js)' },
    ]);
  });

  it('treats an unparseable diff as risky', () => {
    expect(securityParts(changedLines('@@ -1,5 +1,1 @@\n-a\n+b\n'))).toEqual([
      { name: 'security:unreadable-diff', points: 40, detail: 'the diff could not be parsed' },
    ]);
  });
});
