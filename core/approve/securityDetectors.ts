import { scrubSecrets } from '../scrub/secretScrubber.ts';

export type DetectorLanguage = 'javascript' | 'python' | 'java' | 'go' | 'any';

/**
 * One security-sensitive change a patch can make. `side` says which lines are read: what the patch ADDS (new
 * code execution, SQL built from strings, swallowed errors, secrets) or what it REMOVES (checks). A removed check
 * only counts when the file loses more matching lines than it gains, so rewording a `throw` is not "removing" it.
 */
export interface ChangeDetector {
  /** The risk part's name is `security:<name>`; several detectors may share a name (one per language). */
  name: string;
  points: number;
  detail: string;
  languages: readonly DetectorLanguage[];
  side: 'added' | 'removed';
  /** Counts matches in the file's added (or removed) lines, joined by newlines so a pattern may span lines. */
  pattern?: RegExp;
  /** For detectors that are not one regular expression; returns the number of matching lines. */
  count?: (lines: readonly string[]) => number;
}

const JS = ['javascript'] as const;
const PY = ['python'] as const;
const ANY = ['any'] as const;

// SQL keywords that start a statement inside a string literal; a bare `update(` in code is not SQL.
const SQL = String.raw`(?:SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b`;

/** Secret kinds of core/scrub that look like credentials (an e-mail or a card-like number in code is not a key). */
const SECRET_KINDS = new Set([
  'aws-access-key',
  'aws-secret-key',
  'bearer',
  'jwt',
  'github-token',
  'slack-token',
  'private-key',
  'url-credentials',
]);
// `password = "hunter2"`: a credential field assigned a string literal (not `password = req.body.password`).
const CREDENTIAL_LITERAL =
  /(?:password|passwd|secret|token|api[_-]?key|apikey|client[_-]?secret)["']?\s*[:=]\s*["'`][^"'`\s$]{6,}["'`]/i;

function secretLines(lines: readonly string[]): number {
  return lines.filter((line) => {
    if (CREDENTIAL_LITERAL.test(line)) return true;
    return scrubSecrets(line).found.some((kind) => SECRET_KINDS.has(kind));
  }).length;
}

