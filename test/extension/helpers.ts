import * as vscode from 'vscode';
import { ExplorerNode } from '../../src/explorer/explorerNode';
import { Workbench } from '../../src/workbench';

export function extension(): vscode.Extension<Workbench> {
  const ext = vscode.extensions.getExtension<Workbench>('ec2-workbench.ec2-workbench');
  if (!ext) {
    throw new Error('EC2 Workbench is not installed in this extension host');
  }
  return ext;
}

export async function workbench(): Promise<Workbench> {
  return extension().activate();
}

export function labelsOf(wb: Workbench, nodes: ExplorerNode[]): string[] {
  return nodes.map((n) => {
    const label = wb.explorer.getTreeItem(n).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  });
}
