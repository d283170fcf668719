import * as vscode from 'vscode';
import { describePolicy, getPasswordPolicy } from '../../core/aws/iam/iam';
import { type Workbench } from '../../workbench';

/** Renders the account password policy readably (or the AWS default when none is set). */
export async function showPasswordPolicyCommand(wb: Workbench): Promise<{ uri: vscode.Uri }> {
  const policy = await getPasswordPolicy(wb.sessions.session);
  const uri = wb.details.uri(`/iam/password-policy-${wb.sessions.session.profileName}.md`);
  const text = [
    `# ${vscode.l10n.t('Account password policy')}`,
    '',
    ...describePolicy(policy),
    '',
    vscode.l10n.t('CLI: aws iam get-account-password-policy'),
    '',
  ].join('\n');
  wb.details.set(uri, text);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  return { uri };
}
