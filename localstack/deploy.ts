// Deploys the CDK app into a local AWS emulator (moto or LocalStack) exactly as into an account:
// synth with -c local=true, cdk bootstrap, cdk deploy --all --method=direct. Returns the stack outputs.
//   npx tsx localstack/deploy.ts [endpoint]     (default http://localhost:4566)
//   CONSUL_HTTP_ADDR / REDIS_URL in the environment become -c consulAddress / -c redisUrl (localstack/start.sh)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { stackNames } from '../infra/cdk/lib/homeostasisStacks.ts';

export interface LocalDeployOptions {
  /** Emulator endpoint; its host must be `localhost` (moto resolves TemplateURLs with a port only for that host). */
  readonly endpoint: string;
  /** @default 'dev' */
  readonly stage?: string;
  /** Cloud assembly directory. @default <repo>/.local/cdk.out.local-<pid> */
  readonly outDir?: string;
  /** Receives the CLI's output line by line. @default discarded (kept for the error message) */
  readonly onOutput?: (line: string) => void;
  /** More `-c key=value` for the app (infra/cdk/bin/app.ts), e.g. `consulAddress`, `redisUrl`. @default none */
  readonly context?: Readonly<Record<string, string>>;
}

export interface LocalDeployment {
  /** Every stack output, by output key (contract.OUTPUT_KEYS), merged across the stacks. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly stackNames: readonly string[];
  readonly durationMs: number;
}

export class LocalDeployError extends Error {
  override readonly name = 'LocalDeployError';
}

/** moto's fixed account id; LocalStack uses the same default. */
export const LOCAL_ACCOUNT = '123456789012';
export const LOCAL_REGION = 'us-east-1';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CDK_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk');
const OutputsFile = z.record(z.string(), z.record(z.string(), z.string()));

export async function deployLocal(options: LocalDeployOptions): Promise<LocalDeployment> {
  const started = Date.now();
  const endpoint = new URL(options.endpoint);
  if (endpoint.hostname !== 'localhost') {
    throw new LocalDeployError(`endpoint host must be 'localhost' (got '${endpoint.hostname}'): moto fails otherwise`);
  }
  const stage = options.stage ?? 'dev';
  const outDir = options.outDir ?? path.join(REPO_ROOT, '.local', `cdk.out.local-${process.pid}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const env = emulatorEnvironment(endpoint.origin);
  const run = (args: readonly string[], cwd = REPO_ROOT) => runCdk(args, cwd, env, options.onOutput);
  const extra = Object.entries(options.context ?? {}).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  const context = ['-c', 'local=true', '-c', `stage=${stage}`, ...extra];

  // Synthesize once (deploy then reads the cloud assembly instead of running the app again). Bootstrapping an
  // explicit environment needs no app: run from a directory without cdk.json, meanwhile, so the app runs only once.
  const bootstrapDir = mkdtempSync(path.join(tmpdir(), 'homeostasis-bootstrap-'));
  try {
    await Promise.all([
      run(['synth', ...context, '--output', outDir, '--quiet']),
      run(['bootstrap', `aws://${LOCAL_ACCOUNT}/${LOCAL_REGION}`], bootstrapDir),
    ]);
  } finally {
    rmSync(bootstrapDir, { recursive: true, force: true });
  }
  const outputsFile = path.join(outDir, 'outputs.json');
  // --method=direct: moto cannot update through change sets.
  await run([
    'deploy',
    '--all',
    '--app',
    outDir,
    '--method=direct',
    '--require-approval',
    'never',
    '--outputs-file',
    outputsFile,
  ]);

  const byStack = OutputsFile.parse(JSON.parse(readFileSync(outputsFile, 'utf8')));
  const names = stackNames(stage);
  return {
    // Cross-stack export outputs (ExportsOutput...) are CDK plumbing, not results.
    outputs: Object.fromEntries(
      Object.values(byStack)
        .flatMap((outputs) => Object.entries(outputs))
        .filter(([key]) => !key.startsWith('ExportsOutput')),
    ),
    stackNames: [names.data, names.pipeline],
    durationMs: Date.now() - started,
  };
}

/** The CLI's environment: the emulator endpoint for every SDK client, its static credentials, no profile. */
function emulatorEnvironment(endpoint: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE']) delete env[key];
  return {
    ...env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    CDK_DEFAULT_ACCOUNT: LOCAL_ACCOUNT,
    CDK_DEFAULT_REGION: LOCAL_REGION,
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    // The built-in template linter (WASM, ~3 s per synth on an idle machine) only warns; `cdk synth` still runs it.
    CDK_VALIDATION: 'false',
  };
}

async function runCdk(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  onOutput?: (line: string) => void,
): Promise<void> {
  const child = spawn(CDK_BIN, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.length === 0) continue;
      lines.push(line);
      onOutput?.(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    throw new LocalDeployError(`cdk ${args[0]} exited with ${code}:\n${lines.slice(-40).join('\n')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const endpoint = process.argv[2] ?? 'http://localhost:4566';
  // The services localstack/start.sh started (it prints these exports): the stage functions then call the plugin host.
  const context: Record<string, string> = {};
  if (process.env['CONSUL_HTTP_ADDR']) context['consulAddress'] = process.env['CONSUL_HTTP_ADDR'];
  if (process.env['REDIS_URL']) context['redisUrl'] = process.env['REDIS_URL'];
  const deployment = await deployLocal({
    endpoint,
    context,
    onOutput: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(deployment, null, 2)}\n`);
}
