// The key EC2 Instance Connect logs in with: an ed25519 pair made by the extension, kept under its
// own folder (the private half 0600 from the first byte, in OpenSSH's format, which every ssh
// reads), and pushed to an instance with SendSSHPublicKey right before each connection. It is
// worth nothing on its own: an instance accepts it only for 60 s after a push.
import { generateKeyPairSync, randomBytes } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import { publicBlobOf, sshString } from './keyMatch';
import { writePrivateKey } from './privateKeyFile';

export interface OneTimeKey {
  readonly privateKeyFile: string;
  readonly publicKeyFile: string;
  /** "ssh-ed25519 AAAA… comment", as SendSSHPublicKey takes it. */
  readonly publicKey: string;
}

const COMMENT = 'ec2-workbench-instance-connect';

/**
 * The key in `directory` (id_ed25519 and id_ed25519.pub), made on first use. Several windows may ask
 * at once: the work is done under a lock (proper-lockfile), each file is written to a unique temporary
 * name and renamed into place (atomic), and the public half is always derived from the private file,
 * so the two always match, whatever was there before (a crash between two writes, another process).
 */
export async function ensureOneTimeKey(directory: string): Promise<OneTimeKey> {
  await fs.mkdir(directory, { recursive: true, mode: 0o700 });
  const privateKeyFile = path.join(directory, 'id_ed25519');
  const publicKeyFile = `${privateKeyFile}.pub`;
  const release = await (
    await import('proper-lockfile')
  ).lock(directory, {
    realpath: false,
    lockfilePath: path.join(directory, '.lock'),
    stale: 10_000,
    retries: { retries: 200, minTimeout: 10, maxTimeout: 100, randomize: true },
  });
  try {
    let blob = publicBlobOf((await fs.readFile(privateKeyFile, 'utf8').catch(() => undefined)) ?? '');
    if (!blob) {
      const { privateText } = newEd25519Key(COMMENT);
      const temp = uniqueTemp(privateKeyFile);
      try {
        await writePrivateKey(temp, privateText);
        await fs.rename(temp, privateKeyFile);
      } finally {
        await fs.rm(temp, { force: true });
      }
      blob = publicBlobOf(privateText)!;
    }
    const publicKey = `ssh-ed25519 ${blob} ${COMMENT}`;
    if ((await fs.readFile(publicKeyFile, 'utf8').catch(() => '')).trim() !== publicKey) {
      const temp = uniqueTemp(publicKeyFile);
      try {
        await fs.writeFile(temp, `${publicKey}\n`, { mode: 0o644, flag: 'wx' });
        await fs.rename(temp, publicKeyFile);
      } finally {
        await fs.rm(temp, { force: true });
      }
    }
    return { privateKeyFile, publicKeyFile, publicKey };
  } finally {
    await release();
  }
}

function uniqueTemp(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** A new ed25519 pair: the private key as an unencrypted "OPENSSH PRIVATE KEY", the public one as one line. */
export function newEd25519Key(comment: string): { privateText: string; publicKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const type = Buffer.from('ssh-ed25519');
  const publicBlob = Buffer.concat([sshString(type), sshString(pub)]);
  // PROTOCOL.key: two equal check words, the key (private part = seed || public), the comment, padding 1, 2, 3…
  const check = randomBytes(4);
  let secret = Buffer.concat([
    check,
    check,
    sshString(type),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(Buffer.from(comment)),
  ]);
  const padding = Buffer.from(Array.from({ length: (8 - (secret.length % 8)) % 8 }, (_, i) => i + 1));
  secret = Buffer.concat([secret, padding]);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const none = sshString(Buffer.from('none'));
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    none,
    none,
    sshString(Buffer.alloc(0)),
    count,
    sshString(publicBlob),
    sshString(secret),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g)!;
  return {
    privateText: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKey: `ssh-ed25519 ${publicBlob.toString('base64')} ${comment}`,
  };
}
