// Child process that hosts one deployed function: imports its code once (like a warm Lambda container), then runs
// one invocation per IPC message. Started by functionHost.ts with the function's environment.
//   node --import tsx localstack/runtime/functionWorker.ts <module path> <export name>
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type ContextFields, lambdaContext } from './sqsEvent.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

interface Invocation {
  id: number;
  event: unknown;
  context: ContextFields;
}

const [modulePath, exportName] = process.argv.slice(2);
if (!modulePath || !exportName || !process.send) {
  process.stderr.write('usage: functionWorker <module> <export> (with an IPC channel)\n');
  process.exit(2);
}

const loaded: Promise<Handler> = import(pathToFileURL(modulePath).href).then((mod: Record<string, unknown>) => {
  const handler = mod[exportName];
  if (typeof handler !== 'function') throw new Error(`${modulePath} does not export a function '${exportName}'`);
  return handler as Handler;
});

process.on('message', async (message: Invocation) => {
  try {
    const handler = await loaded;
    const result = await handler(message.event, lambdaContext(message.context));
    process.send?.({ id: message.id, ok: true, result: result ?? null });
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.send?.({ id: message.id, ok: false, error: text });
  }
});
