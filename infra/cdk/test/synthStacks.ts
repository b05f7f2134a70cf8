import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { z } from 'zod';
import { addHomeostasisStacks, type HomeostasisStacksProps } from '../lib/homeostasisStacks.ts';
import { deploymentConfigFor } from '../lib/stageConfig.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface SynthesizedStacks {
  readonly data: Template;
  readonly pipeline: Template;
  /** Undefined when the services stacks are not part of the deployment (local, or `services: false`). */
  readonly network: Template | undefined;
  readonly services: Template | undefined;
  /** Docker image assets of the services stack, as the cloud assembly records them (built at deploy time). */
  readonly imageAssets: readonly ImageAsset[];
}

export type ServiceOptions = Partial<
  Pick<
    HomeostasisStacksProps,
    'consulAddress' | 'consulCheckCidr' | 'redisUrl' | 'apiCertificateArn' | 'apiKeysSecretArn'
  >
> & {
  /** `-c services=false`. @default true */
  readonly withServices?: boolean;
};

/** Synthesizes the stacks as the app entry would for `-c stage=<stage> [-c local=true] [-c key=value …]`. */
export function synthStacks(stage: 'dev' | 'prod', local = false, options: ServiceOptions = {}): SynthesizedStacks {
  // Two things these assertions do not need and that cost seconds per synth run in `cdk synth` and in the local
  // deploy test instead: esbuild bundling of the handlers (an empty bundling-stacks list makes CDK skip it, as
  // `cdk deploy -e` does for other stacks; the template is the same but for asset hashes) and the built-in
  // CloudFormation validation (a WASM linter).
  // The assembly (with the staged image contexts, ~4 MB each) goes to a temporary directory removed at the end.
  const outdir = mkdtempSync(path.join(tmpdir(), 'homeostasis-synth-'));
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [] },
  });
  const { withServices = true, ...serviceProps } = options;
  const stacks = addHomeostasisStacks(app, {
    config: deploymentConfigFor(stage, local, withServices),
    projectRoot: PROJECT_ROOT,
    gitTokenSecretArns: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:homeostasis/github-AbCdEf'],
    ...serviceProps,
  });
  try {
    return {
      imageAssets: stacks.services ? dockerImageAssets(app, stacks.services.artifactId) : [],
      data: Template.fromStack(stacks.data),
      pipeline: Template.fromStack(stacks.pipeline),
      network: stacks.network ? Template.fromStack(stacks.network) : undefined,
      services: stacks.services ? Template.fromStack(stacks.services) : undefined,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export interface ImageAsset {
  /** The Dockerfile, relative to the context directory. */
  readonly dockerFile: string;
  /** Files of the staged build context (relative paths, top level only). */
  readonly contextEntries: readonly string[];
  readonly platform: string | undefined;
}

const AssetManifest = z.object({
  dockerImages: z
    .record(
      z.string(),
      z.object({
        source: z.object({ directory: z.string(), dockerFile: z.string(), platform: z.string().optional() }),
      }),
    )
    .default({}),
});

/** The stack's Docker image assets from its asset manifest (`<stack>.assets.json` in the cloud assembly). */
function dockerImageAssets(app: App, artifactId: string): ImageAsset[] {
  const { directory } = app.synth();
  const manifest = AssetManifest.parse(
    JSON.parse(readFileSync(path.join(directory, `${artifactId}.assets.json`), 'utf8')),
  );
  return Object.values(manifest.dockerImages).map(({ source }) => ({
    dockerFile: source.dockerFile,
    contextEntries: readdirSync(path.join(directory, source.directory)).sort(),
    platform: source.platform,
  }));
}

/** Resources of one type, by logical id. */
export function resourcesOfType(
  template: Template,
  type: string,
): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}
