// IAM console sign-in: the account password policy, users and their login profiles.
import * as l10n from '@vscode/l10n';
import type { PasswordPolicy } from '@aws-sdk/client-iam';
import { type AwsSession } from '../session/awsSession';
import { loadSdk } from '../sdk/loadSdk';
import { mapLimit } from '../session/concurrency';

export interface AccountPasswordPolicy {
  readonly minimumLength: number;
  readonly requireUppercase: boolean;
  readonly requireLowercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly allowUsersToChange?: boolean;
  readonly maxAgeDays?: number;
  readonly reusePrevention?: number;
  readonly hardExpiry?: boolean;
  /** True when the account has no policy and AWS's default applies. */
  readonly isDefault: boolean;
}

/**
 * What AWS applies when an account has no policy: at least 8 characters, at least three of
 * uppercase, lowercase, numbers and symbols, and not the user name.
 */
export const DEFAULT_PASSWORD_POLICY: AccountPasswordPolicy = {
  minimumLength: 8,
  requireUppercase: false,
  requireLowercase: false,
  requireNumbers: false,
  requireSymbols: false,
  allowUsersToChange: true,
  isDefault: true,
};

const SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

function isNoSuchEntity(error: unknown): boolean {
  return (error as { name?: string }).name === 'NoSuchEntity' || (error as { name?: string }).name === 'NoSuchEntityException';
}

