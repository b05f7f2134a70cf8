import { hostname } from 'node:os';

/**
 * A tiny structured logger writing pino's JSON line format (https://getpino.io/#/docs/api?id=logger), so the
 * log shipper and dashboards that read our other (pino) services read this one too. Levels are pino's numbers.
 */
export const LEVELS = { info: 30, warn: 40, error: 50 } as const;

export type LogFields = Record<string, unknown>;

/** Anything with pino's destination shape: `process.stdout`, or an array-backed sink in tests. */
export interface LogSink {
  write(line: string): unknown;
}

/** pino's `err` serializer shape: the constructor name, message and V8 stack of the real Error object. */
export interface SerializedError {
  type: string;
  message: string;
  stack: string | undefined;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) {
    return { type: err.constructor.name, message: err.message, stack: err.stack };
  }
  return { type: typeof err, message: String(err), stack: undefined };
}

const HOSTNAME = hostname();

export class Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly bindings: LogFields = {},
  ) {}

  /** A logger whose lines also carry `bindings` (e.g. the request id). */
  child(bindings: LogFields): Logger {
    return new Logger(this.sink, { ...this.bindings, ...bindings });
  }

  info(msg: string, fields?: LogFields): void {
    this.write(LEVELS.info, msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.write(LEVELS.warn, msg, fields);
  }

  error(msg: string, err: unknown, fields?: LogFields): void {
    this.write(LEVELS.error, msg, { ...fields, err: serializeError(err) });
  }

  private write(level: number, msg: string, fields: LogFields | undefined): void {
    // Same key order as pino: level, time, pid, hostname, bindings, fields, msg.
    const record = { level, time: Date.now(), pid: process.pid, hostname: HOSTNAME, ...this.bindings, ...fields, msg };
    this.sink.write(`${JSON.stringify(record)}\n`);
  }
}

export function createLogger(sink: LogSink, bindings: LogFields = {}): Logger {
  return new Logger(sink, bindings);
}
