// The tree view's data: the explorer's tree, each item with its price added.
import * as vscode from 'vscode';
import { type ExplorerNode } from '../explorer/explorerNode';
import { type ExplorerProvider } from '../explorer/explorerProvider';
import { type CostService } from './costService';

/** The explorer's tree with prices added: what the tree view is given instead of the explorer itself. */
export function treeWithCosts(explorer: ExplorerProvider, costs: CostService): vscode.TreeDataProvider<ExplorerNode> {
  return {
    onDidChangeTreeData: (listener, thisArgs, disposables) => {
      const both = vscode.Disposable.from(explorer.onDidChangeTreeData(listener, thisArgs), costs.onDidChange(listener, thisArgs));
      disposables?.push(both);
      return both;
    },
    getTreeItem: (node) => costs.decorate(node, explorer.getTreeItem(node)),
    // Tooltips built on hover (an instance's) get their price then.
    resolveTreeItem: async (item, node) => {
      if (item.tooltip !== undefined || !node.tooltip) return item;
      await node.prepareTooltip?.(); // An instance's full record, from the listing worker.
      const resolved = costs.decorate(node, explorer.resolveTreeItem(item, node));
      await node.completeTooltip?.(resolved.tooltip);
      return resolved;
    },
    getChildren: (node) => explorer.getChildren(node),
  };
}
