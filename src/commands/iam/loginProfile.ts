import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { UserError } from '../../core/aws/session/errors';
import { changeLoginProfile, getPasswordPolicy, hasLoginProfile, listUsers, passwordProblems, signInUrl } from '../../core/aws/iam/iam';
import { type Workbench } from '../../workbench';
import { BACK } from '../../shared/prompter';
import { runWizard, step } from '../../shared/wizard';
import { commandInput, requireString } from '../commandInput';
import { confirmOrCancel } from '../askOrUse';

/** "a, b and c" in the display language (the rules a password breaks). */
function listOf(phrases: string[]): string {
  return new Intl.ListFormat(vscode.env.language, { type: 'conjunction' }).format(phrases);
}

export interface LoginProfileArgs {
  userName: string;
  password: string;
  passwordResetRequired?: boolean;
}

/**
 * The user (asked among those with or without a login), the password (checked against the account
 * policy as it is typed, naming each rule it breaks), whether it must be changed at first sign-in,
 * then a summary: the wizard shared by "Create Console Login" and "Change Console Password".
 */
async function askLogin(
  wb: Workbench,
  arg: unknown,
  title: string,
  withLogin: boolean,
): Promise<{ userName: string; password: string; reset: boolean }> {
  const { args, interactive } = commandInput<LoginProfileArgs>(arg, {
    fields: { userName: 'string', password: 'string', passwordResetRequired: 'boolean' },
    fromTreeNode: (n) => ({ userName: typeof n.userName === 'string' ? n.userName : undefined }),
  });
  const session = wb.sessions.session;
  const policy = getPasswordPolicy(session);
  policy.catch(() => undefined); // Read while the user is asked; its failure is reported where it is awaited.
  const problemsOf = async (password: string, userName: string) => passwordProblems(password, await policy, userName, listOf);
  const ctx: Partial<LoginProfileArgs> = { ...args };
  await runWizard(
    wb.prompter,
    title,
    ctx,
    [
      step('userName', async (c, at) => {
        const users = listUsers(session).then((all) =>
          all
            .filter((u) => u.hasConsoleLogin === withLogin)
            .map((u) => ({
              label: u.name,
              description: u.hasConsoleLogin ? vscode.l10n.t('console login') : vscode.l10n.t('no console login'),
              value: u.name,
            })),
        );
        const v = await wb.prompter.pick<string>({
          ...at,
          placeholder: vscode.l10n.t('IAM user'),
          items: users,
          active: (u) => u === c.userName,
        });
        if (v === BACK) return BACK;
        c.userName = v;
      }),
      step('password', async (c, at) => {
        const rules = await policy;
        const v = await wb.prompter.input({
          ...at,
          password: true,
          prompt: vscode.l10n.t('Console password for {0}', c.userName!),
          value: c.password,
          validate: (value) => {
            const problems = passwordProblems(value, rules, c.userName!, listOf);
            return problems.length ? vscode.l10n.t('The password {0}.', listOf(problems)) : undefined;
          },
        });
        if (v === BACK) return BACK;
        c.password = v;
      }),
      step(
        'passwordResetRequired',
        async (c, at) => {
          const v = await wb.prompter.pick<boolean>({
            ...at,
            placeholder: vscode.l10n.t('At first sign-in'),
            items: [
              { label: vscode.l10n.t('Require a new password at first sign-in'), value: true },
              { label: vscode.l10n.t('Keep this password'), value: false },
            ],
            active: (r) => r === (c.passwordResetRequired ?? true),
          });
          if (v === BACK) return BACK;
          c.passwordResetRequired = v;
        },
        true,
      ),
    ],
    {
      interactive,
      summary: {
        action: withLogin ? vscode.l10n.t('$(key) Change Password') : vscode.l10n.t('$(add) Create Console Login'),
        describe: (c) =>
          [
            c.userName,
            c.passwordResetRequired
              ? vscode.l10n.t('a new password is required at first sign-in')
              : vscode.l10n.t('the password is kept at first sign-in'),
          ].join(' · '),
      },
    },
  );
  const userName = requireString(ctx.userName, 'userName');
  const password = typeof ctx.password === 'string' ? ctx.password : requireString(ctx.password, 'password');
  const problems = await problemsOf(password, userName);
  if (problems.length) {
    throw new UserError(vscode.l10n.t('The password {0} (account password policy). Nothing was changed.', listOf(problems)));
  }
  return { userName, password, reset: ctx.passwordResetRequired ?? false };
}

