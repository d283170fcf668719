// Issue #26: two windows connecting with a one-time key at the same moment left a private key from
// one process and a public key from the other (2 of 30 tries), and every later Instance Connect
// login failed. N real processes now create the key at once, and the pair always matches.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureOneTimeKey } from '../../../src/core/keys/oneTimeKey';
import { modeOf, publicKeyOf, tempDir } from '../../support/files';

const CHILD = path.resolve(__dirname, '..', '..', 'support', 'oneTimeKeyChild.js');

function window(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err || `exit ${code}`))));
  });
}

/** The .pub file holds the public half of the private file, as ssh-keygen derives it. */
function assertMatchingPair(dir: string): void {
  const privateKey = path.join(dir, 'id_ed25519');
  const pub = fs.readFileSync(`${privateKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  assert.strictEqual(publicKeyOf(privateKey), pub, 'the public key file is the half of the private key file');
  assert.strictEqual(modeOf(privateKey), 0o600);
  assert.deepStrictEqual(
    fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
    'no temporary file left',
  );
}

describe('Instance Connect one-time key, several windows at once', function () {
  this.timeout(240_000);

  it('N processes creating the key at the same moment always leave a matching pair, and all use it', async () => {
    const rounds = Number(process.env.EC2WB_ONE_TIME_KEY_ROUNDS) || 6;
    for (let round = 0; round < rounds; round++) {
      const dir = path.join(tempDir(), 'instance-connect');
      const keys = await Promise.all(Array.from({ length: 6 }, () => window(dir)));
      assertMatchingPair(dir);
      assert.strictEqual(new Set(keys).size, 1, `round ${round}: every window got the same key`);
      assert.strictEqual(keys[0], fs.readFileSync(path.join(dir, 'id_ed25519.pub'), 'utf8').trim());
    }
  });

  it('a public half that does not match (a crash, an older version) is derived again from the private file', async () => {
    const dir = path.join(tempDir(), 'instance-connect');
    const first = await ensureOneTimeKey(dir);
    const other = await ensureOneTimeKey(path.join(tempDir(), 'other'));
    fs.writeFileSync(first.publicKeyFile, `${other.publicKey}\n`);
    const again = await ensureOneTimeKey(dir);
    assert.strictEqual(again.publicKey, first.publicKey);
    assertMatchingPair(dir);
  });
});
