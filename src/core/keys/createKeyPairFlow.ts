// Create a key pair and save its private key so that nothing can be lost: every check that can be
// made is made before the AWS call; a file that cannot be written leads to "Save As", and when the
// user gives up, the key pair is deleted on AWS so no unusable key is left behind.
import * as l10n from '@vscode/l10n';
import { type AwsSession } from '../aws/session/awsSession';
import { UserError } from '../aws/session/errors';
import { createKeyPair, deleteKeyPair, listKeyPairs } from '../aws/ec2/keyPairs';
import { keyPairNameProblem } from './keyPairName';
import { ensureKeyDirectory, exists, hostPlatform, keyFilePath, type Platform, writePrivateKey } from './privateKeyFile';

export interface CreateKeyPairRequest {
  readonly region: string;
  readonly name: string;
  readonly keyType: 'rsa' | 'ed25519';
  readonly directory: string;
}

export interface SavedKeyPair {
  readonly keyName: string;
  readonly keyFile: string;
  readonly fingerprint?: string;
}

/**
 * Asks where else to save the key after `reason`; resolves to a path, or undefined to give up.
 * Absent (a command called with arguments), the first failure gives up.
 */
export type AskSaveAs = (reason: string, suggested: string) => Promise<string | undefined>;

function writeProblem(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EEXIST':
      return l10n.t('{0} already exists and is left untouched.', file);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return l10n.t('{0} cannot be written here (permission denied).', file);
    case 'ERESTRICT':
      return l10n.t('{0} could not be restricted to your user account (icacls failed), so the key was not written into it.', file);
    case 'ENOSPC':
      return l10n.t('{0} cannot be written: the disk is full.', file);
    default:
      return l10n.t('{0} cannot be written ({1}).', file, code ?? (error as Error).message);
  }
}

export async function createAndSaveKeyPair(
  session: AwsSession,
  req: CreateKeyPairRequest,
  askSaveAs?: AskSaveAs,
  platform: Platform = hostPlatform,
): Promise<SavedKeyPair> {
  // The name's form is checked before any call, its uniqueness with a read, both before creating.
  const problem =
    keyPairNameProblem(req.name) ??
    keyPairNameProblem(
      req.name,
      (await listKeyPairs(session, req.region)).map((k) => k.name),
      req.region,
    );
  if (problem) {
    throw new UserError(problem);
  }
  let file = keyFilePath(req.directory, req.name);
  if (await exists(file)) {
    const reason = l10n.t('{0} already exists and is left untouched.', file);
    const other = askSaveAs ? await askSaveAs(reason, file) : undefined;
    if (!other) {
      throw new UserError(l10n.t('{0} Pick another key pair name or key directory. No key pair was created.', reason));
    }
    file = other;
  }
  try {
    await ensureKeyDirectory(req.directory);
  } catch (error) {
    throw new UserError(
      l10n.t(
        'The key directory {0} cannot be created ({1}). Choose another one in the ec2Workbench.keyDirectory setting. No key pair was created.',
        req.directory,
        String((error as NodeJS.ErrnoException).code),
      ),
    );
  }

  const created = await createKeyPair(session, req.region, req.name, req.keyType);
  for (;;) {
    try {
      await writePrivateKey(file, created.material, platform);
      return { keyName: created.name, keyFile: file, fingerprint: created.fingerprint };
    } catch (error) {
      const reason = writeProblem(file, error);
      const other = askSaveAs ? await askSaveAs(reason, file) : undefined;
      if (!other) {
        return giveUp(session, req, reason);
      }
      file = other;
    }
  }
}

async function giveUp(session: AwsSession, req: CreateKeyPairRequest, reason: string): Promise<never> {
  try {
    await deleteKeyPair(session, req.region, req.name);
  } catch {
    throw new UserError(
      l10n.t(
        '{0} The private key could not be saved, and deleting the key pair "{1}" in {2} failed too: delete it yourself (it cannot be used without its private key).',
        reason,
        req.name,
        req.region,
      ),
    );
  }
  throw new UserError(
    l10n.t(
      '{0} The private key was not saved, so the key pair "{1}" was deleted in {2}: nothing unusable is left. Try again with another name or directory.',
      reason,
      req.name,
      req.region,
    ),
  );
}
