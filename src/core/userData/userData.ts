// Checks on user-data before it is sent: the EC2 limit and the first line cloud-init needs.

import * as l10n from '@vscode/l10n';

/** EC2's limit on user-data, before base64. */
export const USER_DATA_LIMIT = 16 * 1024;

/** An error that stops the launch, or undefined. */
export function userDataError(text: string): string | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > USER_DATA_LIMIT) {
    return l10n.t(
      'The user-data is {0} KB; EC2 accepts at most 16 KB. Move the bulk into a file the script downloads, then try again.',
      (bytes / 1024).toFixed(1),
    );
  }
  return undefined;
}

/** True when cloud-init would run the text: a script (#!), #cloud-config, or a MIME multipart. */
export function looksLikeUserData(text: string): boolean {
  const first = text.split('\n', 1)[0].trim();
  return first.startsWith('#!') || first.startsWith('#cloud-config') || /^(Content-Type: multipart|MIME-Version:)/i.test(first);
}

/** Advice that does not stop the launch, or undefined. */
export function userDataWarning(text: string): string | undefined {
  if (text.trim() === '') {
    return undefined;
  }
  if (!looksLikeUserData(text)) {
    return l10n.t('The user-data does not start with "#!" (a script) or "#cloud-config": cloud-init will ignore it.');
  }
  return undefined;
}
