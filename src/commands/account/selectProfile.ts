import * as vscode from 'vscode';
import { UserError } from '../../core/aws/session/errors';
import { listProfiles } from '../../core/aws/session/profiles';
import { type Workbench } from '../../workbench';
import { commandInput } from '../commandInput';
import { SECTION } from '../../shared/settings';

export interface SelectProfileArgs {
  profile?: string;
}

/** Switches the AWS profile the view and commands use (stored in the ec2Workbench.profile setting). */
export async function selectProfile(wb: Workbench, arg?: unknown): Promise<{ profile: string } | undefined> {
  const { args } = commandInput<SelectProfileArgs>(arg, { fields: { profile: 'string' } });
  const profiles = await listProfiles();
  let profile = args.profile;
  if (profile === undefined) {
    if (profiles.length === 0) {
      throw new UserError(vscode.l10n.t('No AWS profile found. Run "aws configure" or use "EC2: Open AWS Credentials File".'));
    }
    const current = wb.sessions.session.profileName;
    const pick = await vscode.window.showQuickPick(
      profiles.map((p) => ({
        label: p.name,
        description: [p.region, p.endpointUrl].filter(Boolean).join(' · '),
        detail: p.name === current ? vscode.l10n.t('Current profile') : undefined,
      })),
      { title: vscode.l10n.t('Select AWS Profile'), placeHolder: vscode.l10n.t('Profile used by EC2 Workbench') },
    );
    if (!pick) {
      return undefined;
    }
    profile = pick.label;
  } else if (!profiles.some((p) => p.name === profile)) {
    throw new UserError(vscode.l10n.t('The AWS profile "{0}" was not found in your AWS config or credentials file.', profile));
  }
  await vscode.workspace.getConfiguration(SECTION).update('profile', profile, vscode.ConfigurationTarget.Global);
  wb.sessions.reset();
  return { profile };
}
