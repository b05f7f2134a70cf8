import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundlePatchError, patchedLambdaBundle } from '../../adapters/aws/lambdaBundle.ts';
import { DeliveryPlanError } from '../../core/deliver/progressivePorts.ts';
import { servicePlanOf } from '../../core/deliver/servicePlan.ts';
import { DEFAULT_VERIFICATION_WINDOW_MS } from '../../core/deliver/verification.ts';
import { lambdaDeliveryOf, ServiceConfigSchema } from '../../core/pipeline/serviceConfig.ts';
import { loadOrchestratorConfig } from '../../services/orchestrator/config.ts';

const base = {
  service: 'orders',
  language: 'javascript',
  source: { kind: 's3', bucket: 'b', key: 'k' },
  testCommand: 't',
};
const parse = (delivery?: unknown) => ServiceConfigSchema.safeParse({ ...base, ...(delivery ? { delivery } : {}) });

describe('a service delivery in the registry', () => {
  it('keeps items without a typed delivery as they were, and reads a Lambda alias delivery', () => {
    expect(parse()).toMatchObject({ success: true, data: { delivery: {} } });
    const free = parse({ pullRequest: true });
    expect(free.success && lambdaDeliveryOf(free.data)).toBe(null);
    const lambda = parse({ kind: 'lambda', functionName: 'orders', alias: 'live', bakeMs: 60_000 });
    expect(lambda.success && lambdaDeliveryOf(lambda.data)).toMatchObject({ functionName: 'orders', alias: 'live' });
  });

  it('refuses an unknown kind and an incomplete Lambda delivery instead of ignoring them', () => {
    expect(parse({ kind: 'ecs' }).error?.issues[0]?.message).toContain('unknown delivery kind');
    expect(parse({ kind: 'lambda', functionName: 'orders' }).error?.issues[0]?.path).toEqual(['delivery', 'alias']);
  });

  it('turns the fields into a plan over the defaults, and refuses one that cannot run', () => {
    const plan = servicePlanOf({ kind: 'lambda', functionName: 'f', alias: 'a', bakeMs: 1_000 });
    expect(plan.policy.steps).toEqual([
      { weight: 10, bakeMs: 1_000 },
      { weight: 50, bakeMs: 1_000 },
      { weight: 100, bakeMs: 0 },
    ]);
    expect(plan.verification.windowMs).toBe(DEFAULT_VERIFICATION_WINDOW_MS);
    expect(() =>
      servicePlanOf({ kind: 'lambda', functionName: 'f', alias: 'a', steps: [{ weight: 50, bakeMs: 0 }] }),
    ).toThrow(DeliveryPlanError);
  });

  it('configures the orchestrator sweep: 30 s, 4 at once and orphans after 5 min by default, 0 turns it off', () => {
    const tables = { HEALINGS_TABLE: 'h', OCCURRENCES_TABLE: 'o', PROCESSED_TABLE: 'p', CONTROL_TABLE: 'c' };
    expect(loadOrchestratorConfig({ STORE: 'dynamodb', ...tables, SERVICES_TABLE: 's' }).delivery).toEqual({
      sweepMs: 30_000,
      concurrency: 4,
      orphanMarginMs: 300_000,
      servicesTable: 's',
    });
    expect(
      loadOrchestratorConfig({ STORE: 'dynamodb', ...tables, DELIVERY_ORPHAN_MARGIN_MS: '500' }).delivery,
    ).toMatchObject({ orphanMarginMs: 500 });
    expect(loadOrchestratorConfig({ STORE: 'dynamodb', ...tables, DELIVERY_SWEEP_MS: '0' }).delivery).toMatchObject({
      sweepMs: 0,
      servicesTable: null,
    });
  });
});

describe('the patched Lambda bundle', () => {
  const source = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-bundle-src-'));
    writeFileSync(join(dir, 'app.js'), 'old\n');
    return dir;
  };

  it('is the same bytes for the same source and patch (one CodeSha256 across instances)', async () => {
    const dir = source();
    const edits = [{ path: 'app.js', before: 'old\n', after: 'new\n' }];
    expect(Buffer.from(await patchedLambdaBundle(dir, edits))).toEqual(
      Buffer.from(await patchedLambdaBundle(dir, edits)),
    );
  });

  it('refuses a patch whose `before` is not the checked-out file, or that leaves the source tree', async () => {
    const dir = source();
    await expect(patchedLambdaBundle(dir, [{ path: 'app.js', before: 'other\n', after: 'x' }])).rejects.toThrow(
      BundlePatchError,
    );
    await expect(patchedLambdaBundle(dir, [{ path: '../app.js', before: '', after: 'x' }])).rejects.toThrow(
      BundlePatchError,
    );
    await expect(patchedLambdaBundle(dir, [{ path: '.git/config', before: '', after: 'x' }])).rejects.toThrow(
      BundlePatchError,
    );
  });
});
