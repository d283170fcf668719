import * as vscode from 'vscode';
import { markdownOfText } from '../core/text/plainText';

/** A tree element: a small model with a stable id that renders itself and may have children. */
export interface ExplorerNode {
  readonly id: string;
  treeItem(): vscode.TreeItem;
  /** Built only when the item is hovered (resolveTreeItem): thousands of rows cost no tooltip. */
  tooltip?(): vscode.MarkdownString | string | undefined;
  /** Loads what the tooltip shows beyond the row's own data, before it is built (an instance's full record). */
  prepareTooltip?(): Promise<void>;
  /** Adds what needs an AWS call to the tooltip built on hover (an instance's alarm state). */
  completeTooltip?(tooltip: vscode.TreeItem['tooltip']): Promise<void>;
  children?(): Promise<ExplorerNode[]>;
}

/** Shown in place of children that failed to load: the readable reason and a Retry action. */
export class ErrorNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly message: string,
    private readonly retry: vscode.Command,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.tooltip = new vscode.MarkdownString().appendMarkdown(markdownOfText(`${this.message}\n\n${vscode.l10n.t('Click to retry.')}`));
    item.command = this.retry;
    item.contextValue = 'error';
    return item;
  }
}

/** An error node whose Retry reloads one region (or everything when no region is given). */
export function retryNode(id: string, message: string, region?: string): ErrorNode {
  return new ErrorNode(id, message, {
    command: 'ec2Workbench.refresh',
    title: vscode.l10n.t('Retry'),
    arguments: region ? [{ region }] : [],
  });
}

/** Shown when a list is empty, so an empty group reads as "nothing here" and not as loading. */
export class PlaceholderNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly label: string,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = 'placeholder';
    return item;
  }
}