/** CreateLoginProfile, after checking the password against the account policy locally. */
export async function createLoginProfileCommand(wb: Workbench, arg?: unknown): Promise<{ signInUrl: string }> {
  const session = wb.sessions.session;
  const { userName, password, reset } = await askLogin(wb, arg, vscode.l10n.t('Create Console Login'), false);
  if (await hasLoginProfile(session, userName)) {
    throw new UserError(vscode.l10n.t('{0} already has a console login. Use "Change Console Password" to set a new password.', userName));
  }
  await changeLoginProfile(session, 'create', userName, password, reset);
  wb.explorer.refreshIam();
  const url = await signInUrl(session, userName);
  wb.log.info(`Console login created for ${userName} (reset required: ${reset}).`);
  const copy = vscode.l10n.t('Copy Sign-in URL');
  void ui.showInformationMessage(vscode.l10n.t('{0} can now sign in to the console at {1}', userName, url), copy).then((c) => {
    if (c === copy) {
      void vscode.env.clipboard.writeText(url);
    }
  });
  return { signInUrl: url };
}

/** UpdateLoginProfile (a new password), checked against the policy first. */
export async function updateLoginProfileCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const session = wb.sessions.session;
  const { userName, password, reset } = await askLogin(wb, arg, vscode.l10n.t('Change Console Password'), true);
  if (!(await hasLoginProfile(session, userName))) {
    throw new UserError(vscode.l10n.t('{0} has no console login yet. Use "Create Console Login" first.', userName));
  }
  await changeLoginProfile(session, 'update', userName, password, reset);
  wb.log.info(`Console password changed for ${userName}.`);
  void ui.showInformationMessage(vscode.l10n.t('The console password of {0} is changed.', userName));
}

/** DeleteLoginProfile after a confirmation: the user keeps their access keys, only console sign-in goes. */
export async function deleteLoginProfileCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args } = commandInput<{ userName: string; confirmed?: boolean }>(arg, {
    fields: { userName: 'string', confirmed: 'boolean' },
    fromTreeNode: (n) => ({ userName: typeof n.userName === 'string' ? n.userName : undefined }),
  });
  const ctx = await runWizard(
    wb.prompter,
    vscode.l10n.t('Remove Console Login'),
    { ...args },
    [
      step('userName', async (c, at) => {
        const users = listUsers(wb.sessions.session).then((all) =>
          all.filter((u) => u.hasConsoleLogin).map((u) => ({ label: u.name, value: u.name })),
        );
        const v = await wb.prompter.pick<string>({ ...at, placeholder: vscode.l10n.t('IAM user'), items: users });
        if (v === BACK) return BACK;
        c.userName = v;
      }),
    ],
    { interactive: true },
  );
  const userName = requireString(ctx.userName, 'userName');
  if (!args.confirmed) {
    await confirmOrCancel(
      vscode.l10n.t('Remove the console login of {0}?', userName),
      vscode.l10n.t('Remove Console Login'),
      vscode.l10n.t('{0} will no longer sign in to the AWS console. Access keys are not affected.', userName),
    );
  }
  await changeLoginProfile(wb.sessions.session, 'delete', userName);
  wb.explorer.refreshIam();
  void ui.showInformationMessage(vscode.l10n.t('The console login of {0} is removed.', userName));
}
