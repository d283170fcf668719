import * as vscode from 'vscode';
import { type ExplorerNode, PlaceholderNode } from './explorerNode';

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

  /** A failure becomes an error child with Retry in ExplorerProvider.getChildren, as for every node. */
  async children(): Promise<ExplorerNode[]> {
    const nodes = await this.spec.load();
    return nodes.length ? nodes : [new PlaceholderNode(`${this.id}/empty`, this.spec.empty)];
  }
}
