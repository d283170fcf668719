import * as vscode from 'vscode';
import {
  type ApplicationLoadBalancer,
  describeTargetHealth,
  type Listener,
  listListeners,
  listTargetGroups,
  type TargetGroup,
  type TargetHealth,
} from '../core/aws/elb/applicationLoadBalancers';
import {
  type ClassicLoadBalancer,
  describeInstanceHealth,
  healthLine,
  type InstanceHealth,
  type LoadBalancer,
} from '../core/aws/elb/classicLoadBalancers';
import { type AwsSession } from '../core/aws/session/awsSession';
import { type ExplorerNode, PlaceholderNode } from './explorerNode';
import { type ResourceNode, resourceItem } from './resourceNode';
import { fieldsTooltip } from './tooltip';

/** "Classic" or "Application", as the AWS console names the types. */
export function loadBalancerTypeLabel(type: LoadBalancer['type']): string {
  return type === 'application' ? vscode.l10n.t('Application') : vscode.l10n.t('Classic');
}

/** The node of a load balancer of either type (the Load balancers group shows both side by side). */
export function loadBalancerNode(
  lb: LoadBalancer,
  session: () => AwsSession,
  names: (instanceId: string) => string | undefined,
): LoadBalancerNode | ApplicationLoadBalancerNode {
  return lb.type === 'application' ? new ApplicationLoadBalancerNode(lb, session, names) : new LoadBalancerNode(lb, session, names);
}

export class LoadBalancerNode implements ResourceNode {
  readonly kind = 'loadBalancer';
  readonly id: string;
  readonly region: string;
  readonly resourceId: string;
  readonly publicDnsName?: string;

  constructor(
    readonly loadBalancer: ClassicLoadBalancer,
    private readonly session: () => AwsSession,
    private readonly names: (instanceId: string) => string | undefined,
  ) {
    this.region = loadBalancer.region;
    this.resourceId = loadBalancer.name;
    this.publicDnsName = loadBalancer.dnsName;
    this.id = `${loadBalancer.region}/loadBalancer/${loadBalancer.name}`;
  }

  treeItem(): vscode.TreeItem {
    const lb = this.loadBalancer;
    return resourceItem(this, lb.name, {
      description: [loadBalancerTypeLabel('classic'), lb.dnsName].filter(Boolean).join(' · '),
      icon: new vscode.ThemeIcon('type-hierarchy'),
      contextValue: 'loadBalancer',
      collapsible: true,
      tooltip: fieldsTooltip(lb.name, [
        [vscode.l10n.t('Type'), vscode.l10n.t('Classic Load Balancer (previous generation)')],
        [vscode.l10n.t('DNS name'), lb.dnsName],
        [vscode.l10n.t('Listeners'), lb.listeners.join(', ')],
        [vscode.l10n.t('Health check'), lb.healthCheckTarget],
        [vscode.l10n.t('VPC'), lb.vpcId],
        [vscode.l10n.t('Subnets'), lb.subnets.join(', ')],
        [vscode.l10n.t('Availability zones'), lb.availabilityZones.join(', ')],
        [vscode.l10n.t('Security groups'), lb.securityGroups.join(', ')],
      ]),
    });
  }

  async children(): Promise<ExplorerNode[]> {
    const health = await describeInstanceHealth(this.session(), this.region, this.loadBalancer.name);
    if (health.length === 0) {
      return [new PlaceholderNode(`${this.id}/empty`, vscode.l10n.t('No registered instances'))];
    }
    return health.map((h) => new RegisteredInstanceNode(this.id, h, this.names(h.instanceId)));
  }
}

function healthIcon(healthy: boolean): vscode.ThemeIcon {
  return new vscode.ThemeIcon(
    healthy ? 'pass' : 'warning',
    new vscode.ThemeColor(healthy ? 'testing.iconPassed' : 'list.warningForeground'),
  );
}

/** An instance registered with a classic load balancer: its health and AWS's reason. */
export class RegisteredInstanceNode implements ExplorerNode {
  readonly id: string;

  constructor(
    parentId: string,
    readonly health: InstanceHealth,
    private readonly name: string | undefined,
  ) {
    this.id = `${parentId}/${health.instanceId}`;
  }

  treeItem(): vscode.TreeItem {
    const h = this.health;
    const item = new vscode.TreeItem(this.name ? `${this.name} (${h.instanceId})` : h.instanceId);
    item.id = this.id;
    item.description = healthLine(h);
    item.iconPath = healthIcon(h.state === 'InService');
    item.contextValue = 'registeredInstance';
    item.tooltip = fieldsTooltip(h.instanceId, [
      [vscode.l10n.t('Health'), h.state],
      [vscode.l10n.t('Reason code'), h.reasonCode],
      [vscode.l10n.t('Description'), h.description],
    ]);
    return item;
  }
}

/** An application load balancer: its listeners, then its target groups with each target's health. */
export class ApplicationLoadBalancerNode implements ResourceNode {
  readonly kind = 'loadBalancer';
  readonly id: string;
  readonly region: string;
  readonly resourceId: string;
  readonly publicDnsName?: string;
  readonly arn: string;

  constructor(
    readonly loadBalancer: ApplicationLoadBalancer,
    private readonly session: () => AwsSession,
    private readonly names: (instanceId: string) => string | undefined,
  ) {
    this.region = loadBalancer.region;
    this.resourceId = loadBalancer.name;
    this.publicDnsName = loadBalancer.dnsName;
    this.arn = loadBalancer.arn;
    this.id = `${loadBalancer.region}/loadBalancer/${loadBalancer.name}/application`;
  }

