/**
 * Masks secrets in text that came from logs before it is stored or printed. Logs are untrusted and often hold
 * credentials by accident (a bearer header in a request dump, a DSN in a connection error).
 * Every pattern is linear (no nested quantifiers) because it runs on every event's message, context and excerpt.
 */
interface SecretPattern {
  kind: string;
  pattern: RegExp;
  /** Group index of the secret part to mask; 0 masks the whole match. */
  group: number;
}

const PATTERNS: readonly SecretPattern[] = [
  // AWS access key ids have a fixed 4-letter prefix and 16 more characters (IAM identifiers reference).
  { kind: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, group: 0 },
  { kind: 'aws-secret-key', pattern: /(aws_?secret_?access_?key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})/gi, group: 2 },
  { kind: 'bearer', pattern: /(\b(?:Bearer|Basic|Token)\s+)([A-Za-z0-9._~+/=-]{8,})/g, group: 2 },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, group: 0 },
  { kind: 'github-token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g, group: 0 },
  { kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, group: 0 },
  {
    kind: 'private-key',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[^-]*-----END [A-Z ]*PRIVATE KEY-----/g,
    group: 0,
  },
  // user:password@host in URLs and DSNs.
  { kind: 'url-credentials', pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi, group: 2 },
  {
    kind: 'credential-field',
    pattern:
      /((?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|client[_-]?secret|authorization|cookie|session[_-]?id)["']?\s*[:=]\s*["']?)([^\s"',;&}]{3,})/gi,
    group: 2,
  },
  { kind: 'email', pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g, group: 0 },
  // 13-19 digits, optionally grouped by spaces or dashes: the card-number lengths of ISO/IEC 7812.
  { kind: 'card-number', pattern: /\b\d(?:[ -]?\d){12,18}\b/g, group: 0 },
];

export const MASK = '[REDACTED]';

export interface ScrubResult {
  text: string;
  /** Kinds of secrets found, for counting; never the secrets themselves. */
  found: string[];
}

export function scrubSecrets(text: string): ScrubResult {
  const found: string[] = [];
  let out = text;
  for (const { kind, pattern, group } of PATTERNS) {
    pattern.lastIndex = 0;
    if (!pattern.test(out)) continue;
    pattern.lastIndex = 0;
    out = out.replace(pattern, (...args: unknown[]) => {
      const match = args[0] as string;
      if (kind === 'card-number' && !luhnValid(match)) return match;
      found.push(kind);
      if (group === 0) return MASK;
      const groups = args.slice(1, -2) as (string | undefined)[];
      return groups.map((g, i) => (i + 1 === group ? MASK : (g ?? ''))).join('');
    });
  }
  return { text: out, found };
}

/** Scrubs only the values of a string record (tags, context). */
export function scrubRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    const sensitiveKey = /pass|secret|token|key|auth|cookie|session/i.test(key);
    out[key] = sensitiveKey ? MASK : scrubSecrets(value).text;
  }
  return out;
}

/** Card-like digit runs are only masked when they pass the Luhn check, so order ids and timestamps survive. */
function luhnValid(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '');
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
