import * as vscode from 'vscode';
import { type ExplorerNode } from './explorerNode';

/** What commands need from a tree node passed by a context menu: its region and id, and copyable values. */
export interface ResourceRef {
  readonly region: string;
  /** Instance, volume, VPC, subnet or security group id; key pair or load balancer name. */
  readonly resourceId: string;
  readonly kind: 'instance' | 'keyPair' | 'volume' | 'loadBalancer' | 'vpc' | 'subnet' | 'securityGroup';
  readonly publicDnsName?: string;
  readonly publicIp?: string;
  readonly arn?: string;
}

export interface ResourceNode extends ExplorerNode, ResourceRef {}

export function isResourceNode(value: unknown): value is ResourceNode {
  return typeof value === 'object' && value !== null && 'resourceId' in value && 'region' in value && 'kind' in value;
}

export function resourceItem(
  node: ResourceNode,
  label: string,
  options: {
    description?: string;
    icon: vscode.ThemeIcon;
    contextValue: string;
    /** Omitted when the node builds it on hover (ExplorerNode.tooltip). */
    tooltip?: vscode.MarkdownString;
    collapsible?: boolean;
  },
): vscode.TreeItem {
  const item = new vscode.TreeItem(
    label,
    options.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.description = options.description;
  item.iconPath = options.icon;
  item.contextValue = options.contextValue;
  item.tooltip = options.tooltip;
  return item;
}
