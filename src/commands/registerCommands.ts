import { type Workbench } from '../workbench';
import { type CommandId } from './commandIds';
import { handlers } from './handlers';
import { commandRunner } from './runCommand';

export type CommandRunner = (args?: unknown, ...more: unknown[]) => Promise<unknown>;

/**
 * Every command of the extension (ids and arguments: README, "Commands"), each behind the error
 * funnel. The activation entry (extension.ts) registers the ids with VS Code and calls these once
 * the workbench is loaded.
 */
export function commandRunners(wb: Workbench): Record<CommandId, CommandRunner> {
  return Object.fromEntries(
    (Object.entries(handlers) as Array<[CommandId, (typeof handlers)[CommandId]]>).map(([id, handler]) => [
      id,
      commandRunner(wb, id, handler),
    ]),
  ) as Record<CommandId, CommandRunner>;
}
