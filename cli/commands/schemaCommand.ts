import { errorEventJsonSchema } from '../../core/schema/errorEvent.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';

export async function runSchema(): Promise<ExitCode> {
  process.stdout.write(`${JSON.stringify(errorEventJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
