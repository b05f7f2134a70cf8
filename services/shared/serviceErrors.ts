import { status } from '@grpc/grpc-js';
import { ZodError } from 'zod';
import { UnsupportedLanguageError } from '../../core/plugin/pluginRegistry.ts';

/** Base error of the gRPC services. */
export class ServiceError extends Error {
  override name = 'ServiceError';
}

/** A request that does not match its schema (a field missing, an unknown language or category). */
export class InvalidRequestError extends ServiceError {
  override name = 'InvalidRequestError';
}

/** The process is shutting down and takes no new work. */
export class ShuttingDownError extends ServiceError {
  override name = 'ShuttingDownError';
}

export interface GrpcStatus {
  code: status;
  details: string;
}

/**
 * The one place where errors become gRPC status codes. Anything unexpected is INTERNAL with its message only:
 * a stack trace names files of the host and is of no use to a caller.
 */
export function toGrpcStatus(error: unknown): GrpcStatus {
  if (error instanceof ZodError) return { code: status.INVALID_ARGUMENT, details: summarizeZod(error) };
  if (error instanceof InvalidRequestError) return { code: status.INVALID_ARGUMENT, details: error.message };
  if (error instanceof UnsupportedLanguageError) return { code: status.NOT_FOUND, details: error.message };
  if (error instanceof ShuttingDownError) return { code: status.UNAVAILABLE, details: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: status.INTERNAL, details: message };
}

function summarizeZod(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
