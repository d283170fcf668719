import * as vscode from 'vscode';
import { AwsSession } from '../aws/awsSession';
import { Log } from '../shared/log';
import { ExplorerNode } from './explorerNode';

/** One region of the account. */
export class RegionNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly region: string,
    readonly session: AwsSession,
    readonly log: Log,
    readonly changed: (node: ExplorerNode) => void,
  ) {
    this.id = `region/${region}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.region, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = 'region';
    return item;
  }

  reset(): void {
    // Nothing cached yet.
  }
}