  treeItem(): vscode.TreeItem {
    const lb = this.loadBalancer;
    const state = lb.state && lb.state !== 'active' ? lb.state : undefined;
    return resourceItem(this, lb.name, {
      description: [loadBalancerTypeLabel('application'), state, lb.dnsName].filter(Boolean).join(' · '),
      icon: new vscode.ThemeIcon('type-hierarchy'),
      contextValue: 'loadBalancer',
      collapsible: true,
      tooltip: fieldsTooltip(lb.name, [
        [vscode.l10n.t('Type'), vscode.l10n.t('Application Load Balancer')],
        [vscode.l10n.t('DNS name'), lb.dnsName],
        [vscode.l10n.t('State'), lb.state],
        [vscode.l10n.t('Scheme'), lb.scheme],
        [vscode.l10n.t('VPC'), lb.vpcId],
        [vscode.l10n.t('Subnets'), lb.subnets.join(', ')],
        [vscode.l10n.t('Availability zones'), lb.availabilityZones.join(', ')],
        [vscode.l10n.t('Security groups'), lb.securityGroups.join(', ')],
        ['ARN', lb.arn],
      ]),
    });
  }

  async children(): Promise<ExplorerNode[]> {
    const session = this.session();
    const [listeners, groups] = await Promise.all([
      listListeners(session, this.region, this.arn),
      listTargetGroups(session, this.region, this.arn),
    ]);
    const groupName = new Map(groups.map((g) => [g.arn, g.name]));
    const nodes: ExplorerNode[] = [
      ...listeners.map((l) => new ListenerNode(this.id, l, (arn) => groupName.get(arn) ?? arn.split('/').slice(-2, -1)[0] ?? arn)),
      ...groups.map((g) => new TargetGroupNode(this.id, g, this.session, this.names)),
    ];
    return nodes.length ? nodes : [new PlaceholderNode(`${this.id}/empty`, vscode.l10n.t('No listeners or target groups'))];
  }
}

/** "HTTP 80 → forward to lab-web". */
export class ListenerNode implements ExplorerNode {
  readonly id: string;

  constructor(
    parentId: string,
    readonly listener: Listener,
    private readonly groupName: (arn: string) => string,
  ) {
    this.id = `${parentId}/listener/${listener.arn}`;
  }

  treeItem(): vscode.TreeItem {
    const l = this.listener;
    const item = new vscode.TreeItem(vscode.l10n.t('Listener {0} {1}', l.protocol ?? '?', l.port ?? '?'));
    item.id = this.id;
    item.description = l.targetGroupArns.length
      ? vscode.l10n.t('forward to {0}', l.targetGroupArns.map(this.groupName).join(', '))
      : undefined;
    item.iconPath = new vscode.ThemeIcon('radio-tower');
    item.contextValue = 'listener';
    item.tooltip = fieldsTooltip(`${l.protocol} ${l.port}`, [['ARN', l.arn]]);
    return item;
  }
}

/** A target group and, as children, its targets with their health. */
export class TargetGroupNode implements ExplorerNode {
  readonly id: string;

  constructor(
    parentId: string,
    readonly group: TargetGroup,
    private readonly session: () => AwsSession,
    private readonly names: (instanceId: string) => string | undefined,
  ) {
    this.id = `${parentId}/targetGroup/${group.arn}`;
  }

  get region(): string {
    return this.group.region;
  }

  treeItem(): vscode.TreeItem {
    const g = this.group;
    const item = new vscode.TreeItem(g.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = [
      vscode.l10n.t('target group'),
      `${g.protocol ?? ''} ${g.port ?? ''}`.trim(),
      g.healthCheckPath ? vscode.l10n.t('health check {0}', g.healthCheckPath) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.contextValue = 'targetGroup';
    item.tooltip = fieldsTooltip(g.name, [
      [vscode.l10n.t('Protocol'), g.protocol],
      [vscode.l10n.t('Port'), g.port === undefined ? undefined : String(g.port)],
      [vscode.l10n.t('Health check'), g.healthCheckPath],
      [vscode.l10n.t('VPC'), g.vpcId],
      ['ARN', g.arn],
    ]);
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    const health = await describeTargetHealth(this.session(), this.region, this.group.arn);
    if (health.length === 0) {
      return [new PlaceholderNode(`${this.id}/empty`, vscode.l10n.t('No registered instances'))];
    }
    return health.map((h) => new TargetNode(this.id, h, this.names(h.instanceId)));
  }
}

/** A target of a target group: "healthy", or "unhealthy: Health checks failed with these codes: [502]". */
export class TargetNode implements ExplorerNode {
  readonly id: string;

  constructor(
    parentId: string,
    readonly health: TargetHealth,
    private readonly name: string | undefined,
  ) {
    this.id = `${parentId}/${health.instanceId}:${health.port ?? ''}`;
  }

  treeItem(): vscode.TreeItem {
    const h = this.health;
    const item = new vscode.TreeItem(this.name ? `${this.name} (${h.instanceId})` : h.instanceId);
    item.id = this.id;
    item.description = healthLine(h);
    item.iconPath = healthIcon(h.state === 'healthy');
    item.contextValue = 'registeredInstance';
    item.tooltip = fieldsTooltip(h.instanceId, [
      [vscode.l10n.t('Health'), h.state],
      [vscode.l10n.t('Reason code'), h.reasonCode],
      [vscode.l10n.t('Description'), h.description],
      [vscode.l10n.t('Port'), h.port === undefined ? undefined : String(h.port)],
    ]);
    return item;
  }
}
