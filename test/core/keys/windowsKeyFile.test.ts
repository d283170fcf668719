// The Windows path of private key files, driven with a stand-in for whoami and icacls (the tests
// run on Linux): the empty file is restricted to the user's SID before the key is written into it,
// and a failed restriction removes the file and leads to Save As.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { createAndSaveKeyPair } from '../../../src/core/keys/createKeyPairFlow';
import { Platform, restrictPermissions, writePrivateKey } from '../../../src/core/keys/privateKeyFile';
import { publicKeyOf, tempDir } from '../../support/files';
import { resetMoto } from '../../support/moto';

const SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const WHOAMI = `"desktop-7f3k\\\\élève","${SID}"\r\n`;

interface Call {
  command: string;
  args: string[];
  /** Size of the file named by icacls when icacls ran. */
  sizeThen?: number;
}

function windows(failIcaclsFor: (file: string) => boolean = () => false): Platform & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    os: 'win32',
    calls,
    run: async (command, args) => {
      const call: Call = { command, args };
      calls.push(call);
      if (command === 'whoami') {
        return WHOAMI;
      }
      call.sizeThen = fs.statSync(args[0]).size;
      if (failIcaclsFor(args[0])) {
        throw new Error('icacls: Access is denied.');
      }
      return 'processed file';
    },
  };
}

describe('Private key files on Windows (whoami and icacls stood in for)', () => {
  it("restricts the still empty file to the user's SID, then writes the key", async () => {
    const file = path.join(tempDir(), 'lab.pem');
    const win = windows();
    await writePrivateKey(file, '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----', win);
    assert.deepStrictEqual(
      win.calls.map((c) => [c.command, ...c.args]),
      [
        ['whoami', '/user', '/fo', 'csv', '/nh'],
        ['icacls', file, '/inheritance:r', '/grant:r', `*${SID}:F`],
      ],
    );
    assert.strictEqual(win.calls[1].sizeThen, 0, 'no byte of the key is in the file before it is restricted');
    assert.match(fs.readFileSync(file, 'utf8'), /abc\n-----END/);
  });

  it('removes the file and writes nothing when restricting fails', async () => {
    const file = path.join(tempDir(), 'lab.pem');
    await assert.rejects(
      writePrivateKey(
        file,
        'KEY',
        windows(() => true),
      ),
      (e: NodeJS.ErrnoException) => e.code === 'ERESTRICT',
    );
    assert.ok(!fs.existsSync(file));
  });

  it('refuses to guess when whoami names no SID', async () => {
    const file = path.join(tempDir(), 'lab.pem');
    const odd: Platform = { os: 'win32', run: async () => 'ERROR: access denied\r\n' };
    await assert.rejects(restrictPermissions(file, odd), /whoami \/user gave no SID/);
  });

  it('offers Save As when the key file cannot be restricted, and saves the key in the other place', async () => {
    await resetMoto();
    const session = new AwsSession({ profile: 'moto' });
    const dir = tempDir();
    const first = path.join(dir, 'win-lab.pem');
    const other = path.join(dir, 'elsewhere.pem');
    const asked: string[] = [];
    try {
      const saved = await createAndSaveKeyPair(
        session,
        { region: 'eu-west-3', name: 'win-lab', keyType: 'ed25519', directory: dir },
        async (reason) => {
          asked.push(reason);
          return other;
        },
        windows((f) => f === first),
      );
      assert.deepStrictEqual(asked, [
        `${first} could not be restricted to your user account (icacls failed), so the key was not written into it.`,
      ]);
      assert.strictEqual(saved.keyFile, other);
      assert.ok(!fs.existsSync(first), 'the unrestricted file is gone');
      assert.match(publicKeyOf(other), /^ssh-ed25519 /);
    } finally {
      session.dispose();
    }
  });
});
