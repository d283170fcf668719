import * as vscode from 'vscode';
import { sshTerminalProcess } from '../../core/ssh/sshTerminal';
import { readSettings } from '../../shared/settings';
import { type Workbench } from '../../workbench';
import { commandInput } from '../commandInput';
import { prepareSshTarget, SSH_TARGET_ARGS, type SshTargetArgs } from './sshTarget';

/**
 * An integrated terminal running `ssh <alias>`, with -F whenever the entry is not in the file ssh
 * reads by itself; when ssh fails, its reason stays on screen until Enter.
 */
export function openSshTerminalFor(alias: string, configFile: string, wb: Workbench): vscode.Terminal {
  // Our setting, else Remote - SSH's own setting for the ssh program, else ssh on PATH (user values only).
  const ssh = readSettings().ssh.program;
  const { shellPath, shellArgs } = sshTerminalProcess(
    ssh,
    configFile,
    alias,
    vscode.l10n.t({
      message: 'ssh stopped with exit code {0}; its reason is above. Press Enter to close this terminal.',
      comment: ['Shown in the SSH terminal after ssh failed; {0} is the exit code'],
    }),
  );
  const terminal = vscode.window.createTerminal({
    name: `SSH ${alias}`,
    shellPath,
    shellArgs,
    iconPath: new vscode.ThemeIcon('terminal'),
  });
  terminal.show();
  // The walkthrough's "connect" step: ssh logged in and ended well (exit code 0), not just a terminal opened.
  const closed = vscode.window.onDidCloseTerminal((t) => {
    if (t === terminal) {
      closed.dispose();
      if (t.exitStatus?.code === 0) {
        wb.lab.mark('connect');
      }
    }
  });
  wb.context.subscriptions.push(closed);
  return terminal;
}

export async function openSshTerminalCommand(wb: Workbench, arg?: unknown): Promise<{ alias: string }> {
  const input = commandInput<SshTargetArgs>(arg, SSH_TARGET_ARGS);
  const target = await prepareSshTarget(wb, input, vscode.l10n.t('Open SSH Terminal'));
  openSshTerminalFor(target.entry.alias, target.configFile, wb);
  return { alias: target.entry.alias };
}
