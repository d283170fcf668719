import * as vscode from 'vscode';
import { type Ec2SecurityGroup, type Ec2Subnet, type Ec2Vpc } from '../core/aws/ec2/network';
import { type ExplorerNode, PlaceholderNode } from './explorerNode';
import { type RegionData } from './regionData';
import { type ResourceNode, resourceItem } from './resourceNode';
import { fieldsTooltip } from './tooltip';

export class VpcNode implements ResourceNode {
  readonly kind = 'vpc';
  readonly id: string;
  readonly region: string;
  readonly resourceId: string;

  constructor(
    readonly vpc: Ec2Vpc,
    private readonly data: RegionData,
  ) {
    this.region = vpc.region;
    this.resourceId = vpc.id;
    this.id = `${vpc.region}/vpc/${vpc.id}`;
  }

  treeItem(): vscode.TreeItem {
    const v = this.vpc;
    return resourceItem(this, v.name ?? v.id, {
      description: [v.cidr, v.isDefault ? vscode.l10n.t('default') : undefined].filter(Boolean).join(' · '),
      icon: new vscode.ThemeIcon('cloud'),
      contextValue: 'vpc',
      collapsible: true,
      tooltip: fieldsTooltip(v.name ? `${v.name} (${v.id})` : v.id, [
        [vscode.l10n.t('CIDR'), v.cidr],
        [vscode.l10n.t('Default VPC'), v.isDefault ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
      ]),
    });
  }

  async children(): Promise<ExplorerNode[]> {
    const subnets = (await this.data.get('subnets')).filter((s) => s.vpcId === this.vpc.id);
    return subnets.length ? subnets.map((s) => new SubnetNode(s)) : [new PlaceholderNode(`${this.id}/empty`, vscode.l10n.t('No subnets'))];
  }
}

export class SubnetNode implements ResourceNode {
  readonly kind = 'subnet';
  readonly id: string;
  readonly region: string;
  readonly resourceId: string;

  constructor(readonly subnet: Ec2Subnet) {
    this.region = subnet.region;
    this.resourceId = subnet.id;
    this.id = `${subnet.region}/subnet/${subnet.id}`;
  }

  treeItem(): vscode.TreeItem {
    const s = this.subnet;
    const free = s.freeAddresses !== undefined ? vscode.l10n.t('{0} free', s.freeAddresses) : undefined;
    return resourceItem(this, s.name ?? s.id, {
      description: [s.cidr, s.availabilityZone, s.defaultForAz ? vscode.l10n.t('default for AZ') : undefined, free]
        .filter(Boolean)
        .join(' · '),
      icon: new vscode.ThemeIcon('list-tree'),
      contextValue: 'subnet',
      tooltip: fieldsTooltip(s.name ? `${s.name} (${s.id})` : s.id, [
        [vscode.l10n.t('CIDR'), s.cidr],
        [vscode.l10n.t('Availability zone'), s.availabilityZone],
        [vscode.l10n.t('Default for AZ'), s.defaultForAz ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
        [vscode.l10n.t('Free addresses'), s.freeAddresses],
        [vscode.l10n.t('VPC'), s.vpcId],
      ]),
    });
  }
}

export class SecurityGroupNode implements ResourceNode {
  readonly kind = 'securityGroup';
  readonly id: string;
  readonly region: string;
  readonly resourceId: string;

  constructor(readonly group: Ec2SecurityGroup) {
    this.region = group.region;
    this.resourceId = group.id;
    this.id = `${group.region}/securityGroup/${group.id}`;
  }

  treeItem(): vscode.TreeItem {
    const g = this.group;
    return resourceItem(this, g.name ?? g.id, {
      description: g.inbound.length ? g.inbound.join(', ') : vscode.l10n.t('no inbound rule'),
      icon: new vscode.ThemeIcon('shield'),
      contextValue: 'securityGroup',
      tooltip: fieldsTooltip(g.name ? `${g.name} (${g.id})` : g.id, [
        [vscode.l10n.t('Description'), g.description],
        [vscode.l10n.t('VPC'), g.vpcId],
        [vscode.l10n.t('Inbound'), g.inbound.join('; ') || vscode.l10n.t('none')],
      ]),
    });
  }
}
