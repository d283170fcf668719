// Deleting a private key file, only when EC2 Workbench wrote it and it is still that file.
// Every command that removes a local key goes through `deleteOwnedKeyFile`: a key pair's tag
// (which anyone in the account can set) or a registry entry alone never makes a file deletable.
import * as fs from 'fs/promises';
import { fileIdentity, type KeyFileEntry } from './keyFileRegistry';

/**
 * - `deleted`: the file was ours and unchanged, and is gone;
 * - `missing`: there was nothing to delete;
 * - `notOurs`: EC2 Workbench did not write it (located, found, imported, or recorded before provenance): kept;
 * - `changed`: it is no longer the file EC2 Workbench wrote (other device, inode, size or key, or now a link): kept.
 */
export type KeyFileVerdict = 'deleted' | 'missing' | 'notOurs' | 'changed';

/** What deleting the entry's file would do, without touching it. */
export async function keyFileVerdict(entry: KeyFileEntry): Promise<Exclude<KeyFileVerdict, 'deleted'> | 'deletable'> {
  const stat = await fs.lstat(entry.file).catch(() => undefined);
  if (!stat) {
    return 'missing';
  }
  if (entry.origin !== 'created') {
    return 'notOurs';
  }
  if (!stat.isFile()) {
    return 'changed';
  }
  const now = await fileIdentity(entry.file);
  const same =
    entry.dev !== undefined &&
    entry.ino !== undefined &&
    entry.size !== undefined &&
    entry.publicBlob !== undefined &&
    now.dev === entry.dev &&
    now.ino === entry.ino &&
    now.size === entry.size &&
    now.publicBlob === entry.publicBlob;
  return same ? 'deletable' : 'changed';
}

/** Deletes the entry's file when EC2 Workbench wrote it and it is unchanged; says what happened. */
export async function deleteOwnedKeyFile(entry: KeyFileEntry): Promise<KeyFileVerdict> {
  const verdict = await keyFileVerdict(entry);
  if (verdict !== 'deletable') {
    return verdict;
  }
  await fs.unlink(entry.file);
  return 'deleted';
}
