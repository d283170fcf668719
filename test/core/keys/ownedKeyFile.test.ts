// Issue #26: a deletion re-checks that the file is the one EC2 Workbench wrote (device, inode,
// size, public half) and deletes nothing else, whatever the registry says.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileIdentity, KeyFileRegistry, type KeyFileEntry } from '../../../src/core/keys/keyFileRegistry';
import { deleteOwnedKeyFile, keyFileVerdict } from '../../../src/core/keys/ownedKeyFile';
import { tempDir } from '../../support/files';

function key(dir: string, name: string): string {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  return file;
}

class MemoryStore {
  private data = new Map<string, unknown>();
  get<T>(k: string): T | undefined {
    return this.data.get(k) as T | undefined;
  }
  async update(k: string, v: unknown): Promise<void> {
    this.data.set(k, v);
  }
}

describe('Deleting a private key file only when EC2 Workbench wrote it', () => {
  const created = async (file: string): Promise<KeyFileEntry> => ({ file, origin: 'created', ...(await fileIdentity(file)) });

  it('deletes an unchanged file it wrote', async () => {
    const file = key(tempDir(), 'lab.pem');
    assert.strictEqual(await deleteOwnedKeyFile(await created(file)), 'deleted');
    assert.ok(!fs.existsSync(file));
    assert.strictEqual(await deleteOwnedKeyFile(await created(file)), 'missing');
  });

  it('keeps a file of any other origin, and an entry without provenance', async () => {
    const file = key(tempDir(), 'id_ed25519');
    const bytes = fs.readFileSync(file);
    for (const origin of ['located', 'found', 'imported', 'unknown'] as const) {
      assert.strictEqual(await deleteOwnedKeyFile({ ...(await created(file)), origin }), 'notOurs');
    }
    const store = new MemoryStore();
    await store.update('ec2Workbench.keyFiles', { [JSON.stringify(['p', 'r', 'k'])]: file });
    const legacy = new KeyFileRegistry(store).entry('p', 'r', 'k')!;
    assert.strictEqual(legacy.origin, 'unknown');
    assert.strictEqual(await deleteOwnedKeyFile(legacy), 'notOurs');
    assert.ok(fs.readFileSync(file).equals(bytes));
  });

  it('keeps a file replaced since (other inode, other key, same size), grown, or turned into a link', async () => {
    const dir = tempDir();
    const file = key(dir, 'lab.pem');
    const entry = await created(file);
    const other = key(dir, 'other');
    // Same path, same size, another key and inode: the user's own key put there.
    fs.rmSync(file);
    fs.copyFileSync(other, file);
    assert.strictEqual(fs.statSync(file).size, entry.size);
    assert.strictEqual(await keyFileVerdict(entry), 'changed');
    // A link to the user's key at that path.
    fs.rmSync(file);
    fs.symlinkSync(other, file);
    assert.strictEqual(await deleteOwnedKeyFile(entry), 'changed');
    assert.ok(fs.lstatSync(file).isSymbolicLink() && fs.existsSync(other));
    // The same inode, rewritten with something else.
    const kept = key(dir, 'kept.pem');
    const keptEntry = await created(kept);
    fs.appendFileSync(kept, '\n');
    assert.strictEqual(await deleteOwnedKeyFile(keptEntry), 'changed');
    assert.ok(fs.existsSync(kept));
    // An entry recorded without its identity is never enough.
    assert.strictEqual(await deleteOwnedKeyFile({ file: kept, origin: 'created' }), 'changed');
  });
});
