import { type IPeer, type IVpc, Peer, Port, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { SERVICE_PORTS } from './contract.ts';

/** Who runs Consul, which decides where the health checks of the gRPC services come from. */
export type ConsulPlacement =
  | { readonly kind: 'server' }
  /** An existing Consul: its agents check the hosts from `checkPeer` (its CIDR). */
  | { readonly kind: 'external'; readonly checkPeer: IPeer };

export interface ServiceSecurityGroupsProps {
  readonly vpc: IVpc;
  readonly consul: ConsulPlacement;
  /** Where API clients connect from: anyIpv4 for a public listener, the VPC CIDR for an internal one. */
  readonly apiClients: IPeer;
  /** 443 with a certificate, 80 without. */
  readonly apiListenerPort: number;
}

/**
 * The whole traffic matrix in one place: one group per kind of caller or callee, each ingress naming the group it
 * admits. Nothing but the API listener admits an address range (and the external Consul's checks, when used).
 */
export class ServiceSecurityGroups extends Construct {
  /** The Lambda stage functions: call plugin hosts, Redis, Consul, the orchestrator; admit nothing. */
  readonly stages: SecurityGroup;
  readonly pluginHosts: SecurityGroup;
  readonly orchestrator: SecurityGroup;
  readonly redis: SecurityGroup;
  /** Undefined with an external Consul. */
  readonly consul: SecurityGroup | undefined;
  /** The load balancer in front of the REST API. */
  readonly api: SecurityGroup;

  constructor(scope: Construct, id: string, props: ServiceSecurityGroupsProps) {
    super(scope, id);
    const { vpc } = props;
    const group = (groupId: string, description: string, allowAllOutbound = true) =>
      new SecurityGroup(this, groupId, { vpc, description, allowAllOutbound });

    // Outbound stays open for the compute: AWS APIs, ECR, Secrets Manager and git hosts are reached through NAT.
    this.stages = group('Stages', 'Homeostasis Lambda stages');
    this.pluginHosts = group('PluginHosts', 'Homeostasis plugin hosts (gRPC)');
    this.orchestrator = group('Orchestrator', 'Homeostasis orchestrator (gRPC and REST API)');
    this.redis = group('Redis', 'Homeostasis ElastiCache Redis', false);
    this.api = group('Api', 'Homeostasis REST API load balancer', false);
    this.consul = props.consul.kind === 'server' ? group('Consul', 'Homeostasis Consul server') : undefined;

    const pluginPort = Port.tcp(SERVICE_PORTS.pluginHost);
    const orchestratorPort = Port.tcp(SERVICE_PORTS.orchestrator);
    const apiPort = Port.tcp(SERVICE_PORTS.api);
    const services = [this.pluginHosts, this.orchestrator];

    this.pluginHosts.addIngressRule(this.stages, pluginPort, 'stages call plugins');
    this.pluginHosts.addIngressRule(this.orchestrator, pluginPort, 'orchestrator calls plugins');
    // Workers inside the VPC report stage results over gRPC (ReportStageResult).
    this.orchestrator.addIngressRule(this.stages, orchestratorPort, 'stages report results');
    this.orchestrator.addIngressRule(this.api, apiPort, 'load balancer forwards the REST API');
    this.api.addEgressRule(this.orchestrator, apiPort, 'to the REST API');
    this.api.addIngressRule(props.apiClients, Port.tcp(props.apiListenerPort), 'API clients');

    // The plugin hosts keep no shared state: only the stages and the orchestrator use Redis.
    for (const client of [this.stages, this.orchestrator]) {
      this.redis.addIngressRule(client, Port.tcp(SERVICE_PORTS.redis), 'Redis clients');
    }

    // Consul checks every registered instance's gRPC health service once a second.
    const checks: IPeer = props.consul.kind === 'server' ? (this.consul as SecurityGroup) : props.consul.checkPeer;
    this.pluginHosts.addIngressRule(checks, pluginPort, 'Consul health checks');
    this.orchestrator.addIngressRule(checks, orchestratorPort, 'Consul health checks');
    if (this.consul) {
      for (const client of [this.stages, ...services]) {
        this.consul.addIngressRule(client, Port.tcp(SERVICE_PORTS.consul), 'Consul HTTP API');
      }
    }
  }
}

/** The VPC's CIDR as a peer (internal listener, or the default source of an external Consul's checks). */
export function vpcPeer(vpc: IVpc): IPeer {
  return Peer.ipv4(vpc.vpcCidrBlock);
}
