import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeploymentConfigError, deploymentConfigFor } from '../lib/stageConfig.ts';
import { resourcesOfType, type SynthesizedStacks, synthStacks } from './synthStacks.ts';

/** What the local flag may leave out: the resource types moto's CloudFormation cannot create. */
const LOCAL_OMISSIONS = new Set(['AWS::CloudWatch::Alarm', 'AWS::SQS::QueuePolicy', 'AWS::S3::BucketPolicy']);

let dev: SynthesizedStacks;
let devWithoutServices: SynthesizedStacks;
let local: SynthesizedStacks;
let prod: SynthesizedStacks;
beforeAll(() => {
  dev = synthStacks('dev');
  devWithoutServices = synthStacks('dev', false, { withServices: false });
  local = synthStacks('dev', true);
  prod = synthStacks('prod');
});

/** The template with the omissible resources and the bootstrap-version rule removed, for comparison. */
function comparable(template: Template): unknown {
  const json = template.toJSON() as {
    Resources: Record<string, { Type: string }>;
    Rules?: unknown;
    Parameters?: unknown;
  };
  const resources = Object.fromEntries(Object.entries(json.Resources).filter(([, r]) => !LOCAL_OMISSIONS.has(r.Type)));
  return { ...json, Resources: resources, Rules: undefined, Parameters: undefined };
}

describe('the local flag', () => {
  it('leaves out the services stacks (moto has no Cloud Map and runs no ECS task)', () => {
    expect(local.network).toBeUndefined();
    expect(local.services).toBeUndefined();
    expect(devWithoutServices.services).toBeUndefined();
    expect(dev.network).toBeDefined();
    expect(dev.services).toBeDefined();
  });

  it('leaves out only what moto cannot create, and the bootstrap version check', () => {
    for (const stack of ['data', 'pipeline'] as const) {
      expect(comparable(local[stack])).toEqual(comparable(devWithoutServices[stack]));
      const localTypes = Object.values(local[stack].toJSON()['Resources'] as Record<string, { Type: string }>);
      expect(localTypes.filter((r) => LOCAL_OMISSIONS.has(r.Type))).toEqual([]);
      expect(local[stack].toJSON()['Rules']).toBeUndefined();
      expect(devWithoutServices[stack].toJSON()['Rules']).toHaveProperty('CheckBootstrapVersion');
    }
    // The data stack does not depend on whether the services are deployed.
    expect(dev.data.toJSON()).toEqual(devWithoutServices.data.toJSON());
    dev.pipeline.resourceCountIs('AWS::CloudWatch::Alarm', 4);
  });
});

describe('the prod stage', () => {
  it('sizes validate above dev and keeps the same contract', () => {
    const validateMemory = (template: Template) =>
      Math.max(
        ...Object.values(resourcesOfType(template, 'AWS::Lambda::Function')).map(
          (r) => r.Properties['MemorySize'] as number,
        ),
      );
    expect(validateMemory(prod.pipeline)).toBeGreaterThan(validateMemory(dev.pipeline));
    prod.pipeline.allResourcesProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    prod.pipeline.resourceCountIs('AWS::CloudWatch::Alarm', 4);
  });

  it('rejects a stage it does not know', () => {
    expect(() => deploymentConfigFor('staging', false)).toThrow(DeploymentConfigError);
  });
});

describe('git token secrets', () => {
  it('are readable by the stages that fetch source, not by ingest', () => {
    const readers = Object.entries(resourcesOfType(dev.pipeline, 'AWS::IAM::Policy'))
      .filter(([, r]) =>
        (r.Properties['PolicyDocument'] as { Statement: { Action: string | string[] }[] }).Statement.some((s) =>
          [s.Action].flat().includes('secretsmanager:GetSecretValue'),
        ),
      )
      .map(([id]) => id.replace(/Function.*$/, ''))
      .sort();
    expect(readers).toEqual(['Analyze', 'Patch', 'Validate']);
  });
});
