#!/usr/bin/env node
// The CDK app entry: the only place that reads context and the environment; everything below gets props.
//   npx cdk synth                      dev stage
//   npx cdk deploy --all -c stage=prod
//   -c local=true                      template for a local emulator (moto / LocalStack)
//   -c alarmEmail=ops@example.com      subscribe an address to the DLQ alarms
//   -c gitTokenSecretArns=arn1,arn2    secrets the functions may read for git sources
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { addHomeostasisStacks } from '../lib/homeostasisStacks.ts';
import { deploymentConfigFor } from '../lib/stageConfig.ts';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};
const local = context('local') === 'true';
const config = deploymentConfigFor(context('stage'), local);
const account = process.env['CDK_DEFAULT_ACCOUNT'];
const region = process.env['CDK_DEFAULT_REGION'];
const alarmEmail = context('alarmEmail');
const gitTokenSecretArns = context('gitTokenSecretArns')
  ?.split(',')
  .map((arn) => arn.trim())
  .filter((arn) => arn.length > 0);

addHomeostasisStacks(app, {
  config,
  projectRoot: fileURLToPath(new URL('../../..', import.meta.url)),
  ...(account && region ? { env: { account, region } } : {}),
  ...(alarmEmail ? { alarmEmail } : {}),
  ...(gitTokenSecretArns ? { gitTokenSecretArns } : {}),
});
app.synth();
