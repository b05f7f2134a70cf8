/**
 * Message normalization for grouping: the same bug with other data must read the same.
 * Order matters: the most specific shapes (uuids, timestamps, addresses) are masked before plain numbers.
 * Every pattern is linear so normalization stays cheap on long messages.
 */
const RULES: readonly [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<ts>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Quoted values: V8 quotes property names and JSON input, Python quotes keys, Java quotes variable names.
  [/'[^'\n]{0,200}'/g, '<q>'],
  [/"[^"\n]{0,200}"/g, '<q>'],
  [/`[^`\n]{0,200}`/g, '<q>'],
  // Long hex or mixed alphanumeric ids (object ids, hashes, order ids such as ord_8f3k2j9x).
  [/\b[0-9a-f]{12,}\b/gi, '<id>'],
  [/\b(?=[A-Za-z_-]*\d)(?=\d*[A-Za-z])[A-Za-z0-9_-]{8,}\b/g, '<id>'],
  [/\b\d+(?:\.\d+)?\b/g, '<n>'],
];

export function normalizeMessage(message: string): string {
  let out = message.length > 2000 ? message.slice(0, 2000) : message;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, ' ').trim();
}