/** The default detectors; points are from the default table in the README of core/approve (see riskScore.ts). */
export const CHANGE_DETECTORS: readonly ChangeDetector[] = [
  // Code execution from strings.
  {
    name: 'eval',
    points: 40,
    detail: 'adds eval(): runs a string as code',
    languages: JS,
    side: 'added',
    pattern: /(?<![.\w])eval\s*\(/g,
  },
  {
    name: 'eval',
    points: 40,
    detail: 'adds new Function(): runs a string as code',
    languages: JS,
    side: 'added',
    pattern: /\bnew\s+Function\s*\(/g,
  },
  {
    name: 'eval',
    points: 40,
    detail: 'adds eval()/exec(): runs a string as code',
    languages: PY,
    side: 'added',
    pattern: /(?<![.\w])(?:eval|exec)\s*\(/g,
  },
  // Processes and shells.
  {
    name: 'shell',
    points: 40,
    detail: 'uses child_process',
    languages: JS,
    side: 'added',
    pattern: /['"](?:node:)?child_process['"]/g,
  },
  {
    name: 'shell',
    points: 40,
    detail: 'calls exec()/execSync(): runs a shell command line',
    languages: JS,
    side: 'added',
    pattern: /(?<![.\w])exec(?:Sync)?\s*\(|\bcp\.exec(?:Sync)?\s*\(/g,
  },
  {
    name: 'shell',
    points: 40,
    detail: 'spawns a process with shell: true',
    languages: JS,
    side: 'added',
    pattern: /\bshell\s*:\s*true\b/g,
  },
  {
    name: 'shell',
    points: 40,
    detail: 'runs a shell: subprocess(..., shell=True)',
    languages: PY,
    side: 'added',
    pattern: /\bshell\s*=\s*True\b/g,
  },
  {
    name: 'shell',
    points: 40,
    detail: 'runs a shell: os.system()/os.popen()',
    languages: PY,
    side: 'added',
    pattern: /\bos\.(?:system|popen)\s*\(/g,
  },
  {
    name: 'shell',
    points: 40,
    detail: 'starts a process: Runtime.exec()',
    languages: ['java'],
    side: 'added',
    pattern: /\bRuntime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*exec\s*\(/g,
  },
  {
    name: 'shell',
    points: 40,
    detail: 'starts a process: ProcessBuilder',
    languages: ['java'],
    side: 'added',
    pattern: /\bnew\s+ProcessBuilder\s*[(<]/g,
  },
  {
    name: 'shell',
    points: 40,
    detail: 'starts a process: exec.Command()',
    languages: ['go'],
    side: 'added',
    pattern: /\bexec\.Command(?:Context)?\s*\(/g,
  },
  // SQL built from strings (injection).
  {
    name: 'sql-string',
    points: 35,
    detail: 'builds SQL by interpolation or concatenation',
    languages: ['javascript', 'java'],
    side: 'added',
    pattern: new RegExp(String.raw`["'\x60]\s*${SQL}[^"'\x60\n]*(?:\$\{|["'\x60]\s*\+)`, 'gi'),
  },
  {
    name: 'sql-string',
    points: 35,
    detail: 'builds SQL with an f-string, % or .format()',
    languages: PY,
    side: 'added',
    pattern: new RegExp(
      String.raw`\bf["']\s*${SQL}[^"'\n]*\{|["']\s*${SQL}[^"'\n]*["']\s*(?:%\s*[\w(]|\.format\s*\(|\+)`,
      'gi',
    ),
  },
  {
    name: 'sql-string',
    points: 35,
    detail: 'builds SQL with fmt.Sprintf or +',
    languages: ['go'],
    side: 'added',
    pattern: new RegExp(
      String.raw`\bfmt\.Sprintf\s*\(\s*["\x60]\s*${SQL}|["\x60]\s*${SQL}[^"\x60\n]*["\x60]\s*\+`,
      'gi',
    ),
  },
  // Weakened checks: fewer error paths, assertions, guards or authorisation calls than before.
  {
    name: 'weakened-check',
    points: 20,
    detail: 'removes a throw/raise/panic',
    languages: ANY,
    side: 'removed',
    pattern: /\b(?:throw|raise)\b|\bpanic\s*\(/g,
  },
  {
    name: 'weakened-check',
    points: 20,
    detail: 'removes an assertion',
    languages: ANY,
    side: 'removed',
    pattern: /\bassert\b|\brequireNonNull\s*\(|\binvariant\s*\(/g,
  },
  {
    name: 'weakened-check',
    points: 20,
    detail: 'removes a negative guard (if (!…) / if not …)',
    languages: ANY,
    side: 'removed',
    pattern: /\bif\s*\(\s*!|\bif\s+not\b/g,
  },
  {
    name: 'auth-check',
    points: 40,
    detail: 'removes an authentication/authorisation check',
    languages: ANY,
    side: 'removed',
    pattern:
      /\b(?:authori[sz]e|authenticate|isAuthenticated|ensureAuthenticated|requireAuth|checkPermission|hasPermission|hasRole|isAdmin|verifyToken|verifySignature|csrf)\w*/gi,
  },
  // Errors made silent.
  {
    name: 'swallowed-error',
    points: 15,
    detail: 'adds an empty catch block',
    languages: ['javascript', 'java'],
    side: 'added',
    pattern: /\bcatch\s*(?:\([^)]*\))?\s*\{\s*\}/g,
  },
  {
    name: 'swallowed-error',
    points: 15,
    detail: 'adds an except that only passes',
    languages: PY,
    side: 'added',
    pattern: /\bexcept\b[^:\n]*:\s*pass\b/g,
  },
  {
    name: 'swallowed-error',
    points: 15,
    detail: 'discards an error (_ = err)',
    languages: ['go'],
    side: 'added',
    pattern: /\b_\s*=\s*err\b/g,
  },
  // Secrets.
  {
    name: 'secret',
    points: 45,
    detail: 'adds a literal that looks like a credential',
    languages: ANY,
    side: 'added',
    count: secretLines,
  },
];

/** The detector language of a path by its extension; null for files no detector reads specifically. */
export function detectorLanguage(path: string): Exclude<DetectorLanguage, 'any'> | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === undefined) return null;
  if (['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx'].includes(ext)) return 'javascript';
  if (ext === 'py') return 'python';
  if (ext === 'java' || ext === 'kt') return 'java';
  if (ext === 'go') return 'go';
  return null;
}

/** How many times `detector` fires on a list of lines. */
export function countMatches(detector: ChangeDetector, lines: readonly string[]): number {
  if (detector.count) return detector.count(lines);
  if (!detector.pattern || lines.length === 0) return 0;
  const flags = detector.pattern.flags.includes('g') ? detector.pattern.flags : `${detector.pattern.flags}g`;
  return [...lines.join('\n').matchAll(new RegExp(detector.pattern.source, flags))].length;
}
