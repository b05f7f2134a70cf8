import { Stack, type StackProps } from 'aws-cdk-lib';
import { GatewayVpcEndpointAwsService, IpAddresses, type IVpc, Peer, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { ServiceSecurityGroups, vpcPeer } from './serviceSecurityGroups.ts';

export interface NetworkStackProps extends StackProps {
  /** NAT gateways (one per AZ for AZ independence; each costs ~$32 a month plus traffic). */
  readonly natGateways: number;
  /** true: the API listener admits the internet (HTTPS only); false: the VPC's own range. */
  readonly publicApi: boolean;
  readonly apiListenerPort: number;
  /**
   * Set when an existing Consul is used (no server in the stack): the range its agents check the services from.
   * @default the VPC's range
   */
  readonly externalConsul?: { readonly checkCidr?: string };
}

/** The VPC the services and the stage functions share, and the security groups between them. */
export class NetworkStack extends Stack {
  readonly vpc: IVpc;
  readonly securityGroups: ServiceSecurityGroups;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.40.0.0/16'),
      maxAzs: 2,
      natGateways: props.natGateways,
      subnetConfiguration: [
        // Load balancer and NAT gateways only; tasks, functions and Redis get no public address.
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      // Gateway endpoints are free: table and bucket traffic, the bulk of the stages' calls, skips the NAT.
      gatewayEndpoints: {
        DynamoDb: { service: GatewayVpcEndpointAwsService.DYNAMODB },
        S3: { service: GatewayVpcEndpointAwsService.S3 },
      },
    });
    this.vpc = vpc;
    this.securityGroups = new ServiceSecurityGroups(this, 'SecurityGroups', {
      vpc,
      consul: props.externalConsul
        ? {
            kind: 'external',
            checkPeer: props.externalConsul.checkCidr ? Peer.ipv4(props.externalConsul.checkCidr) : vpcPeer(vpc),
          }
        : { kind: 'server' },
      apiClients: props.publicApi ? Peer.anyIpv4() : vpcPeer(vpc),
      apiListenerPort: props.apiListenerPort,
    });
  }
}
