import { UserError } from '../aws/errors';
import { isResourceNode, ResourceNode } from '../explorer/resourceNode';

/**
 * Commands take either an argument object or, from a context menu, a tree node (which counts as
 * its region and id). This turns both into one plain object.
 */
export function argsFrom<T extends object>(arg: unknown, fromNode: (node: ResourceNode) => T): Partial<T> {
  if (isResourceNode(arg)) {
    return fromNode(arg);
  }
  return typeof arg === 'object' && arg !== null ? (arg as Partial<T>) : {};
}

/** The node a command was invoked on, when it came from a context menu. */
export function nodeFrom(arg: unknown): ResourceNode | undefined {
  return isResourceNode(arg) ? arg : undefined;
}

export function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UserError(`${what} is required.`);
  }
  return value.trim();
}
