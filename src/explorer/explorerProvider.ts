import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import { listProfiles } from '../aws/profiles';
import { Log } from '../shared/log';
import { SessionHolder } from '../shared/sessionHolder';
import { readSettings } from '../shared/settings';
import { ErrorNode, ExplorerNode } from './explorerNode';
import { RegionNode } from './regionNode';

/** The EC2 Workbench view: one node per enabled region of the selected profile. */
export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private regions = new Map<string, RegionNode>();

  constructor(
    private readonly sessions: SessionHolder,
    private readonly log: Log,
  ) {}

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node) {
      return node.children ? node.children() : [];
    }
    return this.rootChildren();
  }

  /** Reloads one region, or everything (regions list included) when no region is given. */
  refresh(region?: string): void {
    const node = region ? this.regions.get(region) : undefined;
    if (node) {
      node.reset();
      this.changed.fire(node);
    } else {
      this.regions = new Map();
      this.changed.fire(undefined);
    }
  }

  /** The region nodes currently shown (for tests and commands that target a region). */
  regionNode(region: string): RegionNode | undefined {
    return this.regions.get(region);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async rootChildren(): Promise<ExplorerNode[]> {
    const session = this.sessions.session;
    const settings = readSettings();
    let names: string[];
    const noProfiles = (await listProfiles().catch(() => [])).length === 0;
    void vscode.commands.executeCommand('setContext', 'ec2Workbench.noProfiles', noProfiles);
    if (noProfiles) {
      return []; // The view's welcome content explains how to add credentials.
    }
    try {
      await session.profile();
      names = await session.listRegions();
    } catch (error) {
      const message = describeError(error, await session.errorContext());
      this.log.error(`Listing regions for profile "${session.profileName}" failed: ${message}`, error);
      return [new ErrorNode('root/error', message, { command: 'ec2Workbench.refresh', title: vscode.l10n.t('Retry') })];
    }
    if (settings.regions.length > 0) {
      const wanted = new Set(settings.regions);
      names = names.filter((n) => wanted.has(n));
    }
    const next = new Map<string, RegionNode>();
    for (const name of names) {
      next.set(name, this.regions.get(name) ?? new RegionNode(name, session, this.log, (n) => this.changed.fire(n)));
    }
    this.regions = next;
    return [...next.values()];
  }
}
