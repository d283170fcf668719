import * as vscode from 'vscode';

export const SECTION = 'ec2Workbench';

export interface Settings {
  /** The profile to use; empty means AWS_PROFILE, else "default". */
  readonly profile: string;
  readonly endpointUrl: string;
  /** Regions to show; empty means every enabled region. */
  readonly regions: readonly string[];
  readonly hideEmptyRegions: boolean;
  readonly keyDirectory: string;
  readonly requestTimeoutSeconds: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    profile: c.get<string>('profile', '').trim() || process.env.AWS_PROFILE || 'default',
    endpointUrl: c.get<string>('endpointUrl', '').trim(),
    regions: c.get<string[]>('regions', []),
    hideEmptyRegions: c.get<boolean>('hideEmptyRegions', false),
    keyDirectory: c.get<string>('keyDirectory', '').trim(),
    requestTimeoutSeconds: c.get<number>('requestTimeoutSeconds', 30),
  };
}
