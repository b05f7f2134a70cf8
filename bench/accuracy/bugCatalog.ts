import type { Category, Language } from '../../core/schema/taxonomy.ts';

/** What a human who read the program knows about one of its bugs: the truth the benchmark scores against. */
export interface BugLabel {
  /** Unique over the corpus: events of the same id must share a fingerprint, of different ids must not. */
  id: string;
  language: Language;
  /** The name the program's entry point dispatches on (the buggy function). */
  entry: string;
  /** As the runtime names it (Go has no exception classes: `runtime.Error` for the runtime's own panics). */
  errorType: string;
  category: Category;
  /** The innermost frame of the application's own code: file basename and bare function name. */
  topFrame: { file: string; function: string };
  /** Inputs that all trigger the bug; variants use different ones. At least 3. */
  inputs: readonly string[];
}

/**
 * Four bugs per language, in two pairs that look alike (same error type, another function or file), so the
 * fingerprint must tell them apart while grouping each bug's variants.
 */
export const BUG_CATALOG: readonly BugLabel[] = [
  {
    id: 'js-price-undefined',
    language: 'javascript',
    entry: 'lineTotal',
    errorType: 'TypeError',
    category: 'null-reference',
    topFrame: { file: 'pricing.mjs', function: 'lineTotal' },
    inputs: ['Z9', 'Q1', 'X7'],
  },
  {
    id: 'js-user-undefined',
    language: 'javascript',
    entry: 'displayName',
    errorType: 'TypeError',
    category: 'null-reference',
    topFrame: { file: 'users.mjs', function: 'displayName' },
    inputs: ['u7', 'u42', 'guest'],
  },
  {
    id: 'js-config-json',
    language: 'javascript',
    entry: 'parseConfig',
    errorType: 'SyntaxError',
    category: 'parse-error',
    topFrame: { file: 'config.mjs', function: 'parseConfig' },
    inputs: ['{bad', '{"port": 80,}', '[1, 2'],
  },
  {
    id: 'js-limits-json',
    language: 'javascript',
    entry: 'parseLimits',
    errorType: 'SyntaxError',
    category: 'parse-error',
    topFrame: { file: 'config.mjs', function: 'parseLimits' },
    inputs: ['{"max": }', 'undefined', "{'max': 3}"],
  },
  {
    id: 'py-rate-key',
    language: 'python',
    entry: 'shipping_cost',
    errorType: 'KeyError',
    category: 'missing-key',
    topFrame: { file: 'orders.py', function: 'shipping_cost' },
    inputs: ['XX', 'ZZ', 'it'],
  },
  {
    id: 'py-role-key',
    language: 'python',
    entry: 'role_of',
    errorType: 'KeyError',
    category: 'missing-key',
    topFrame: { file: 'users.py', function: 'role_of' },
    inputs: ['bob', 'eve', 'mallory'],
  },
  {
    id: 'py-average-zero',
    language: 'python',
    entry: 'average_price',
    errorType: 'ZeroDivisionError',
    category: 'division-by-zero',
    topFrame: { file: 'orders.py', function: 'average_price' },
    inputs: ['0', '00', '-0'],
  },
  {
    id: 'py-email-none',
    language: 'python',
    entry: 'email_domain',
    errorType: 'AttributeError',
    category: 'null-reference',
    topFrame: { file: 'users.py', function: 'email_domain' },
    inputs: ['bob', 'eve', 'mallory'],
  },
  {
    id: 'java-total-npe',
    language: 'java',
    entry: 'total',
    errorType: 'java.lang.NullPointerException',
    category: 'null-reference',
    topFrame: { file: 'Pricing.java', function: 'total' },
    inputs: ['Z9', 'Q1', 'X7'],
  },
  {
    id: 'java-name-npe',
    language: 'java',
    entry: 'displayName',
    errorType: 'java.lang.NullPointerException',
    category: 'null-reference',
    topFrame: { file: 'Users.java', function: 'displayName' },
    inputs: ['u7', 'u42', 'guest'],
  },
  {
    id: 'java-slot-index',
    language: 'java',
    entry: 'slot',
    errorType: 'java.lang.ArrayIndexOutOfBoundsException',
    category: 'index-out-of-range',
    topFrame: { file: 'Inventory.java', function: 'slot' },
    inputs: ['5', '9', '-1'],
  },
  {
    id: 'java-quantity-number',
    language: 'java',
    entry: 'quantity',
    errorType: 'java.lang.NumberFormatException',
    category: 'invalid-conversion',
    topFrame: { file: 'Inventory.java', function: 'quantity' },
    inputs: ['abc', '12x', ''],
  },
  {
    id: 'go-price-index',
    language: 'go',
    entry: 'unitPrice',
    errorType: 'runtime.Error',
    category: 'index-out-of-range',
    topFrame: { file: 'pricing.go', function: 'unitPrice' },
    inputs: ['7', '3', '12'],
  },
  {
    id: 'go-item-zero',
    language: 'go',
    entry: 'perItem',
    errorType: 'runtime.Error',
    category: 'division-by-zero',
    topFrame: { file: 'pricing.go', function: 'perItem' },
    inputs: ['0', 'none', '00'],
  },
  {
    id: 'go-nick-nil',
    language: 'go',
    entry: 'nickname',
    errorType: 'runtime.Error',
    category: 'null-reference',
    topFrame: { file: 'users.go', function: 'nickname' },
    inputs: ['u9', 'u42', 'guest'],
  },
  {
    id: 'go-country-nil',
    language: 'go',
    entry: 'countryOf',
    errorType: 'runtime.Error',
    category: 'null-reference',
    topFrame: { file: 'users.go', function: 'countryOf' },
    inputs: ['u9', 'u42', 'guest'],
  },
];
