#!/usr/bin/env node
// The CDK app entry: the only place that reads context and the environment; everything below gets props.
//   npx cdk synth                      dev stage
//   npx cdk deploy --all -c stage=prod
//   -c local=true                      template for a local emulator (moto / LocalStack)
//   -c alarmEmail=ops@example.com      subscribe an address to the DLQ alarms
//   -c gitTokenSecretArns=arn1,arn2    secrets the functions may read for git sources
//   -c services=false                  no VPC/ECS/ElastiCache stacks (never deployed with -c local=true)
//   -c consulAddress=http://host:8500  an existing Consul instead of the Consul server task
//   -c consulCheckCidr=10.0.0.0/16     where that Consul's health checks come from (default: the VPC)
//   -c redisUrl=redis://host:6379      an existing Redis instead of ElastiCache
//   -c apiCertificateArn=arn:…         internet-facing HTTPS API (default: internal HTTP listener)
//   -c apiKeysSecretArn=arn:…          secret holding the API keys list (default: a generated admin key)
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
const config = deploymentConfigFor(context('stage'), local, context('services') !== 'false');
const account = process.env['CDK_DEFAULT_ACCOUNT'];
const region = process.env['CDK_DEFAULT_REGION'];
const alarmEmail = context('alarmEmail');
const gitTokenSecretArns = context('gitTokenSecretArns')
  ?.split(',')
  .map((arn) => arn.trim())
  .filter((arn) => arn.length > 0);

/** `{ key: value }` when the context has the key, else nothing (the props are exactOptional). */
function optional<K extends string>(key: K): Partial<Record<K, string>> {
  const value = context(key);
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

addHomeostasisStacks(app, {
  config,
  projectRoot: fileURLToPath(new URL('../../..', import.meta.url)),
  ...(account && region ? { env: { account, region } } : {}),
  ...(alarmEmail ? { alarmEmail } : {}),
  ...(gitTokenSecretArns ? { gitTokenSecretArns } : {}),
  ...optional('consulAddress'),
  ...optional('consulCheckCidr'),
  ...optional('redisUrl'),
  ...optional('apiCertificateArn'),
  ...optional('apiKeysSecretArn'),
});
app.synth();
