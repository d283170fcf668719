import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { readSettings } from '../../shared/settings';
import { type Workbench } from '../../workbench';
import { type CommandInput, commandInput, regionAnd } from '../commandInput';
import { openSshTerminalFor } from './openSshTerminal';
import { prepareSshTarget, SSH_ROUTES, type SshTargetArgs } from './sshTarget';

export interface ConnectArgs extends SshTargetArgs {
  newWindow?: boolean;
  /** false: only write the SSH config entry. */
  open?: boolean;
}

/** Extensions that open `vscode-remote://ssh-remote+<alias>` URIs: Microsoft's, the open-source one, Cursor's. */
export const REMOTE_SSH_EXTENSIONS = ['ms-vscode-remote.remote-ssh', 'jeanp413.open-remote-ssh', 'anysphere.remote-ssh'];

export function remoteUri(alias: string, user: string): vscode.Uri {
  const home = user === 'root' ? '/root' : `/home/${user}`;
  return vscode.Uri.parse(`vscode-remote://ssh-remote+${alias}${home}`);
}

/** Writes the instance's SSH config entry, then opens a VS Code window on it through Remote - SSH. */
export async function connectRemoteSshCommand(wb: Workbench, arg?: unknown): Promise<ConnectResult> {
  const input = commandInput<ConnectArgs>(arg, {
    fields: { region: 'string', instanceId: 'string', newWindow: 'boolean', open: 'boolean', via: SSH_ROUTES },
    fromNode: regionAnd('instanceId'),
  });
  return connectRemoteSsh(wb, input);
}

export type ConnectResult = { alias: string; configFile: string; uri: string };

export async function connectRemoteSsh(wb: Workbench, input: CommandInput<ConnectArgs>): Promise<ConnectResult> {
  const target = await prepareSshTarget(wb, input, vscode.l10n.t('Connect with Remote-SSH'));
  const { alias, user } = target.entry;
  const uri = remoteUri(alias, user);
  const result = { alias, configFile: target.configFile, uri: uri.toString(true) };
  if (input.args.open === false) {
    return result;
  }
  const remote = REMOTE_SSH_EXTENSIONS.map((id) => vscode.extensions.getExtension(id)).find(Boolean);
  if (!remote) {
    const install = vscode.l10n.t('Install Remote - SSH');
    const terminal = vscode.l10n.t('Open SSH Terminal');
    const message = vscode.l10n.t(
      'Remote - SSH is not installed, so VS Code cannot open a window on {0}. The SSH config entry "{1}" is written.',
      alias,
      alias,
    );
    void ui.showWarningMessage(message, install, terminal).then(async (choice) => {
      if (choice === install) {
        await vscode.commands.executeCommand('workbench.extensions.installExtension', REMOTE_SSH_EXTENSIONS[0]);
      } else if (choice === terminal) {
        openSshTerminalFor(alias, target.configFile, wb);
      }
    });
    return result;
  }
  if (!remote.isActive) {
    await remote.activate();
  }
  const reuse = readSettings().ssh.reuseWindow;
  await vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: input.args.newWindow ?? !reuse });
  wb.lab.mark('connect');
  return result;
}
