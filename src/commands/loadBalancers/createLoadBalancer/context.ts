// The Create Load Balancer wizard's state: the argument object's fields, the answers, and what the
// steps have read (subnets, the region's balancers). The request and its CLI lines are built from it
// by request.ts alone.
import { type Ec2Subnet } from '../../../core/aws/ec2/network';
import { type ListenerSpec } from '../../../core/aws/elb/classicLoadBalancers';

export interface TargetGroupArgs {
  name?: string;
  port?: number;
  healthCheckPath?: string;
}

export interface CreateLoadBalancerArgs {
  region: string;
  name: string;
  type?: 'classic' | 'application';
  subnetIds: string[];
  listeners?: ListenerSpec[];
  securityGroupIds?: string[];
  healthCheckTarget?: string;
  targetGroup?: TargetGroupArgs;
}

/** What to do about a group that keeps the internet out: ok (it admits the port), new group, add the rule, keep. */
export type Ingress = 'ok' | 'new' | 'addRule' | 'keep';

export interface CreateContext extends Partial<CreateLoadBalancerArgs> {
  /** Asked interactively (prompts for what is missing), or driven by an argument object. */
  readonly interactive: boolean;
  ingress?: Ingress;
  /** Whether the chosen group lets the listener port in from the internet (known once subnets and group are). */
  admitted?: boolean;
  closedGroup?: { id: string; name?: string };
  /** The name of the "HTTP from everyone" group to create, fixed when the summary shows it. */
  newGroupName?: string;
  tgName?: string;
  tgPort?: number;
  tgPath?: string;
  /** The region's subnets, once read. */
  subnets: Ec2Subnet[];
  /** The region's load balancers (name and type), once read: a prefilled name never collides. */
  existing: Array<{ name: string; type: string }>;
}

/** The security-group choice "new group" in the group step. */
export const NEW_GROUP = '$new';

/** Until the type is chosen, the steps counted are those of the recommended type (application). */
export const isApplication = (c: CreateContext): boolean => c.type !== 'classic';
