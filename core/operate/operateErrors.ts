/**
 * Errors of the healing desk (core/operate). Every transport maps these, and only these, to its own codes:
 * gRPC (services/shared/healingCodec.ts) and REST (services/api). `code` is the stable, transport-neutral name.
 */
export class OperateError extends Error {
  override name = 'OperateError';
  readonly code: OperateErrorCode = 'internal';
}

export type OperateErrorCode = 'not-found' | 'invalid-argument' | 'conflict' | 'unavailable' | 'internal';

/** No healing has this id (it has no events). */
export class HealingNotFoundError extends OperateError {
  override name = 'HealingNotFoundError';
  override readonly code = 'not-found';
  constructor(readonly healingId: string) {
    super(`no healing with id ${healingId}`);
  }
}

/** A page token that this desk did not hand out (or that was altered). */
export class InvalidPageTokenError extends OperateError {
  override name = 'InvalidPageTokenError';
  override readonly code = 'invalid-argument';
}

/** A stage report whose parts do not fit together (e.g. an analysis reported by the validate stage). */
export class InvalidReportError extends OperateError {
  override name = 'InvalidReportError';
  override readonly code = 'invalid-argument';
}

/** A request that is well formed but illegal in the healing's current state (a report or a decision too late). */
export class HealingConflictError extends OperateError {
  override name = 'HealingConflictError';
  override readonly code = 'conflict';
}

/**
 * A decision core/approve refused. `reason` is core/approve's DecisionError code: a missing reason or a reserved
 * actor name is an invalid argument; approving twice, or deciding a healing not awaiting approval, or a
 * security-review tier approved without the 'security' role, is a conflict with the healing's state.
 */
export class DecisionRefusedError extends OperateError {
  override name = 'DecisionRefusedError';
  override readonly code: OperateErrorCode;
  constructor(
    message: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = INVALID_DECISIONS.has(reason) ? 'invalid-argument' : 'conflict';
  }
}

const INVALID_DECISIONS: ReadonlySet<string> = new Set(['reason-required', 'reserved-actor']);

/** The desk was built without the port a call needs (e.g. no ControlStore for the kill switch). */
export class DeskUnavailableError extends OperateError {
  override name = 'DeskUnavailableError';
  override readonly code = 'unavailable';
}
