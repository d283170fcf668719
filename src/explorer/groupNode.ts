import * as vscode from 'vscode';
import { ExplorerNode, PlaceholderNode, retryNode } from './explorerNode';

export interface GroupSpec {
  readonly key: string;
  readonly label: string;
  readonly icon: string;
  readonly empty: string;
  readonly load: () => Promise<ExplorerNode[]>;
}

/** A kind of resource under a region ("Instances", "Key pairs"...): children, empty placeholder or error node. */
export class GroupNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly region: string,
    readonly spec: GroupSpec,
    private readonly describe: (error: unknown) => Promise<string>,
  ) {
    this.id = `${region}/group/${spec.key}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.spec.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.spec.icon);
    item.contextValue = `group.${this.spec.key}`;
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    try {
      const nodes = await this.spec.load();
      return nodes.length ? nodes : [new PlaceholderNode(`${this.id}/empty`, this.spec.empty)];
    } catch (error) {
      return [retryNode(`${this.id}/error`, await this.describe(error), this.region)];
    }
  }
}
