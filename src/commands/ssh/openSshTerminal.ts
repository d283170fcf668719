import * as vscode from 'vscode';
import { sshConfigArgs } from '../../ssh/sshConfigPath';
import { sshTerminalProcess } from '../../ssh/sshTerminal';
import { readSettings } from '../../shared/settings';
import { defaultShell, shellQuote } from '../../shell/shellQuote';
import { type Workbench } from '../../workbench';
import { commandInput } from '../args';
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

/** Copies the plain ssh command line (the lab's `ssh -i key.pem ubuntu@host`), which needs no config entry. */
export async function copySshCommand(wb: Workbench, arg?: unknown): Promise<{ command: string }> {
  const input = commandInput<SshTargetArgs>(arg, SSH_TARGET_ARGS);
  const { entry, configFile } = await prepareSshTarget(wb, input, vscode.l10n.t('Copy SSH Command'));
  // Quoted for the shell it is pasted into: a key path with spaces or `$()` stays one argument.
  const shell = defaultShell();
  const port = entry.port ? ` -p ${entry.port}` : '';
  // EC2 Instance Connect needs the entry's ProxyCommand (it pushes the key): ssh with the alias.
  const command = entry.proxyCommand
    ? ['ssh', ...sshConfigArgs(configFile), entry.alias].map((a) => shellQuote(a, shell)).join(' ')
    : `ssh -i ${shellQuote(entry.identityFile, shell)}${port} ${shellQuote(`${entry.user}@${entry.hostName}`, shell)}`;
  await vscode.env.clipboard.writeText(command);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', command), 4000);
  return { command };
}
