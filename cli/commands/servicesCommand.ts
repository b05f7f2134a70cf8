import { createAwsClients } from '../../adapters/aws/awsClients.ts';
import { DynamoServiceRegistry } from '../../adapters/aws/dynamoServiceRegistry.ts';
import { stackOutput, uploadSource } from '../../adapters/aws/sourceUpload.ts';
import { type ServiceConfig, ServiceConfigSchema, type SourceLocation } from '../../core/pipeline/serviceConfig.ts';
import { OUTPUT_KEYS } from '../../infra/cdk/lib/contract.ts';
import { stackNames } from '../../infra/cdk/lib/homeostasisStacks.ts';
import { CliError } from '../cliError.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';

export interface RegisterFlags {
  service: string;
  language: string;
  source: string;
  tokenSecret?: string;
  test: string;
  reproduce?: string;
  map?: string[];
  stepTimeout?: string;
  table?: string;
  stage: string;
}

export interface UploadFlags {
  service: string;
  repo: string;
  bucket?: string;
  withDependencies?: boolean;
  stage: string;
}

/** `s3://bucket/key` or a git URL (https:// or file:///). */
export function parseSource(text: string, tokenSecretArn?: string): SourceLocation {
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(text);
  if (s3) {
    if (tokenSecretArn) throw new CliError('--token-secret applies to git sources only', EXIT.usage);
    return { kind: 's3', bucket: s3[1] as string, key: s3[2] as string };
  }
  if (/^(https:\/\/|file:\/\/\/)/.test(text))
    return { kind: 'git', url: text, ...(tokenSecretArn ? { tokenSecretArn } : {}) };
  throw new CliError('--source must be s3://bucket/key, an https:// git URL or a file:/// git URL', EXIT.usage);
}

/** `--map /var/task/=` -> { from: '/var/task/', to: '' }. */
export function parseMapping(text: string): { from: string; to: string } {
  const i = text.indexOf('=');
  if (i <= 0) throw new CliError(`--map expects <runtime prefix>=<repository prefix>, got '${text}'`, EXIT.usage);
  return { from: text.slice(0, i), to: text.slice(i + 1) };
}

/** Writes the service's registry item into the deployed stack's services table. */
export async function runServicesRegister(flags: RegisterFlags): Promise<ExitCode> {
  const candidate = {
    service: flags.service,
    language: flags.language,
    source: parseSource(flags.source, flags.tokenSecret),
    testCommand: flags.test,
    ...(flags.reproduce ? { reproduceCommand: flags.reproduce } : {}),
    pathMappings: (flags.map ?? []).map(parseMapping),
    ...(flags.stepTimeout ? { stepTimeoutMs: Number(flags.stepTimeout) * 1000 } : {}),
    delivery: {},
  };
  const parsed = ServiceConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`invalid service: ${issue?.path.join('.')}: ${issue?.message}`, EXIT.usage);
  }
  const config: ServiceConfig = parsed.data;
  const table = flags.table ?? (await stackOutput(stackNames(flags.stage).data, OUTPUT_KEYS.servicesTable));
  const clients = createAwsClients();
  await new DynamoServiceRegistry(clients.dynamo, table).put(config);
  process.stdout.write(`registered ${config.service} in ${table}\n`);
  return EXIT.ok;
}

/** Tars a repository and puts it in the stack's source bucket; prints the s3:// URL to register. */
export async function runServicesUpload(flags: UploadFlags): Promise<ExitCode> {
  const bucket = flags.bucket ?? (await stackOutput(stackNames(flags.stage).data, OUTPUT_KEYS.sourceBucket));
  const clients = createAwsClients();
  const out = await uploadSource(clients.s3, {
    service: flags.service,
    repoDir: flags.repo,
    bucket,
    withDependencies: flags.withDependencies ?? false,
  });
  process.stdout.write(`s3://${out.bucket}/${out.key}\n`);
  return EXIT.ok;
}
