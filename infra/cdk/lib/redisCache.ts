import { Fn } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import { CfnReplicationGroup, CfnSubnetGroup } from 'aws-cdk-lib/aws-elasticache';
import { Construct } from 'constructs';
import { SERVICE_PORTS } from './contract.ts';

export interface RedisCacheProps {
  readonly vpc: IVpc;
  readonly securityGroup: ISecurityGroup;
  readonly nodeType: string;
  /** 0 = one node; 1 or more = a primary with replicas in other AZs and automatic failover. */
  readonly replicas: number;
  readonly description: string;
}

/**
 * ElastiCache Redis for short-lived shared state (ingest de-duplication, the discovery cache). Nothing in it is
 * the source of truth (DynamoDB is), so no snapshots; encrypted in transit (clients connect with `rediss://`) and
 * at rest, in the private subnets.
 */
export class RedisCache extends Construct {
  readonly replicationGroup: CfnReplicationGroup;
  /** `rediss://<primary endpoint>:6379`, the REDIS_URL of the clients. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const subnets = new CfnSubnetGroup(this, 'Subnets', {
      description: `${props.description} (private subnets)`,
      subnetIds: props.vpc.privateSubnets.map((subnet) => subnet.subnetId),
    });
    const failover = props.replicas > 0;
    this.replicationGroup = new CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: props.description,
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: props.nodeType,
      numCacheClusters: 1 + props.replicas,
      automaticFailoverEnabled: failover,
      multiAzEnabled: failover,
      port: SERVICE_PORTS.redis,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [props.securityGroup.securityGroupId],
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      snapshotRetentionLimit: 0,
      autoMinorVersionUpgrade: true,
    });
    this.url = Fn.join('', [
      'rediss://',
      this.replicationGroup.attrPrimaryEndPointAddress,
      ':',
      this.replicationGroup.attrPrimaryEndPointPort,
    ]);
  }
}