export async function getPasswordPolicy(session: AwsSession): Promise<AccountPasswordPolicy> {
  const [{ GetAccountPasswordPolicyCommand }, client] = await Promise.all([loadSdk(), session.iam()]);
  let p: PasswordPolicy | undefined;
  try {
    p = (await client.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
  } catch (error) {
    if (isNoSuchEntity(error)) {
      return DEFAULT_PASSWORD_POLICY; // No policy is not an error: AWS's default applies.
    }
    throw error;
  }
  return {
    minimumLength: p?.MinimumPasswordLength ?? 6,
    requireUppercase: !!p?.RequireUppercaseCharacters,
    requireLowercase: !!p?.RequireLowercaseCharacters,
    requireNumbers: !!p?.RequireNumbers,
    requireSymbols: !!p?.RequireSymbols,
    allowUsersToChange: p?.AllowUsersToChangePassword,
    maxAgeDays: p?.MaxPasswordAge,
    reusePrevention: p?.PasswordReusePrevention,
    hardExpiry: p?.HardExpiry,
    isDefault: false,
  };
}

/**
 * The rules of `policy` that `password` breaks, each as a short phrase ("needs at least 14
 * characters"); the missing kinds of character make one phrase ("needs at least one uppercase
 * letter, one number, and one symbol"), joined by `list` (the display language's list, from the caller).
 */
export function passwordProblems(
  password: string,
  policy: AccountPasswordPolicy,
  userName?: string,
  list: (items: string[]) => string = (items) => items.join(', '),
): string[] {
  const problems: string[] = [];
  if (password.length < policy.minimumLength) {
    problems.push(l10n.t('needs at least {0} characters', policy.minimumLength));
  }
  if (password.length > 128) {
    problems.push(l10n.t('has at most 128 characters'));
  }
  const has = {
    upper: /[A-Z]/.test(password),
    lower: /[a-z]/.test(password),
    number: /[0-9]/.test(password),
    symbol: [...password].some((c) => SYMBOLS.includes(c)),
  };
  if (policy.isDefault) {
    if (Object.values(has).filter(Boolean).length < 3) {
      problems.push(l10n.t('needs at least three of: uppercase letters, lowercase letters, numbers, symbols'));
    }
    if (userName && password.toLowerCase() === userName.toLowerCase()) {
      problems.push(l10n.t('must not be the user name'));
    }
    return problems;
  }
  const missing = [
    policy.requireUppercase && !has.upper && l10n.t('one uppercase letter'),
    policy.requireLowercase && !has.lower && l10n.t('one lowercase letter'),
    policy.requireNumbers && !has.number && l10n.t('one number'),
    policy.requireSymbols && !has.symbol && l10n.t('one symbol ({0})', SYMBOLS.split('').join(' ')),
  ].filter((m): m is string => !!m);
  if (missing.length) {
    problems.push(l10n.t('needs at least {0}', list(missing)));
  }
  return problems;
}

/** The policy as readable lines. */
export function describePolicy(policy: AccountPasswordPolicy): string[] {
  if (policy.isDefault) {
    return [
      l10n.t('No password policy is set for this account, so the AWS default applies:'),
      `- ${l10n.t('at least 8 characters (at most 128)')}`,
      `- ${l10n.t('at least three of: uppercase letters, lowercase letters, numbers, symbols')}`,
      `- ${l10n.t('not the same as the user name or the account email')}`,
    ];
  }
  const rules = [l10n.t('at least {0} characters', policy.minimumLength)];
  if (policy.requireUppercase) rules.push(l10n.t('at least one uppercase letter (A-Z)'));
  if (policy.requireLowercase) rules.push(l10n.t('at least one lowercase letter (a-z)'));
  if (policy.requireNumbers) rules.push(l10n.t('at least one number (0-9)'));
  if (policy.requireSymbols) rules.push(l10n.t('at least one symbol: {0}', SYMBOLS));
  if (policy.maxAgeDays) {
    rules.push(
      policy.hardExpiry
        ? l10n.t('expires after {0} days (then only an administrator can reset it)', policy.maxAgeDays)
        : l10n.t('expires after {0} days', policy.maxAgeDays),
    );
  }
  if (policy.reusePrevention) rules.push(l10n.t('cannot reuse the last {0} passwords', policy.reusePrevention));
  rules.push(policy.allowUsersToChange ? l10n.t('users can change their own password') : l10n.t('users cannot change their own password'));
  return [l10n.t('The account password policy requires:'), ...rules.map((rule) => `- ${rule}`)];
}

export interface IamUser {
  readonly name: string;
  readonly arn: string;
  readonly hasConsoleLogin: boolean;
}

export async function listUsers(session: AwsSession): Promise<IamUser[]> {
  const [{ paginateListUsers, GetLoginProfileCommand }, client] = await Promise.all([loadSdk(), session.iam()]);
  const users: Array<{ name: string; arn: string }> = [];
  for await (const page of paginateListUsers({ client }, {})) {
    users.push(...(page.Users ?? []).map((u) => ({ name: u.UserName ?? '', arn: u.Arn ?? '' })));
  }
  return mapLimit(users, 8, async (u) => {
    try {
      await client.send(new GetLoginProfileCommand({ UserName: u.name }));
      return { ...u, hasConsoleLogin: true };
    } catch (error) {
      if (isNoSuchEntity(error)) {
        return { ...u, hasConsoleLogin: false };
      }
      throw error;
    }
  });
}

export async function hasLoginProfile(session: AwsSession, userName: string): Promise<boolean> {
  const [{ GetLoginProfileCommand }, client] = await Promise.all([loadSdk(), session.iam()]);
  try {
    await client.send(new GetLoginProfileCommand({ UserName: userName }));
    return true;
  } catch (error) {
    if (isNoSuchEntity(error)) {
      return false;
    }
    throw error;
  }
}

export type LoginProfileAction = 'create' | 'update' | 'delete';

export async function changeLoginProfile(
  session: AwsSession,
  action: LoginProfileAction,
  userName: string,
  password?: string,
  passwordResetRequired?: boolean,
): Promise<void> {
  const [sdk, client] = await Promise.all([loadSdk(), session.iam()]);
  if (action === 'create') {
    await client.send(
      new sdk.CreateLoginProfileCommand({ UserName: userName, Password: password, PasswordResetRequired: passwordResetRequired }),
    );
  } else if (action === 'update') {
    await client.send(
      new sdk.UpdateLoginProfileCommand({ UserName: userName, Password: password, PasswordResetRequired: passwordResetRequired }),
    );
  } else {
    await client.send(new sdk.DeleteLoginProfileCommand({ UserName: userName }));
  }
}

/** The console sign-in URL: the account alias's when it has one, else the account id's. */
export async function signInUrl(session: AwsSession, userName: string): Promise<string> {
  const [{ ListAccountAliasesCommand, GetUserCommand }, client] = await Promise.all([loadSdk(), session.iam()]);
  const alias = (await client.send(new ListAccountAliasesCommand({})).catch(() => undefined))?.AccountAliases?.[0];
  const account = (await client.send(new GetUserCommand({ UserName: userName }))).User?.Arn?.split(':')[4];
  return `https://${alias ?? account}.signin.aws.amazon.com/console`;
}
