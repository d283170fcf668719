// Remembers which local file holds the private key of each key pair, per profile and region.
// Stored in a key-value store (VS Code's globalState); only paths, never key material.

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

import { findPrivateKey } from './keyMatch';

const STORE_KEY = 'ec2Workbench.keyFiles';

export class KeyFileRegistry {
  constructor(private readonly store: KeyValueStore) {}

  get(profile: string, region: string, keyName: string): string | undefined {
    return this.all()[entryKey(profile, region, keyName)];
  }

  async set(profile: string, region: string, keyName: string, file: string | undefined): Promise<void> {
    const next = { ...this.all() };
    if (file) {
      next[entryKey(profile, region, keyName)] = file;
    } else {
      delete next[entryKey(profile, region, keyName)];
    }
    await this.store.update(STORE_KEY, next);
  }

  /**
   * The private key file of a key pair: the one remembered, else one found where people put keys
   * (`<directory>/<name>.pem` for each directory) whose public half is the key pair's, then remembered.
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
      await this.set(profile, keyPair.region, keyPair.name, found);
    }
    return found;
  }

  private all(): Record<string, string> {
    return this.store.get<Record<string, string>>(STORE_KEY) ?? {};
  }
}

function entryKey(profile: string, region: string, keyName: string): string {
  return JSON.stringify([profile, region, keyName]);
}
