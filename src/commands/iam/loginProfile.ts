import * as vscode from 'vscode';
import { CancelledError, UserError } from '../../aws/errors';
import { changeLoginProfile, getPasswordPolicy, hasLoginProfile, listUsers, passwordProblems, signInUrl } from '../../aws/iam';
import { Workbench } from '../../workbench';
import { requireString } from '../args';
import { confirmOrCancel, orAsk } from '../prompts';

/** "a, b and c" in the display language (the rules a password breaks). */
function listOf(phrases: string[]): string {
  return new Intl.ListFormat(vscode.env.language, { type: 'conjunction' }).format(phrases);
}

export interface LoginProfileArgs {
  userName: string;
  password: string;
  passwordResetRequired?: boolean;
}

interface Input {
  args: Partial<LoginProfileArgs & { confirmed: boolean }>;
  interactive: boolean;
}

/** A user node (IAM tree) gives its name; an object is an argument object; nothing means ask. */
function inputOf(arg: unknown): Input {
  if (typeof arg === 'object' && arg !== null && typeof (arg as { treeItem?: unknown }).treeItem === 'function') {
    return { args: { userName: (arg as { userName?: string }).userName }, interactive: true };
  }
  return typeof arg === 'object' && arg !== null ? { args: arg as Input['args'], interactive: false } : { args: {}, interactive: true };
}

async function pickUser(wb: Workbench, title: string, withLogin: boolean): Promise<string | undefined> {
  const users = listUsers(wb.sessions.session).then((all) =>
    all
      .filter((u) => u.hasConsoleLogin === withLogin)
      .map((u) => ({ label: u.name, description: u.hasConsoleLogin ? vscode.l10n.t('console login') : vscode.l10n.t('no console login') })),
  );
  return (await vscode.window.showQuickPick(users, { title, placeHolder: vscode.l10n.t('IAM user') }))?.label;
}

/** Asks for a password (hidden), checking each rule of the account policy as the user types. */
async function passwordFor(wb: Workbench, input: Input, userName: string, title: string): Promise<{ password: string; reset: boolean }> {
  const session = wb.sessions.session;
  const policy = await getPasswordPolicy(session);
  const password = await orAsk(input.args.password, () =>
    vscode.window.showInputBox({
      title,
      password: true,
      prompt: vscode.l10n.t('Console password for {0}', userName),
      validateInput: (value) => {
        const problems = passwordProblems(value, policy, userName);
        return problems.length ? vscode.l10n.t('The password {0}.', listOf(problems)) : undefined;
      },
    }),
  );
  const problems = passwordProblems(password, policy, userName);
  if (problems.length) {
    throw new UserError(vscode.l10n.t('The password {0} (account password policy). Nothing was changed.', listOf(problems)));
  }
  let reset = input.args.passwordResetRequired;
  if (reset === undefined) {
    if (!input.interactive) {
      reset = false;
    } else {
      const yes = vscode.l10n.t('Require a new password at first sign-in');
      const no = vscode.l10n.t('Keep this password');
      const pick = await vscode.window.showQuickPick([yes, no], { title, placeHolder: vscode.l10n.t('At first sign-in') });
      if (!pick) {
        throw new CancelledError();
      }
      reset = pick === yes;
    }
  }
  return { password, reset };
}

/** CreateLoginProfile, after checking the password against the account policy locally. */
export async function createLoginProfileCommand(wb: Workbench, arg?: unknown): Promise<{ signInUrl: string }> {
  const input = inputOf(arg);
  const title = vscode.l10n.t('Create Console Login');
  const session = wb.sessions.session;
  const userName = await orAsk(input.args.userName, () => pickUser(wb, title, false));
  if (await hasLoginProfile(session, userName)) {
    throw new UserError(vscode.l10n.t('{0} already has a console login. Use "Change Console Password" to set a new password.', userName));
  }
  const { password, reset } = await passwordFor(wb, input, userName, title);
  await changeLoginProfile(session, 'create', userName, password, reset);
  wb.explorer.refreshIam();
  const url = await signInUrl(session, userName);
  wb.log.info(`Console login created for ${userName} (reset required: ${reset}).`);
  const copy = vscode.l10n.t('Copy Sign-in URL');
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} can now sign in to the console at {1}', userName, url), copy).then((c) => {
    if (c === copy) {
      void vscode.env.clipboard.writeText(url);
    }
  });
  return { signInUrl: url };
}

/** UpdateLoginProfile (a new password), checked against the policy first. */
export async function updateLoginProfileCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const input = inputOf(arg);
  const title = vscode.l10n.t('Change Console Password');
  const session = wb.sessions.session;
  const userName = await orAsk(input.args.userName, () => pickUser(wb, title, true));
  if (!(await hasLoginProfile(session, userName))) {
    throw new UserError(vscode.l10n.t('{0} has no console login yet. Use "Create Console Login" first.', userName));
  }
  const { password, reset } = await passwordFor(wb, input, userName, title);
  await changeLoginProfile(session, 'update', userName, password, reset);
  wb.log.info(`Console password changed for ${userName}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('The console password of {0} is changed.', userName));
}

/** DeleteLoginProfile after a confirmation: the user keeps their access keys, only console sign-in goes. */
export async function deleteLoginProfileCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const input = inputOf(arg);
  const title = vscode.l10n.t('Remove Console Login');
  const userName = input.interactive ? await orAsk(input.args.userName, () => pickUser(wb, title, true)) : requireString(input.args.userName, 'userName');
  if (!input.args.confirmed) {
    await confirmOrCancel(
      vscode.l10n.t('Remove the console login of {0}?', userName),
      vscode.l10n.t('Remove Console Login'),
      vscode.l10n.t('{0} will no longer sign in to the AWS console. Access keys are not affected.', userName),
    );
  }
  await changeLoginProfile(wb.sessions.session, 'delete', userName);
  wb.explorer.refreshIam();
  void vscode.window.showInformationMessage(vscode.l10n.t('The console login of {0} is removed.', userName));
}
