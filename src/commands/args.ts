import * as vscode from 'vscode';
import { UserError } from '../aws/errors';
import { isResourceNode, ResourceNode } from '../explorer/resourceNode';

/**
 * What a command was called with. From the palette: nothing. From a context menu: a tree node,
 * which counts as its region and id. From a keybinding, a task or a test: an argument object.
 * `interactive` is false only for an argument object: then the command asks for nothing but a
 * missing required value, and a conflict or invalid value rejects instead of opening a dialog.
 */
export interface CommandInput<T> {
  readonly args: Partial<T>;
  readonly interactive: boolean;
  readonly node?: ResourceNode;
}

export function commandInput<T extends object>(arg: unknown, fromNode: (node: ResourceNode) => Partial<T> = () => ({})): CommandInput<T> {
  if (isResourceNode(arg)) {
    return { args: fromNode(arg), interactive: true, node: arg };
  }
  if (isTreeNode(arg)) {
    // A region or group node: it gives its region.
    const region = (arg as { region?: unknown }).region;
    return { args: (typeof region === 'string' ? { region } : {}) as Partial<T>, interactive: true };
  }
  if (typeof arg === 'object' && arg !== null) {
    // `interactive: true` in an argument object prefills a wizard instead of skipping it.
    return { args: arg as Partial<T>, interactive: (arg as { interactive?: unknown }).interactive === true };
  }
  return { args: {}, interactive: true };
}

function isTreeNode(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && typeof (arg as { treeItem?: unknown }).treeItem === 'function';
}

/** The argument object, or the fields of the node a context menu passed. */
export function argsFrom<T extends object>(arg: unknown, fromNode: (node: ResourceNode) => T): Partial<T> {
  return commandInput<T>(arg, fromNode).args;
}

/** The node a command was invoked on, when it came from a context menu. */
export function nodeFrom(arg: unknown): ResourceNode | undefined {
  return isResourceNode(arg) ? arg : undefined;
}

/** `value` as a non-empty string; `name` is the property of the argument object it comes from. */
export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UserError(vscode.l10n.t('The argument object needs "{0}" (a non-empty string).', name));
  }
  return value.trim();
}
