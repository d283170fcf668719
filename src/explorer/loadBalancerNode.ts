import * as vscode from 'vscode';
import { type ClassicLoadBalancer, describeInstanceHealth, type InstanceHealth } from '../aws/loadBalancers';
import { type AwsSession } from '../aws/awsSession';
import { type ExplorerNode, PlaceholderNode } from './explorerNode';
import { type ResourceNode, resourceItem } from './resourceNode';
import { fieldsTooltip } from './tooltip';

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
      description: lb.dnsName,
      icon: new vscode.ThemeIcon('type-hierarchy'),
      contextValue: 'loadBalancer',
      collapsible: true,
      tooltip: fieldsTooltip(lb.name, [
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
    return health.map((h) => new RegisteredInstanceNode(this, h, this.names(h.instanceId)));
  }
}

/** An instance registered with a load balancer, with its health and the reason. */
export class RegisteredInstanceNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly loadBalancer: LoadBalancerNode,
    readonly health: InstanceHealth,
    private readonly name: string | undefined,
  ) {
    this.id = `${loadBalancer.id}/${health.instanceId}`;
  }

  treeItem(): vscode.TreeItem {
    const h = this.health;
    const item = new vscode.TreeItem(this.name ? `${this.name} (${h.instanceId})` : h.instanceId);
    item.id = this.id;
    const healthy = h.state === 'InService';
    item.description = [h.state, h.reason].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      healthy ? 'pass' : 'warning',
      new vscode.ThemeColor(healthy ? 'testing.iconPassed' : 'list.warningForeground'),
    );
    item.contextValue = 'registeredInstance';
    item.tooltip = fieldsTooltip(h.instanceId, [
      [vscode.l10n.t('Health'), h.state],
      [vscode.l10n.t('Reason'), h.reason],
    ]);
    return item;
  }
}
