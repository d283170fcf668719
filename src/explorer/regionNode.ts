import * as vscode from 'vscode';
import { type InstanceFilter, matchesFilter } from '../core/aws/ec2/instances';
import { type InstanceSummary } from '../core/listing/instanceSummary';
import { type ExplorerNode } from './explorerNode';
import { type ExplorerContext } from './explorerContext';
import { GroupNode } from './groupNode';
import { InstanceNode } from './instanceNode';
import { KeyPairNode } from './keyPairNode';
import { loadBalancerNode } from './loadBalancerNode';
import { SecurityGroupNode, VpcNode } from './networkNodes';
import { RegionData } from './regionData';
import { VolumeNode } from './volumeNode';

/** A region's count of instances: `partial` while pages are still arriving. */
export type RegionSummary = { running: number; total: number; partial?: boolean } | { error: string };

/** One region of the account; its description counts running instances once its answer arrives. */
export class RegionNode implements ExplorerNode {
  readonly id: string;
  readonly data: RegionData;
  summary: RegionSummary | undefined;

  constructor(
    readonly region: string,
    private readonly ctx: ExplorerContext,
    onInstancesPage?: (node: RegionNode, page: InstanceSummary[]) => void,
  ) {
    this.id = `region/${region}`;
    this.data = new RegionData(region, () => ctx.session(), onInstancesPage && ((page) => onInstancesPage(this, page)));
  }

  /** Whether the region's answer came and it has no instance (the explorer folds such regions). */
  get isEmpty(): boolean {
    return !!this.summary && 'total' in this.summary && !this.summary.partial && this.summary.total === 0;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.region, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = 'region';
    const s = this.summary;
    if (!s) {
      item.description = vscode.l10n.t('loading…');
      item.iconPath = new vscode.ThemeIcon('globe');
    } else if ('error' in s) {
      item.description = vscode.l10n.t('error');
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.tooltip = s.error;
    } else if (s.partial) {
      item.description = vscode.l10n.t('{0} running, {1} listed, loading more…', s.running, s.total);
      item.iconPath = new vscode.ThemeIcon('loading~spin');
    } else {
      item.description = s.total ? vscode.l10n.t('{0} running', s.running) : vscode.l10n.t('no instances');
      item.iconPath = new vscode.ThemeIcon('globe', s.running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    }
    item.accessibilityInformation = { label: `${this.region}, ${item.description}` };
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    await this.data.get('instances'); // A region that cannot list its instances shows that alone.
    const group = (key: string, label: string, icon: string, empty: string, load: () => Promise<ExplorerNode[]>) =>
      new GroupNode(this.region, { key, label, icon, empty, load });
    const session = () => this.ctx.session();
    return [
      group('instances', vscode.l10n.t('Instances'), 'vm', vscode.l10n.t('No instances'), () => this.instanceNodes(this.ctx.filter())),
      group('keyPairs', vscode.l10n.t('Key pairs'), 'key', vscode.l10n.t('No key pairs'), async () =>
        Promise.all((await this.data.get('keyPairs')).map(async (k) => new KeyPairNode(k, await this.ctx.keyFile(k)))),
      ),
      group('volumes', vscode.l10n.t('Volumes'), 'database', vscode.l10n.t('No volumes'), async () =>
        (await this.data.get('volumes')).map((v) => new VolumeNode(v)),
      ),
      group('loadBalancers', vscode.l10n.t('Load balancers'), 'type-hierarchy', vscode.l10n.t('No load balancers'), async () => {
        const [lbs, instances] = await Promise.all([this.data.get('loadBalancers'), this.data.get('instances')]);
        const names = new Map(instances.map((i) => [i.id, i.name]));
        return lbs.map((lb) => loadBalancerNode(lb, session, (id) => names.get(id)));
      }),
      group('vpcs', vscode.l10n.t('VPCs and subnets'), 'cloud', vscode.l10n.t('No VPCs'), async () =>
        (await this.data.get('vpcs')).map((v) => new VpcNode(v, this.data)),
      ),
      group('securityGroups', vscode.l10n.t('Security groups'), 'shield', vscode.l10n.t('No security groups'), async () =>
        (await this.data.get('securityGroups')).map((g) => new SecurityGroupNode(g)),
      ),
    ];
  }

  private async instanceNodes(filter: InstanceFilter | undefined): Promise<ExplorerNode[]> {
    const instances = await this.data.get('instances');
    // The host holds no tags but the auto-stop one: a tag filter is matched in the listing worker.
    const ids = filter?.tag ? await this.data.matching(filter) : undefined;
    return instances.filter((i) => !filter || (ids ? ids.has(i.id) : matchesFilter(i, filter))).map((i) => new InstanceNode(i, this.data));
  }
}

/** The regions whose answer came with no instance, folded into one node ("14 regions with no instances"). */
export class EmptyRegionsNode implements ExplorerNode {
  readonly id = 'regions/empty';

  constructor(readonly regions: readonly RegionNode[]) {}

  treeItem(): vscode.TreeItem {
    const label =
      this.regions.length === 1
        ? vscode.l10n.t('1 region with no instances')
        : vscode.l10n.t('{0} regions with no instances', this.regions.length);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = 'emptyRegions';
    item.iconPath = new vscode.ThemeIcon('globe');
    item.tooltip = this.regions.map((r) => r.region).join(', ');
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    return [...this.regions];
  }
}
