import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addHomeostasisStacks } from '../lib/homeostasisStacks.ts';
import { deploymentConfigFor } from '../lib/stageConfig.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface SynthesizedStacks {
  readonly data: Template;
  readonly pipeline: Template;
}

/** Synthesizes both stacks as the app entry would for `-c stage=<stage> [-c local=true]`. */
export function synthStacks(stage: 'dev' | 'prod', local = false): SynthesizedStacks {
  // Two things these assertions do not need and that cost seconds per synth run in `cdk synth` and in the local
  // deploy test instead: esbuild bundling of the handlers (an empty bundling-stacks list makes CDK skip it, as
  // `cdk deploy -e` does for other stacks; the template is the same but for asset hashes) and the built-in
  // CloudFormation validation (a WASM linter).
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = addHomeostasisStacks(app, {
    config: deploymentConfigFor(stage, local),
    projectRoot: PROJECT_ROOT,
    gitTokenSecretArns: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:homeostasis/github-AbCdEf'],
  });
  return { data: Template.fromStack(stacks.data), pipeline: Template.fromStack(stacks.pipeline) };
}

/** Resources of one type, by logical id. */
export function resourcesOfType(
  template: Template,
  type: string,
): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}
