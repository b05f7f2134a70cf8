import { readdirSync } from 'node:fs';
import { Duration } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { ContainerImage, type HealthCheck } from 'aws-cdk-lib/aws-ecs';

/**
 * Top-level entries of the repository the service images are built from (what the Dockerfiles COPY). Everything
 * else (node_modules, examples, .git, cdk.out: ~600 MB) is left out of the asset, which CDK copies into the cloud
 * assembly and hashes at every synth; a new top-level directory stays out until it is named here.
 */
export const IMAGE_CONTEXT_ENTRIES: ReadonlySet<string> = new Set([
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'core',
  'plugins',
  'proto',
  'services',
  'adapters',
  'embedded',
  'functions',
  'infra',
]);

/** Glob patterns that leave out of the image context everything but IMAGE_CONTEXT_ENTRIES. */
export function imageContextExcludes(projectRoot: string): string[] {
  const topLevel = readdirSync(projectRoot).filter((name) => !IMAGE_CONTEXT_ENTRIES.has(name));
  return [...topLevel.sort(), '**/node_modules', '**/*.test.ts'];
}

/**
 * A service image built from a Dockerfile of the repository, with the repository root as context. Synth only
 * records the asset (a hash of the context); `cdk deploy` builds it with Docker and pushes it to the bootstrap
 * repository. x86_64: the image is built where `cdk deploy` runs, usually an x86 machine or CI runner, and a
 * cross-built arm64 image needs QEMU there.
 */
export function serviceImage(projectRoot: string, dockerfile: string): ContainerImage {
  return ContainerImage.fromAsset(projectRoot, {
    file: dockerfile,
    exclude: imageContextExcludes(projectRoot),
    platform: Platform.LINUX_AMD64,
  });
}

/**
 * A shell command that exports ADVERTISE_HOST (the address a service registers in Consul) from the ECS task
 * metadata endpoint (v4, set by the Fargate agent in every container) and then execs `command`, so node is PID 1
 * and receives ECS's SIGTERM itself. With `apiKeys`, an `HOMEOSTASIS_API_KEYS` secret holding one key object (the
 * generated default) is wrapped into the list the API expects; a list is passed as it is.
 */
export function entryWithTaskAddress(command: readonly string[], options: { apiKeys?: boolean } = {}): string[] {
  const readAddress =
    'fetch(process.env.ECS_CONTAINER_METADATA_URI_V4).then((r) => r.json())' +
    '.then((m) => process.stdout.write(m.Networks[0].IPv4Addresses[0]))';
  const script = [
    'set -e',
    `ADVERTISE_HOST="$(node -e '${readAddress}')"`,
    'export ADVERTISE_HOST',
    ...(options.apiKeys
      ? [
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a JS template
          'case "${HOMEOSTASIS_API_KEYS:-}" in "["*|"") ;; ' +
            '*) HOMEOSTASIS_API_KEYS="[$HOMEOSTASIS_API_KEYS]"; export HOMEOSTASIS_API_KEYS ;; esac',
        ]
      : []),
    `exec ${command.map(shellQuote).join(' ')}`,
  ].join('\n');
  return ['/bin/sh', '-c', script];
}

function shellQuote(word: string): string {
  return /^[\w./=:@-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * Calls the standard gRPC health service (grpc.health.v1, the one Consul checks) on the container's own port with
 * the grpc-js and proto files of the image; healthy only when the answer is SERVING, so a draining task (SIGTERM →
 * NOT_SERVING) is no longer counted healthy. Run from the image's WORKDIR (/app), where proto/ and node_modules are.
 */
export function grpcHealthCheckScript(port: number): string {
  return [
    "const grpc = require('@grpc/grpc-js');",
    "const loader = require('@grpc/proto-loader');",
    "const definition = loader.loadSync('grpc/health/v1/health.proto', { includeDirs: ['proto'], enums: String });",
    'const Health = grpc.loadPackageDefinition(definition).grpc.health.v1.Health;',
    `const client = new Health('127.0.0.1:${port}', grpc.credentials.createInsecure());`,
    "client.Check({ service: '' }, { deadline: Date.now() + 3000 }, (error, answer) =>",
    "  process.exit(!error && answer.status === 'SERVING' ? 0 : 1));",
  ].join(' ');
}

// ECS runs the check every 15 s; 3 failures in a row mark the task unhealthy (45 s), the grace period covers
// tsx compiling the service's modules on start (2-4 s on 2 cores, more on 0.5 vCPU).
const CHECK_TIMING = {
  interval: Duration.seconds(15),
  timeout: Duration.seconds(5),
  retries: 3,
  startPeriod: Duration.seconds(60),
};

/** Container health check through the service's gRPC health service. */
export function grpcHealthCheck(port: number): HealthCheck {
  return { command: ['CMD', 'node', '-e', grpcHealthCheckScript(port)], ...CHECK_TIMING };
}
