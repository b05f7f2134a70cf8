import { describe, expect, it } from 'vitest';
import { isJavaScriptInApp, javaScriptPackageOf } from './inApp.ts';

describe('isJavaScriptInApp', () => {
  it.each([
    ['/srv/orders/dist/src/pricing.js', true],
    ['C:\\srv\\orders\\pricing.js', true],
    ['/srv/orders/node_modules/express/lib/router/index.js', false],
    ['C:\\srv\\orders\\node_modules\\express\\index.js', false],
    ['node_modules/pg/lib/client.js', false],
    ['node:internal/modules/cjs/loader', false],
    ['node:fs', false],
    ['internal/process/task_queues.js', false],
    ['<anonymous>', false],
    ['native', false],
    ['[eval]', false],
    ['', false],
  ])('%s -> %s', (file, expected) => {
    expect(isJavaScriptInApp(file)).toBe(expected);
  });
});

describe('javaScriptPackageOf', () => {
  it('names plain and scoped packages, the innermost node_modules winning', () => {
    expect(javaScriptPackageOf('/srv/a/node_modules/express/lib/router/index.js')).toBe('express');
    expect(javaScriptPackageOf('/srv/a/node_modules/@aws-sdk/client-sqs/dist/index.js')).toBe('@aws-sdk/client-sqs');
    expect(javaScriptPackageOf('/srv/a/node_modules/a/node_modules/b/index.js')).toBe('b');
    expect(javaScriptPackageOf('/srv/a/src/index.js')).toBeNull();
  });
});
