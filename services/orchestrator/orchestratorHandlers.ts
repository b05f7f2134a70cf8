import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import type { HealingDesk } from '../../core/operate/healingDesk.ts';
import { OperateError } from '../../core/operate/operateErrors.ts';
import {
  decodeDecideRequest,
  decodeGetRequest,
  decodeListRequest,
  decodeReportRequest,
  decodeWatchRequest,
  encodeHealing,
  encodeHealingEvent,
  encodeSummary,
} from '../shared/healingCodec.ts';
import { type GrpcStatus, ServiceError, ShuttingDownError, toGrpcStatus } from '../shared/serviceErrors.ts';

export interface OrchestratorHandlerOptions {
  /** Test hook (config CALL_DELAY_MS): each unary call waits this long before calling the desk. */
  callDelayMs: number;
  /** True once shutdown began: new calls are refused with UNAVAILABLE (the caller retries another instance). */
  stopping: () => boolean;
  /** Open WatchHealing streams, so that shutdown can end them (see Orchestrator.shutdown). */
  watches: Set<OpenWatch>;
  onError?: (method: string, error: unknown) => void;
}

/** An open WatchHealing stream: shutdown calls `end` to close it with UNAVAILABLE and where to resume. */
export interface OpenWatch {
  end(reason: string): void;
}

/** The caller's deadline passed before the call ran. */
class DeadlinePassedError extends ServiceError {
  override name = 'DeadlinePassedError';
  constructor() {
    super('the deadline passed before the call ran');
  }
}

const OPERATE_CODES: Record<OperateError['code'], grpc.status> = {
  'not-found': grpc.status.NOT_FOUND,
  'invalid-argument': grpc.status.INVALID_ARGUMENT,
  conflict: grpc.status.FAILED_PRECONDITION,
  unavailable: grpc.status.UNAVAILABLE,
  internal: grpc.status.INTERNAL,
};

/** The desk's typed errors by their code; everything else as every service maps it (services/shared/serviceErrors.ts). */
export function toOrchestratorStatus(error: unknown): GrpcStatus {
  if (error instanceof DeadlinePassedError) return { code: grpc.status.DEADLINE_EXCEEDED, details: error.message };
  if (error instanceof OperateError) return { code: OPERATE_CODES[error.code], details: error.message };
  return toGrpcStatus(error);
}

/**
 * homeostasis.v1.Orchestrator: decode, call the desk, encode. No logic lives here: the desk is the one
 * implementation behind gRPC, REST and the CLI.
 */
export function orchestratorHandlers(
  desk: HealingDesk,
  options: OrchestratorHandlerOptions,
): grpc.UntypedServiceImplementation {
  const unary =
    (method: string, handle: (request: unknown) => Promise<unknown>) =>
    (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const run = async () => {
        if (options.stopping()) throw new ShuttingDownError('the orchestrator is shutting down');
        if (options.callDelayMs > 0) await sleep(options.callDelayMs);
        // A caller whose deadline passed while the call waited gets nothing done on its behalf.
        if (call.cancelled || pastDeadline(call.getDeadline())) throw new DeadlinePassedError();
        return handle(call.request);
      };
      run().then(
        (response) => callback(null, response),
        (error: unknown) => {
          if (!(error instanceof DeadlinePassedError)) options.onError?.(method, error);
          callback(toOrchestratorStatus(error));
        },
      );
    };

  return {
    GetHealing: unary('GetHealing', async (raw) => encodeHealing(await desk.get(decodeGetRequest(raw)))),
    ListHealings: unary('ListHealings', async (raw) => {
      const { filter, page } = decodeListRequest(raw);
      const listed = await desk.list(filter, page);
      return { healings: listed.healings.map(encodeSummary), nextPageToken: listed.nextToken ?? '' };
    }),
    ReportStageResult: unary('ReportStageResult', async (raw) => {
      const answer = await desk.reportStageResult(decodeReportRequest(raw));
      return { state: answer.state ?? '', applied: answer.applied };
    }),
    Decide: unary('Decide', async (raw) => {
      const { healingId, ...decision } = decodeDecideRequest(raw);
      const view = await desk.decide(healingId, decision);
      return { state: view.state, healing: encodeHealing(view) };
    }),
    WatchHealing: (call: grpc.ServerWritableStream<unknown, unknown>) => watch(desk, call, options),
  };
}

/**
 * Streams the healing's events until the client cancels (its deadline included), the healing reaches a final
 * state, or shutdown ends the stream with UNAVAILABLE and the sequence to resume after.
 */
function watch(
  desk: HealingDesk,
  call: grpc.ServerWritableStream<unknown, unknown>,
  options: OrchestratorHandlerOptions,
) {
  const controller = new AbortController();
  let lastSeq = 0;
  let ended: GrpcStatus | null = null;
  const open: OpenWatch = {
    end: (reason) => {
      ended = { code: grpc.status.UNAVAILABLE, details: `${reason}: resume with after_sequence=${lastSeq}` };
      controller.abort();
    },
  };
  call.on('cancelled', () => controller.abort());
  const run = async () => {
    if (options.stopping()) throw new ShuttingDownError('the orchestrator is shutting down');
    const { id, afterSeq } = decodeWatchRequest(call.request);
    lastSeq = afterSeq;
    options.watches.add(open);
    for await (const event of desk.watch(id, afterSeq, controller.signal)) {
      lastSeq = event.seq;
      if (!call.write(encodeHealingEvent(event))) await once(call, 'drain', { signal: controller.signal });
    }
  };
  run()
    .catch((error: unknown) => {
      if (controller.signal.aborted && !(error instanceof OperateError)) return; // cancelled while waiting to write
      options.onError?.('WatchHealing', error);
      ended = toOrchestratorStatus(error);
    })
    .finally(() => {
      options.watches.delete(open);
      if (call.cancelled) return;
      if (ended) call.emit('error', Object.assign(new Error(ended.details), ended));
      else call.end();
    });
}

function pastDeadline(deadline: grpc.Deadline): boolean {
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(at) && at <= Date.now();
}
