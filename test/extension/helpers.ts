import * as vscode from 'vscode';
import { ExplorerNode } from '../../src/explorer/explorerNode';
import { Activation, Workbench } from '../../src/workbench';

export function extension(): vscode.Extension<Activation> {
  const ext = vscode.extensions.getExtension<Activation>('ec2-workbench.ec2-workbench');
  if (!ext) {
    throw new Error('EC2 Workbench is not installed in this extension host');
  }
  return ext;
}

/** The workbench behind the activation entry, loaded if it is not yet (as the view or a command would). */
export async function workbench(): Promise<Workbench> {
  return (await extension().activate()).workbench();
}

export function labelsOf(wb: Workbench, nodes: ExplorerNode[]): string[] {
  return nodes.map((n) => {
    const label = wb.explorer.getTreeItem(n).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  });
}

/** The item as VS Code shows it on hover (its tooltip resolved). */
export function itemOf(wb: Workbench, node: ExplorerNode): vscode.TreeItem {
  return wb.explorer.resolveTreeItem(wb.explorer.getTreeItem(node), node);
}

/** The child of `parent` (or of the root) whose label is `label`; fails with the labels seen. */
export async function child(wb: Workbench, parent: ExplorerNode | undefined, label: string): Promise<ExplorerNode> {
  const nodes = parent ? await wb.explorer.getChildren(parent) : await rootNodes(wb);
  const labels = labelsOf(wb, nodes);
  const index = labels.indexOf(label);
  if (index < 0) {
    throw new Error(`no "${label}" among [${labels.join(', ')}]`);
  }
  return nodes[index];
}

/** The root's nodes, with the regions folded into "N regions with no instances" in their place. */
export async function rootNodes(wb: Workbench): Promise<ExplorerNode[]> {
  const nodes = await wb.explorer.getChildren();
  const fold = nodes.find((n) => n.id === 'regions/empty');
  return fold ? [...nodes.filter((n) => n !== fold), ...(await wb.explorer.getChildren(fold))] : nodes;
}

/** Walks a path of labels from the root. */
export async function nodeAt(wb: Workbench, ...path: string[]): Promise<ExplorerNode> {
  let node: ExplorerNode | undefined;
  for (const label of path) {
    node = await child(wb, node, label);
  }
  return node!;
}

export async function childLabels(wb: Workbench, ...path: string[]): Promise<string[]> {
  return labelsOf(wb, await wb.explorer.getChildren(await nodeAt(wb, ...path)));
}

/** Full refresh, then waits until every region has its answer. */
export async function refreshAll(wb: Workbench): Promise<void> {
  await vscode.commands.executeCommand('ec2Workbench.refresh');
  await wb.explorer.getChildren();
  await wb.explorer.settled();
}
