import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../plugins/index.ts';
import { buildGroupEvents, groupByStream, type IngestRecord } from './ingestGroups.ts';

const LOG = readFileSync(new URL('../../examples/orders-service/logs/crash.log', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
// The uncaught report at the end of the demo log: source line, caret, blank, header, four frames.
const UNCAUGHT = LOG.slice(-11);
const registry = createRegistry();
const record = (messageId: string, sentAt: number, lines: string[], stream: string | null = 's1'): IngestRecord => ({
  messageId,
  sentAt,
  lines,
  service: 'orders',
  stream,
});

describe('groupByStream', () => {
  it('joins a stream in send order, whatever order the batch arrived in', () => {
    const groups = groupByStream([
      record('b', 2, ['second']),
      record('x', 1, ['other'], 's2'),
      record('a', 1, ['first']),
    ]);
    expect(groups.map((g) => [g.stream, g.lines, g.messageIds])).toEqual([
      ['s2', ['other'], ['x']],
      ['s1', ['first', 'second'], ['a', 'b']],
    ]);
  });
});

describe('buildGroupEvents', () => {
  it('reads a trace cut across two messages as one event with all its frames', () => {
    const cut = 6; // after the header and the first frame
    const [group] = groupByStream([record('m2', 2, UNCAUGHT.slice(cut)), record('m1', 1, UNCAUGHT.slice(0, cut))]);
    const events = buildGroupEvents(group!, { registry, environment: 'test' });
    expect(events).toHaveLength(1);
    expect(events[0]?.event.errorType).toBe('TypeError');
    expect(events[0]?.event.frames.map((f) => f.function)).toEqual([
      'buildDailyReport',
      'runDailyReport',
      'Immediate.<anonymous>',
      'process.processImmediate',
    ]);
    expect(events[0]?.event.service).toBe('orders');
  });

  it('the same trace seen as two streams loses its frames: the reassembly is what keeps them', () => {
    const cut = 6;
    const groups = groupByStream([
      record('m1', 1, UNCAUGHT.slice(0, cut), 'a'),
      record('m2', 2, UNCAUGHT.slice(cut), 'b'),
    ]);
    const frames = groups
      .flatMap((g) => buildGroupEvents(g, { registry, environment: 'test' }))
      .flatMap((e) => e.event.frames);
    expect(frames.length).toBeLessThan(4);
  });

  it('gives the same event ids for a redelivered batch and the sender service over the record name', () => {
    const build = () =>
      groupByStream([record('m1', 1, LOG)]).flatMap((g) => buildGroupEvents(g, { registry, environment: 'test' }));
    const first = build();
    expect(first.length).toBeGreaterThanOrEqual(10);
    expect(build().map((e) => e.event.id)).toEqual(first.map((e) => e.event.id));
    expect(new Set(first.map((e) => e.event.service))).toEqual(new Set(['orders']));
  });
});
