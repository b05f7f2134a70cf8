import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cdkAssetResolver, functionAssets } from '../../../localstack/runtime/codeResolvers.ts';
import type { DeployedFunction } from '../../../localstack/runtime/deployedFunctions.ts';

// A cloud assembly laid out as `cdk synth` writes it: <stack>.template.json with the function resources (asset
// metadata + S3Key) and one asset.<hash> directory per bundle.
const INGEST_HASH = 'a'.repeat(64);
const VALIDATE_HASH = 'b'.repeat(64);
const cdkOut = mkdtempSync(join(tmpdir(), 'hs-cdkout-'));

function lambdaResource(hash: string, extra: Record<string, unknown> = {}) {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: { S3Bucket: 'cdk-hnb659fds-assets-123456789012-us-east-1', S3Key: `${hash}.zip` },
      Handler: 'index.handler',
    },
    Metadata: { 'aws:asset:path': `asset.${hash}`, 'aws:asset:property': 'Code', ...extra },
  };
}

writeFileSync(
  join(cdkOut, 'Homeostasis-dev-Pipeline.template.json'),
  JSON.stringify({
    Resources: {
      IngestFunctionB02ED0EB: lambdaResource(INGEST_HASH),
      ValidateFunction2E581753: lambdaResource(VALIDATE_HASH),
      IngestQueue: { Type: 'AWS::SQS::Queue', Properties: {} },
      Escaping: { ...lambdaResource('c'.repeat(64)), Metadata: { 'aws:asset:path': '../outside' } },
    },
  }),
);
writeFileSync(join(cdkOut, 'manifest.json'), '{}');
for (const [hash, file] of [
  [INGEST_HASH, 'index.mjs'],
  [VALIDATE_HASH, 'index.js'],
] as const) {
  mkdirSync(join(cdkOut, `asset.${hash}`));
  writeFileSync(join(cdkOut, `asset.${hash}`, file), 'export const handler = async () => null;\n');
}

afterAll(() => rmSync(cdkOut, { recursive: true, force: true }));

function deployed(name: string, fields: Partial<DeployedFunction> = {}): DeployedFunction {
  return {
    name,
    arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    handler: 'index.handler',
    timeoutMs: 30_000,
    memoryMb: 512,
    environment: {},
    mappings: [],
    ...fields,
  };
}

describe('functionAssets', () => {
  it('lists the Lambda functions with a bundle inside the assembly, with their package keys', () => {
    expect(functionAssets(cdkOut)).toEqual([
      { logicalId: 'IngestFunctionB02ED0EB', dir: join(cdkOut, `asset.${INGEST_HASH}`), s3Key: `${INGEST_HASH}.zip` },
      {
        logicalId: 'ValidateFunction2E581753',
        dir: join(cdkOut, `asset.${VALIDATE_HASH}`),
        s3Key: `${VALIDATE_HASH}.zip`,
      },
    ]);
  });
});

describe('cdkAssetResolver', () => {
  const resolve = cdkAssetResolver(cdkOut);

  it('finds the bundle by the package key in the code location (as moto reports it), whatever the name', () => {
    const location = `https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/${VALIDATE_HASH}.zip`;
    // The name points at the other function: the package decides.
    expect(resolve(deployed('Stack-IngestFunctionB02ED0EB-X1', { codeLocation: location }))).toEqual({
      modulePath: join(cdkOut, `asset.${VALIDATE_HASH}`, 'index.js'),
      exportName: 'handler',
    });
  });

  it('falls back to the logical id in the generated name when the location carries no key (AWS presigned URL)', () => {
    const presigned = 'https://prod-04-2014-tasks.s3.us-east-1.amazonaws.com/snapshots/123/fn-1a2b?X-Amz-Signature=x';
    expect(
      resolve(deployed('Homeostasis-dev-Pipeline-IngestFunctionB02ED0EB-33T4', { codeLocation: presigned })),
    ).toEqual({ modulePath: join(cdkOut, `asset.${INGEST_HASH}`, 'index.mjs'), exportName: 'handler' });
  });

  it('uses the file and export the Handler names', () => {
    expect(resolve(deployed('S-IngestFunctionB02ED0EB-1', { handler: 'index.other' }))?.exportName).toBe('other');
    expect(resolve(deployed('S-IngestFunctionB02ED0EB-1', { handler: 'main.handler' }))).toBeNull();
    expect(resolve(deployed('S-IngestFunctionB02ED0EB-1', { handler: 'handler' }))).toBeNull();
  });

  it('leaves alone functions that are not in the assembly', () => {
    expect(resolve(deployed('someone-elses-function'))).toBeNull();
    const unknownKey = `https://awslambda-us-east-1-tasks.s3.amazonaws.com/${'d'.repeat(64)}.zip`;
    expect(resolve(deployed('other', { codeLocation: unknownKey }))).toBeNull();
    expect(resolve(deployed('S-Escaping-1'))).toBeNull();
  });
});
