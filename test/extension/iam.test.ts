import * as assert from 'assert';
import { DeleteAccountPasswordPolicyCommand, GetLoginProfileCommand } from '@aws-sdk/client-iam';
import * as vscode from 'vscode';
import { Workbench } from '../../src/workbench';
import { AwsStandIn } from '../support/awsStandIn';
import { iam, motoUrl, resetMoto } from '../support/moto';
import { TEST_PASSWORDS } from '../support/secrets';
import { userUnderStrictPolicy } from '../support/seed';
import { childLabels, itemOf, nodeAt, workbench } from './helpers';

const run = <T>(id: string, args: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
const [WEAK, STRONG, OTHER] = TEST_PASSWORDS;

describe('IAM console login', () => {
  let wb: Workbench;
  before(async () => {
    wb = await workbench();
    await resetMoto();
    await userUnderStrictPolicy('student');
    await vscode.commands.executeCommand('ec2Workbench.refresh');
  });

  it('refuses a weak password locally, naming each failed rule, and makes no call', async () => {
    const proxy = await new AwsStandIn(motoUrl()).start();
    const config = vscode.workspace.getConfiguration('ec2Workbench');
    await config.update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    try {
      await assert.rejects(run('createLoginProfile', { userName: 'student', password: WEAK }), {
        message: 'The password needs at least 14 characters (account password policy). Nothing was changed.',
      });
      await assert.rejects(run('createLoginProfile', { userName: 'student', password: 'alllowercaseletters' }), {
        message:
          "The password needs at least one uppercase letter, one number, and one symbol (! @ # $ % ^ & * ( ) _ + - = [ ] { } | ') (account password policy). Nothing was changed.",
      });
      assert.ok(!proxy.seen.some((r) => r.action === 'CreateLoginProfile'), proxy.seen.map((r) => r.action).join(','));
    } finally {
      await config.update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  it('creates the login with a good password and gives the sign-in URL; a second create is refused', async () => {
    const { signInUrl } = await run<{ signInUrl: string }>('createLoginProfile', {
      userName: 'student',
      password: STRONG,
      passwordResetRequired: true,
    });
    assert.match(signInUrl, /^https:\/\/\d{12}\.signin\.aws\.amazon\.com\/console$/);
    const profile = await iam().send(new GetLoginProfileCommand({ UserName: 'student' }));
    assert.strictEqual(profile.LoginProfile?.UserName, 'student');
    await assert.rejects(run('createLoginProfile', { userName: 'student', password: STRONG }), {
      message: 'student already has a console login. Use "Change Console Password" to set a new password.',
    });
    const user = itemOf(wb, await nodeAt(wb, 'IAM (global)', 'student'));
    assert.strictEqual(user.description, 'console login');
  });

  it('changes the password and removes the login', async () => {
    await run('updateLoginProfile', { userName: 'student', password: OTHER, passwordResetRequired: false });
    assert.strictEqual((await iam().send(new GetLoginProfileCommand({ UserName: 'student' }))).LoginProfile?.UserName, 'student');
    await run('deleteLoginProfile', { userName: 'student', confirmed: true });
    await assert.rejects(iam().send(new GetLoginProfileCommand({ UserName: 'student' })), { name: 'NoSuchEntityException' });
    assert.deepStrictEqual(await childLabels(wb, 'IAM (global)'), ['Password policy', 'student']);
    assert.strictEqual(itemOf(wb, await nodeAt(wb, 'IAM (global)', 'student')).description, 'no console login');
  });

  it('shows the policy readably, and the AWS default when none is set', async () => {
    const shown = await run<{ uri: vscode.Uri }>('showPasswordPolicy', {});
    assert.match((await vscode.workspace.openTextDocument(shown.uri)).getText(), /at least 14 characters\n- at least one uppercase letter/);
    await iam().send(new DeleteAccountPasswordPolicyCommand({}));
    const again = await run<{ uri: vscode.Uri }>('showPasswordPolicy', {});
    assert.match(
      (await vscode.workspace.openTextDocument(again.uri)).getText(),
      /No password policy is set for this account, so the AWS default applies/,
    );
    await vscode.commands.executeCommand('ec2Workbench.refresh');
    assert.strictEqual(itemOf(wb, await nodeAt(wb, 'IAM (global)', 'Password policy')).description, 'AWS default (none set)');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
