import * as l10n from '@vscode/l10n';

/** Why a key pair name cannot be used, or undefined when it can (checked before any AWS call). */
export function keyPairNameProblem(name: string, existing: readonly string[] = [], region?: string): string | undefined {
  if (name.length === 0) {
    return l10n.t('Enter a key pair name.');
  }
  if (name.length > 255) {
    return l10n.t('A key pair name has at most 255 characters (this one has {0}).', name.length);
  }
  if (!/^[\x20-\x7e]+$/.test(name)) {
    return l10n.t('A key pair name may only use ASCII letters, digits, spaces and punctuation.');
  }
  if (name !== name.trim()) {
    return l10n.t('A key pair name cannot start or end with a space.');
  }
  if (existing.includes(name)) {
    return region
      ? l10n.t('The key pair name "{0}" is already used in {1}. Pick another name.', name, region)
      : l10n.t('The key pair name "{0}" is already used. Pick another name.', name);
  }
  return undefined;
}
