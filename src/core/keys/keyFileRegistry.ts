// Remembers which local file holds the private key of each key pair, per profile and region, and
// how that file became known (its provenance). Stored in a key-value store (VS Code's globalState);
// only paths and file identities, never key material.
//
// Only a file EC2 Workbench wrote itself (origin "created") is ever deleted, and only while it is
// still the same file: see ownedKeyFile.ts. Entries written before provenance existed (a bare path)
// read as origin "unknown": never deleted.

import * as fs from 'fs/promises';
import { findPrivateKey, publicBlobOf } from './keyMatch';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/**
 * How a private key file became known:
 * - `created`: written by EC2 Workbench (Create Key Pair), the only kind it may delete;
 * - `located`: chosen by the user (Locate Private Key);
 * - `found`: found next to ~/.ssh (or the key folder) as `<name>.pem`, matching the key pair's public key;
 * - `imported`: the private half of a public key the user imported (for example ~/.ssh/id_ed25519);
 * - `unknown`: recorded by an older version, which kept no provenance.
 */
export type KeyOrigin = 'created' | 'located' | 'found' | 'imported' | 'unknown';

export interface KeyFileEntry {
  readonly file: string;
  readonly origin: KeyOrigin;
  /** The file's identity when it was recorded (lstat), to re-check before any deletion. */
  readonly dev?: number;
  readonly ino?: number;
  readonly size?: number;
  /** The public key blob (base64) of the private key in the file when it was recorded. */
  readonly publicBlob?: string;
}

const STORE_KEY = 'ec2Workbench.keyFiles';
const ORIGINS: readonly KeyOrigin[] = ['created', 'located', 'found', 'imported', 'unknown'];

type Stored = string | KeyFileEntry;

/** The identity of `file` as it is now (not following a symbolic link), and its public half. */
export async function fileIdentity(file: string): Promise<Pick<KeyFileEntry, 'dev' | 'ino' | 'size' | 'publicBlob'>> {
  const stat = await fs.lstat(file).catch(() => undefined);
  if (!stat) {
    return {};
  }
  const text = stat.isFile() ? await fs.readFile(file, 'utf8').catch(() => undefined) : undefined;
  return { dev: stat.dev, ino: stat.ino, size: stat.size, publicBlob: text ? publicBlobOf(text) : undefined };
}

export class KeyFileRegistry {
  constructor(private readonly store: KeyValueStore) {}

  get(profile: string, region: string, keyName: string): string | undefined {
    return this.entry(profile, region, keyName)?.file;
  }

  /** The recorded file with its provenance; an entry without provenance reads as `unknown`. */
  entry(profile: string, region: string, keyName: string): KeyFileEntry | undefined {
    return normalize(this.all()[entryKey(profile, region, keyName)]);
  }

  /**
   * Records `file` as the private key of the key pair, with how it became known (`unknown`, never
   * deleted, when not said), or forgets the entry when `file` is undefined.
   */
  async set(profile: string, region: string, keyName: string, file: string | undefined, origin: KeyOrigin = 'unknown'): Promise<void> {
    const next = { ...this.all() };
    if (file) {
      next[entryKey(profile, region, keyName)] = { file, origin, ...(await fileIdentity(file)) };
    } else {
      delete next[entryKey(profile, region, keyName)];
    }
    await this.store.update(STORE_KEY, next);
  }

  /**
   * The private key file of a key pair: the one remembered, else one found where people put keys
   * (`<directory>/<name>.pem` for each directory) whose public half is the key pair's, then
   * remembered as `found` (never deleted by EC2 Workbench).
   */
  async resolve(
    profile: string,
    keyPair: { region: string; name: string; publicKey?: string },
    directories: string[],
  ): Promise<string | undefined> {
    const known = this.get(profile, keyPair.region, keyPair.name);
    if (known) {
      return known;
    }
    const found = await findPrivateKey(keyPair.name, keyPair.publicKey, directories);
    if (found) {
      await this.set(profile, keyPair.region, keyPair.name, found, 'found');
    }
    return found;
  }

  private all(): Record<string, Stored> {
    return this.store.get<Record<string, Stored>>(STORE_KEY) ?? {};
  }
}

function normalize(stored: Stored | undefined): KeyFileEntry | undefined {
  if (typeof stored === 'string') {
    return { file: stored, origin: 'unknown' };
  }
  if (!stored || typeof stored.file !== 'string') {
    return undefined;
  }
  return { ...stored, origin: ORIGINS.includes(stored.origin) ? stored.origin : 'unknown' };
}

function entryKey(profile: string, region: string, keyName: string): string {
  return JSON.stringify([profile, region, keyName]);
}
