import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildGroupEvents, groupByStream } from '../../core/pipeline/ingestGroups.ts';
import { createRegistry } from '../../plugins/index.ts';
import { MessageError, parseIngestBody } from './messages.ts';

// Real runtime output: the Python demo's log as its service wrote it (examples/python-inventory/logs/crash.log).
const PYTHON_LOG = readFileSync(join(import.meta.dirname, '../../examples/python-inventory/logs/crash.log'), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const PINO_LINE = readFileSync(join(import.meta.dirname, '../../examples/orders-service/logs/crash.log'), 'utf8')
  .split('\n')
  .find((l) => l.includes('"level":50'));

/** A subscription delivery as CloudWatch Logs hands it to its destination: `{awslogs: {data: base64(gzip(json))}}`. */
function subscriptionBody(payload: unknown): string {
  return JSON.stringify({ awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } });
}

/** The log's first traceback block: the ERROR line and every line after it up to the next timestamped record. */
function firstTraceback(lines: readonly string[]): string[] {
  const start = lines.findIndex((l) => / ERROR /.test(l));
  const end = lines.findIndex((l, i) => i > start && /^\d{4}-\d\d-\d\d /.test(l));
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('parseIngestBody: the three shapes an ingest message may have', () => {
  it('takes a body that is not a batch or an envelope as one log line, a JSON log record included', async () => {
    expect(await parseIngestBody('plain stderr line')).toEqual({
      lines: ['plain stderr line'],
      service: null,
      stream: null,
    });
    expect(PINO_LINE).toBeDefined();
    expect(await parseIngestBody(PINO_LINE as string)).toEqual({ lines: [PINO_LINE], service: null, stream: null });
  });

  it('takes a batch of lines with the sender service and stream', async () => {
    const body = JSON.stringify({ lines: PYTHON_LOG.slice(0, 3), service: 'inventory', stream: 'pod-1' });
    expect(await parseIngestBody(body)).toEqual({
      lines: PYTHON_LOG.slice(0, 3),
      service: 'inventory',
      stream: 'pod-1',
    });
  });

  it('unpacks a CloudWatch Logs subscription delivery: a multi-line event becomes its lines, the group names the service', async () => {
    const traceback = firstTraceback(PYTHON_LOG);
    expect(traceback.length).toBeGreaterThan(3);
    const payload = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/aws/lambda/inventory',
      logStream: '2026/11/24/[$LATEST]0123456789abcdef',
      subscriptionFilters: ['homeostasis'],
      logEvents: [
        { id: '1', timestamp: 1_795_000_000_000, message: `${PYTHON_LOG[0]}\n` },
        // The runtime's logger writes a record and its traceback as one event.
        { id: '2', timestamp: 1_795_000_000_100, message: `${traceback.join('\n')}\n` },
      ],
    };
    const parsed = await parseIngestBody(subscriptionBody(payload));
    expect(parsed).toEqual({
      lines: [PYTHON_LOG[0], ...traceback],
      service: 'inventory',
      stream: '/aws/lambda/inventory:2026/11/24/[$LATEST]0123456789abcdef',
    });

    // What ingest makes of it: the traceback is one Python error event of that service.
    const groups = groupByStream([{ messageId: 'm-1', sentAt: 0, ...parsed }]);
    const events = groups.flatMap((g) => buildGroupEvents(g, { registry: createRegistry(), environment: 'test' }));
    expect(events.map((e) => [e.event.language, e.event.service, e.event.errorType])).toEqual([
      ['python', 'inventory', 'ZeroDivisionError'],
    ]);
  });

  it('answers a control message (sent when a subscription is created) with no lines', async () => {
    const control = { messageType: 'CONTROL_MESSAGE', logGroup: '', logStream: '', logEvents: [] };
    expect((await parseIngestBody(subscriptionBody(control))).lines).toEqual([]);
  });

  it('refuses, with the reason, bodies that claim a shape and break it: they go to the DLQ', async () => {
    const refused = async (body: string) =>
      (await parseIngestBody(body).then(
        () => null,
        (e: unknown) => e,
      )) as Error;
    for (const [body, reason] of [
      ['', /empty body/],
      [JSON.stringify({ lines: [] }), /invalid line batch: lines/],
      [JSON.stringify({ lines: ['x'], service: 42 }), /invalid line batch: service/],
      [JSON.stringify({ awslogs: { data: 'not gzip' } }), /awslogs.data is not base64 gzip/],
      [JSON.stringify({ awslogs: { data: gzipSync('{').toString('base64') } }), /does not hold JSON/],
      [subscriptionBody({ messageType: 'DATA_MESSAGE', logGroup: 'g' }), /invalid CloudWatch payload/],
    ] as const) {
      const error = await refused(body);
      expect(error, body).toBeInstanceOf(MessageError);
      expect(error.message, body).toMatch(reason);
    }
  });
});
