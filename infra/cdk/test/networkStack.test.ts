import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_PORTS } from '../lib/contract.ts';
import { resourcesOfType, synthStacks } from './synthStacks.ts';

type Json = Record<string, unknown>;

let network: Template;
/** An existing Consul and a public HTTPS API: the other side of both choices, in one synth. */
let withExternalParts: Template;
beforeAll(() => {
  const { network: dev } = synthStacks('dev');
  const { network: external } = synthStacks('dev', false, {
    consulAddress: 'http://consul.example.internal:8500',
    consulCheckCidr: '10.99.0.0/16',
    apiCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0d3c8a8e-1111-2222-3333-444455556666',
  });
  if (!dev || !external) throw new Error('the network stack is missing');
  network = dev;
  withExternalParts = external;
});

/** The short name of a group from its logical id (`SecurityGroupsPluginHostsB342AD7E` → `PluginHosts`). */
function groupName(ref: unknown): string {
  const id = (ref as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0] ?? JSON.stringify(ref);
  return id.replace(/^SecurityGroups/, '').replace(/[0-9A-F]{8}$/, '');
}

/** Every ingress as `source -> target:port`, whether a separate resource or inline in the group. */
function ingressEdges(template: Template): string[] {
  const separate = Object.values(resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress')).map((r) => {
    const p = r.Properties;
    const source = p['SourceSecurityGroupId'] ? groupName(p['SourceSecurityGroupId']) : cidrName(p['CidrIp']);
    return `${source} -> ${groupName(p['GroupId'])}:${String(p['FromPort'])}`;
  });
  const inline = Object.entries(resourcesOfType(template, 'AWS::EC2::SecurityGroup')).flatMap(([id, r]) =>
    ((r.Properties['SecurityGroupIngress'] as Json[] | undefined) ?? []).map(
      (rule) => `${cidrName(rule['CidrIp'])} -> ${groupName({ 'Fn::GetAtt': [id, 'GroupId'] })}:${rule['FromPort']}`,
    ),
  );
  return [...separate, ...inline].sort();
}

function cidrName(cidr: unknown): string {
  if (typeof cidr === 'string') return cidr;
  const att = (cidr as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  return att?.[1] === 'CidrBlock' ? 'vpc' : JSON.stringify(cidr);
}

const { pluginHost, orchestrator, api, redis, consul } = SERVICE_PORTS;

describe('NetworkStack security groups', () => {
  it('admit exactly the stage and service traffic, and API clients from the VPC (internal listener)', () => {
    expect(ingressEdges(network)).toEqual(
      [
        `Stages -> PluginHosts:${pluginHost}`,
        `Orchestrator -> PluginHosts:${pluginHost}`,
        `Consul -> PluginHosts:${pluginHost}`,
        `Stages -> Orchestrator:${orchestrator}`,
        `Consul -> Orchestrator:${orchestrator}`,
        `Api -> Orchestrator:${api}`,
        `Stages -> Redis:${redis}`,
        `Orchestrator -> Redis:${redis}`,
        `Stages -> Consul:${consul}`,
        `PluginHosts -> Consul:${consul}`,
        `Orchestrator -> Consul:${consul}`,
        'vpc -> Api:80',
      ].sort(),
    );
  });

  it('opens nothing to the internet except the HTTPS API listener when a certificate is given', () => {
    const open = ingressEdges(withExternalParts).filter((edge) => edge.startsWith('0.0.0.0/0'));
    expect(open).toEqual(['0.0.0.0/0 -> Api:443']);
    expect(ingressEdges(network).filter((edge) => edge.startsWith('0.0.0.0/0'))).toEqual([]);
  });

  it('lets the load balancer send only to the REST API port and Redis send nothing', () => {
    const groups = resourcesOfType(network, 'AWS::EC2::SecurityGroup');
    const egress = (name: string) =>
      Object.entries(groups).find(([id]) => groupName({ 'Fn::GetAtt': [id, 'GroupId'] }) === name)?.[1].Properties[
        'SecurityGroupEgress'
      ];
    // CDK's placeholder rule for "no outbound": ICMP type 252 code 86 to 255.255.255.255/32, which matches nothing.
    expect(egress('Redis')).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
    // The load balancer's only outbound rule is a separate resource (it names another group), none inline.
    expect(egress('Api')).toBeUndefined();
    const separateEgress = Object.values(resourcesOfType(network, 'AWS::EC2::SecurityGroupEgress')).map(
      (r) =>
        `${groupName(r.Properties['GroupId'])} -> ${groupName(r.Properties['DestinationSecurityGroupId'])}:${String(r.Properties['FromPort'])}`,
    );
    expect(separateEgress).toEqual([`Api -> Orchestrator:${api}`]);
  });

  it('with an existing Consul: no Consul group, its checks admitted from the given range', () => {
    const edges = ingressEdges(withExternalParts);
    expect(edges.some((edge) => edge.includes('Consul'))).toBe(false);
    expect(edges).toContain(`10.99.0.0/16 -> PluginHosts:${pluginHost}`);
    expect(edges).toContain(`10.99.0.0/16 -> Orchestrator:${orchestrator}`);
  });

  it('builds a two-AZ VPC with private subnets behind NAT and gateway endpoints for DynamoDB and S3', () => {
    network.resourceCountIs('AWS::EC2::Subnet', 4);
    network.resourceCountIs('AWS::EC2::NatGateway', 1);
    const endpoints = Object.values(resourcesOfType(network, 'AWS::EC2::VPCEndpoint')).map((r) =>
      JSON.stringify(r.Properties['ServiceName']),
    );
    expect(endpoints.some((name) => name.includes('.dynamodb'))).toBe(true);
    expect(endpoints.some((name) => name.includes('.s3'))).toBe(true);
  });
});
