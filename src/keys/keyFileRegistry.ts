// Remembers which local file holds the private key of each key pair, per profile and region.
// Stored in a key-value store (VS Code's globalState); only paths, never key material.

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

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

  private all(): Record<string, string> {
    return this.store.get<Record<string, string>>(STORE_KEY) ?? {};
  }
}

function entryKey(profile: string, region: string, keyName: string): string {
  return JSON.stringify([profile, region, keyName]);
}
