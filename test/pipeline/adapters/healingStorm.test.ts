import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAwsClients } from '../../../adapters/aws/awsClients.ts';
import { DynamoClaimStore } from '../../../adapters/aws/dynamoClaimStore.ts';
import { DynamoControlStore } from '../../../adapters/aws/dynamoControlStore.ts';
import { DynamoHealingStore } from '../../../adapters/aws/dynamoHealingStore.ts';
import { DynamoIdempotency } from '../../../adapters/aws/dynamoIdempotency.ts';
import { limitPolicyFor } from '../../../core/limits/limitPolicy.ts';
import { type BatchIngestDeps, ingestRecords } from '../../../core/pipeline/ingestBatch.ts';
import type { IngestRecord } from '../../../core/pipeline/ingestGroups.ts';
import { HealingRecorder } from '../../../core/workflow/healingRecorder.ts';
import { createRegistry } from '../../../plugins/index.ts';
import { type LocalCloud, startLocalCloud } from '../../setup/localCloud.ts';
import { createPipelineTables } from '../support/pipelineTables.ts';
import { createControlTable } from './controlTable.ts';

// The real ingest stage (ingestRecords → ingestFingerprint → admitHealing) on the DynamoDB adapters, on moto.
// Time is simulated by faking Date only (the recorder, the stores and the limits all read it); timers stay real.
const LOG = readFileSync(new URL('../../../examples/orders-service/logs/crash.log', import.meta.url), 'utf8');
const PERCENT = LOG.split('\n').find((l) => l.includes('"level":50') && l.includes("reading 'percent'")) as string;
const MIN = 60_000;
const T0 = Date.parse('2026-11-24T06:00:00Z');

let cloud: LocalCloud;
let clients: ReturnType<typeof createAwsClients>;
beforeAll(async () => {
  cloud = await startLocalCloud();
  process.env['AWS_ACCESS_KEY_ID'] = cloud.credentials.accessKeyId;
  process.env['AWS_SECRET_ACCESS_KEY'] = cloud.credentials.secretAccessKey;
  clients = createAwsClients({ endpoint: cloud.endpoint, region: cloud.region });
});
afterAll(async () => {
  clients?.dynamo.destroy();
  await cloud?.stop();
});
afterEach(() => {
  vi.useRealTimers();
});

async function pipeline() {
  const tables = await createPipelineTables(cloud.endpoint, 'storm');
  const control = await createControlTable(clients.dynamo, 'storm-control');
  const store = new DynamoHealingStore(clients.dynamo, tables);
  const claims = new DynamoClaimStore(clients.dynamo, tables.occurrences);
  const idempotency = new DynamoIdempotency(clients.dynamo, tables.processed);
  const sent: string[] = [];
  let ids = 0;
  let messages = 0;
  const deps: BatchIngestDeps = {
    store,
    claims,
    occurrences: claims,
    idempotency,
    messages: idempotency,
    messageKey: (id) => `ingest#msg#${id}`,
    recent: null,
    registry: createRegistry(),
    environment: 'production',
    policy: { cooldownMs: 60 * MIN, claimStaleMs: MIN },
    limits: {
      control: new DynamoControlStore(clients.dynamo, control),
      policy: limitPolicyFor('production', { maxAttemptsPerFingerprint: 3, escalateAfterFailures: 2 }),
    },
    sendAnalyze: async (id) => {
      sent.push(id);
    },
    newId: () => `storm-${++ids}`,
    now: () => new Date(),
  };
  /** `lines` log lines of the same error, one message each, in one queue batch. */
  const storm = (lines: number): IngestRecord[] =>
    Array.from({ length: lines }, () => ({
      messageId: `m${++messages}`,
      sentAt: messages,
      lines: [PERCENT],
      service: 'orders',
      stream: 'orders-1',
    }));
  return { deps, store, sent, storm };
}

/** The later stages, failing: what analyze, patch and validate record for a fix whose tests fail. */
async function failValidation(store: DynamoHealingStore, healingId: string, fingerprint: string): Promise<void> {
  const recorder = await HealingRecorder.open(store, healingId, { fingerprint, service: 'orders', category: 'x' });
  await recorder.record('analyzed', 'matched a rule');
  await recorder.record('candidates-generated', 'two candidates');
  await recorder.record('validation-started', 'validating');
  await recorder.record('validation-failed', 'every candidate failed the tests');
}

describe('limits on the ingest stage (DynamoDB on moto)', () => {
  it('stop a storm of healings for one fingerprint: max attempts start, the rest are suppressed, one escalation', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { deps, store, sent, storm } = await pipeline();
    const perRound: { started: number; reasons: string[] }[] = [];
    for (let round = 0; round < 8; round++) {
      const at = T0 + round * 80 * MIN;
      vi.setSystemTime(at);
      const before = sent.length;
      const result = await ingestRecords(storm(10), deps);
      expect([...result.messages.values()].every((m) => m.status === 'processed')).toBe(true);
      // Ten minutes later the error is still pouring in: nothing new starts, suppressed or not.
      vi.setSystemTime(at + 10 * MIN);
      const again = await ingestRecords(storm(10), deps);
      perRound.push({
        started: sent.length - before,
        reasons: [...result.fingerprints, ...again.fingerprints].map((f) => f.reason),
      });
      const started = sent.slice(before);
      const fingerprint = result.fingerprints[0]?.fingerprint as string;
      vi.setSystemTime(at + 15 * MIN);
      for (const id of started) await failValidation(store, id, fingerprint);
    }
    expect(perRound.map((r) => r.started)).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    expect(perRound[3]?.reasons[0]).toMatch(/^healing storm-4 suppressed: 3 attempt\(s\) for this fingerprint failed/);
    // The second wave finds the round's healing open (rounds 0-2) or the suppressed one holding the claim (3-7).
    expect(perRound.slice(0, 3).map((r) => r.reasons[1])).toEqual(
      [1, 2, 3].map((n) => `healing storm-${n} is detected`),
    );
    expect(perRound.slice(3).map((r) => r.reasons[1])).toEqual(
      [4, 5, 6, 7, 8].map((n) => `healing storm-${n} ended suppressed; cooling down`),
    );

    const fingerprint = (await store.list({}))[0]?.fingerprint as string;
    const healings = await store.list({ fingerprint });
    // One healing per round (eight), never one per log line (160 lines).
    expect(healings).toHaveLength(8);
    expect(healings.filter((h) => h.state === 'validation-failed')).toHaveLength(3);
    expect(healings.filter((h) => h.state === 'suppressed')).toHaveLength(5);
    const timelines = await Promise.all(healings.map((h) => store.events(h.id)));
    const escalations = timelines.flat().filter((e) => e.type === 'escalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ healingId: 'storm-3', data: { failures: 2 } });
    for (const events of timelines.filter((t) => t.at(-1)?.type === 'suppressed')) {
      expect(events.at(-1)?.data).toMatchObject({ limit: 'max-attempts' });
    }
    expect((await store.occurrence(fingerprint))?.count).toBe(160);
  });
});
