import * as vscode from 'vscode';
import { sshConfigArgs } from '../../core/ssh/sshConfigPath';
import { defaultShell, shellQuote } from '../../core/text/shellQuote';
import { type Workbench } from '../../workbench';
import { commandInput } from '../commandInput';
import { prepareSshTarget, SSH_TARGET_ARGS, type SshTargetArgs } from './sshTarget';

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
