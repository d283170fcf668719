import * as vscode from 'vscode';
import { type AwsSession } from '../core/aws/session/awsSession';
import { type AccountPasswordPolicy, getPasswordPolicy, type IamUser, listUsers } from '../core/aws/iam/iam';
import { type ExplorerNode, PlaceholderNode } from './explorerNode';
import { fieldsTooltip } from './tooltip';

/** IAM is global: one node at the top of the view, with the password policy and the users. */
export class IamNode implements ExplorerNode {
  readonly id = 'iam';

  constructor(private readonly session: () => AwsSession) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('IAM (global)'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = 'iam';
    item.tooltip = vscode.l10n.t('Console sign-in: the account password policy and the users with or without a console login.');
    return item;
  }

  async children(): Promise<ExplorerNode[]> {
    const session = this.session();
    const [policy, users] = await Promise.all([getPasswordPolicy(session), listUsers(session)]);
    return [
      new PasswordPolicyNode(policy),
      ...(users.length ? users.map((u) => new IamUserNode(u)) : [new PlaceholderNode('iam/users/empty', vscode.l10n.t('No IAM users'))]),
    ];
  }
}

export class PasswordPolicyNode implements ExplorerNode {
  readonly id = 'iam/passwordPolicy';

  constructor(readonly policy: AccountPasswordPolicy) {}

  treeItem(): vscode.TreeItem {
    const p = this.policy;
    const item = new vscode.TreeItem(vscode.l10n.t('Password policy'));
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('lock');
    const needs = [
      vscode.l10n.t('min {0}', p.minimumLength),
      p.requireUppercase ? 'A-Z' : undefined,
      p.requireLowercase ? 'a-z' : undefined,
      p.requireNumbers ? '0-9' : undefined,
      p.requireSymbols ? '!@#' : undefined,
    ].filter(Boolean);
    item.description = p.isDefault ? vscode.l10n.t('AWS default (none set)') : needs.join(' · ');
    item.command = { command: 'ec2Workbench.showPasswordPolicy', title: vscode.l10n.t('Show Password Policy') };
    item.contextValue = 'passwordPolicy';
    return item;
  }
}

export class IamUserNode implements ExplorerNode {
  readonly id: string;

  constructor(readonly user: IamUser) {
    this.id = `iam/user/${user.name}`;
  }

  get userName(): string {
    return this.user.name;
  }

  treeItem(): vscode.TreeItem {
    const u = this.user;
    const item = new vscode.TreeItem(u.name);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(u.hasConsoleLogin ? 'person' : 'person-add');
    item.description = u.hasConsoleLogin ? vscode.l10n.t('console login') : vscode.l10n.t('no console login');
    item.contextValue = u.hasConsoleLogin ? 'iamUser.login' : 'iamUser.noLogin';
    item.tooltip = fieldsTooltip(u.name, [
      [vscode.l10n.t('ARN'), u.arn],
      [vscode.l10n.t('Console login'), u.hasConsoleLogin ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
    ]);
    return item;
  }
}
