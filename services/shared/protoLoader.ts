import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * The versioned protos (proto/homeostasis/v1) and the standard health proto, loaded at runtime: no generated code.
 * In the source tree they are two levels up; in a Lambda bundle (one index.mjs) the stack copies `proto/` next to
 * it (infra/cdk/lib/pipelineStack.ts coreRuntimeFiles).
 */
const PROTO_ROOT =
  [new URL('./proto', import.meta.url), new URL('../../proto', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((dir) => existsSync(dir)) ?? fileURLToPath(new URL('../../proto', import.meta.url));

/**
 * camelCase field names to match the core's types; `defaults` fills scalars and repeated fields, while proto3
 * `optional` fields stay absent when unset (the codec turns absent into the core's `null`).
 */
const LOADER_OPTIONS: protoLoader.Options = {
  includeDirs: [PROTO_ROOT],
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

export interface LoadedProtos {
  readonly languagePlugin: grpc.ServiceDefinition;
  readonly orchestrator: grpc.ServiceDefinition;
  readonly health: grpc.ServiceDefinition;
  /** Client constructors, for the adapters and the tests. */
  readonly LanguagePluginClient: grpc.ServiceClientConstructor;
  readonly HealthClient: grpc.ServiceClientConstructor;
}

let loaded: LoadedProtos | undefined;

export function loadProtos(): LoadedProtos {
  if (loaded) return loaded;
  const definition = protoLoader.loadSync(
    ['homeostasis/v1/plugin.proto', 'homeostasis/v1/orchestrator.proto', 'grpc/health/v1/health.proto'],
    LOADER_OPTIONS,
  );
  const pkg = grpc.loadPackageDefinition(definition);
  const LanguagePluginClient = serviceAt(pkg, 'homeostasis.v1.LanguagePlugin');
  const OrchestratorClient = serviceAt(pkg, 'homeostasis.v1.Orchestrator');
  const HealthClient = serviceAt(pkg, 'grpc.health.v1.Health');
  loaded = {
    languagePlugin: LanguagePluginClient.service,
    orchestrator: OrchestratorClient.service,
    health: HealthClient.service,
    LanguagePluginClient,
    HealthClient,
  };
  return loaded;
}

function serviceAt(pkg: grpc.GrpcObject, name: string): grpc.ServiceClientConstructor {
  let node: unknown = pkg;
  for (const part of name.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'function' || !('service' in node)) throw new Error(`proto service ${name} not found`);
  return node as grpc.ServiceClientConstructor;
}
