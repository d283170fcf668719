import * as vscode from 'vscode';
import { type SessionHolder } from './sessionHolder';

/** Status-bar item showing the AWS profile in use; a click switches profile. */
export function createProfileStatusBar(sessions: SessionHolder): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('ec2Workbench.profile', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('EC2 Workbench profile');
  item.command = 'ec2Workbench.selectProfile';
  const update = () => {
    const profile = sessions.session.profileName;
    item.text = `$(cloud) ${profile}`;
    item.tooltip = vscode.l10n.t('EC2 Workbench: AWS profile "{0}". Click to switch.', profile);
    item.accessibilityInformation = { label: vscode.l10n.t('AWS profile {0}, switch profile', profile) };
  };
  update();
  item.show();
  return vscode.Disposable.from(item, sessions.onDidChange(update));
}
