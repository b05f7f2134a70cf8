import {
  DeliveryError,
  FingerprintNotFoundError,
  LogUnreadableError,
  NoErrorFoundError,
  RepositoryNotFoundError,
  TestCommandMissingError,
} from '../core/heal/healErrors.ts';
import { EXIT, type ExitCode } from './exitCodes.ts';

/** An error the CLI reports as one line with a specific exit code. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** The one place where errors become exit codes. Anything unexpected is code 1, still one line. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof RepositoryNotFoundError) return EXIT.repositoryNotFound;
  if (error instanceof LogUnreadableError) return EXIT.logUnreadable;
  if (error instanceof NoErrorFoundError) return EXIT.noErrorFound;
  if (error instanceof TestCommandMissingError) return EXIT.testCommandMissing;
  if (error instanceof FingerprintNotFoundError) return EXIT.fingerprintNotFound;
  if (error instanceof DeliveryError) return EXIT.deliveryFailed;
  return EXIT.internal;
}
