import * as vscode from 'vscode';
import { UserError } from '../core/aws/session/errors';
import { isResourceNode, type ResourceNode } from '../explorer/resourceNode';

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

/** The type of a field of an argument object; a list of strings is an enumeration of allowed values. */
export type FieldType = 'string' | 'number' | 'boolean' | 'string[]' | 'object' | 'object[]' | readonly string[];

export interface ArgSpec<T> {
  /** Every field the argument object may have, and its type. */
  readonly fields: { readonly [K in keyof T]-?: FieldType };
  /** Pairs of fields that cannot both be given. */
  readonly conflicts?: ReadonlyArray<readonly [keyof T & string, keyof T & string]>;
  /** What a resource node (context menu on an instance, a volume...) stands for. */
  readonly fromNode?: (node: ResourceNode) => Partial<T>;
  /** What another tree node (a region, a group, an IAM user) stands for; by default its region. */
  readonly fromTreeNode?: (node: { region?: unknown; userName?: unknown }) => Partial<T>;
}

/**
 * The one reader of command arguments. An argument object is checked against `spec` before
 * anything else happens: an unknown field, a value of the wrong type or two conflicting fields
 * reject with one sentence naming the field.
 */
export function commandInput<T extends object>(arg: unknown, spec: ArgSpec<T>): CommandInput<T> {
  if (isResourceNode(arg)) {
    return { args: spec.fromNode?.(arg) ?? {}, interactive: true, node: arg };
  }
  if (isTreeNode(arg)) {
    const node = arg as { region?: unknown; userName?: unknown };
    const args = spec.fromTreeNode
      ? spec.fromTreeNode(node)
      : typeof node.region === 'string' && 'region' in spec.fields
        ? { region: node.region }
        : {};
    return { args: args as Partial<T>, interactive: true };
  }
  if (arg === undefined || arg === null) {
    return { args: {}, interactive: true };
  }
  if (typeof arg !== 'object' || Array.isArray(arg)) {
    throw new UserError(vscode.l10n.t('The command takes an argument object such as {0}.', example(spec)));
  }
  const given = arg as Record<string, unknown>;
  const fields = spec.fields as Record<string, FieldType>;
  for (const [key, value] of Object.entries(given)) {
    if (key === 'interactive') {
      if (typeof value !== 'boolean') {
        throw new UserError(vscode.l10n.t('The argument object needs "{0}" to be {1}.', key, typeName('boolean')));
      }
      continue;
    }
    const type = fields[key];
    if (!type) {
      throw new UserError(vscode.l10n.t('The argument object has no field "{0}" (its fields: {1}).', key, Object.keys(fields).join(', ')));
    }
    if (value !== undefined && !hasType(value, type)) {
      throw new UserError(vscode.l10n.t('The argument object needs "{0}" to be {1}.', key, typeName(type)));
    }
  }
  for (const [a, b] of spec.conflicts ?? []) {
    if (given[a] !== undefined && given[b] !== undefined) {
      throw new UserError(vscode.l10n.t('Give either "{0}" or "{1}", not both.', a, b));
    }
  }
  // `interactive: true` in an argument object prefills a wizard instead of skipping it.
  const { interactive, ...args } = given;
  return { args: args as Partial<T>, interactive: interactive === true };
}

function hasType(value: unknown, type: FieldType): boolean {
  if (typeof type !== 'string') {
    return typeof value === 'string' && type.includes(value);
  }
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'object[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
  }
}

function typeName(type: FieldType): string {
  if (typeof type !== 'string') {
    return vscode.l10n.t('one of {0}', type.map((v) => `"${v}"`).join(', '));
  }
  switch (type) {
    case 'string':
      return vscode.l10n.t('a string');
    case 'number':
      return vscode.l10n.t('a number');
    case 'boolean':
      return vscode.l10n.t('true or false');
    case 'string[]':
      return vscode.l10n.t('a list of strings');
    case 'object':
      return vscode.l10n.t('an object');
    case 'object[]':
      return vscode.l10n.t('a list of objects');
  }
}

function example<T>(spec: ArgSpec<T>): string {
  return `{ ${Object.keys(spec.fields).slice(0, 3).join(', ')} }`;
}

export function isTreeNode(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && typeof (arg as { treeItem?: unknown }).treeItem === 'function';
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

/** `value` as given (not trimmed: a name's spaces are the validator's to judge), when it is a non-empty string. */
export function requireName(value: unknown, name: string): string {
  requireString(value, name);
  return value as string;
}

/** A node's region and resource id as the given fields (the common context-menu case). */
export function regionAnd<K extends string>(idField: K): (node: ResourceNode) => { region: string } & Record<K, string> {
  return (node) => ({ region: node.region, [idField]: node.resourceId }) as { region: string } & Record<K, string>;
}
