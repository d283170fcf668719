import type * as vscode from 'vscode';
import { type Workbench } from '../workbench';
import { COMMAND_IDS, type CommandId } from './commandIds';
import { type CommandHandler } from './handlers';
import { registerCommand } from './runCommand';

type Handlers = Record<CommandId, CommandHandler>;

let handlers: Promise<Handlers> | undefined;

/** The handlers' module, required on the first command run (dist/commands.js when bundled; see esbuild.mjs). */
function loadHandlers(): Promise<Handlers> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  handlers ??= Promise.resolve().then(() => (require('./handlers') as { handlers: Handlers }).handlers);
  return handlers;
}

/** Every command of the extension (ids and arguments: README, "Commands"); each handler loads on first use. */
export function registerCommands(wb: Workbench): vscode.Disposable[] {
  return COMMAND_IDS.map((id) => registerCommand(wb, id, async (w, args, ...more) => (await loadHandlers())[id](w, args, ...more)));
}
