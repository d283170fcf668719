import * as vscode from 'vscode';

/**
 * The instance and volume states AWS returns, in the display language (in English, the AWS words
 * themselves). The tooltip keeps the AWS word beside a translation: it is what the AWS CLI prints.
 */
const LABELS: Record<string, () => string> = {
  pending: () => vscode.l10n.t('pending'),
  running: () => vscode.l10n.t('running'),
  stopping: () => vscode.l10n.t('stopping'),
  stopped: () => vscode.l10n.t('stopped'),
  'shutting-down': () => vscode.l10n.t('shutting-down'),
  terminated: () => vscode.l10n.t('terminated'),
  creating: () => vscode.l10n.t('creating'),
  available: () => vscode.l10n.t('available'),
  'in-use': () => vscode.l10n.t('in-use'),
  deleting: () => vscode.l10n.t('deleting'),
  deleted: () => vscode.l10n.t('deleted'),
  error: () => vscode.l10n.t('error'),
};

export function stateLabel(state: string): string;
export function stateLabel(state: string | undefined): string | undefined;
export function stateLabel(state: string | undefined): string | undefined {
  return state !== undefined && Object.hasOwn(LABELS, state) ? LABELS[state]() : state;
}

/** "en marche (running)" in French; just "running" where the display word is the AWS word. */
export function stateWithAwsWord(state: string): string;
export function stateWithAwsWord(state: string | undefined): string | undefined;
export function stateWithAwsWord(state: string | undefined): string | undefined {
  const label = stateLabel(state);
  return label === state ? label : `${label} (${state})`;
}
