// Finding the private key of a key pair where people put it (`<key folder>/<name>.pem`,
// `~/.ssh/<name>.pem`), proven by the key itself: the public half derived from the local file
// must equal the public key AWS holds. Nothing is decrypted; a passphrase-protected key is skipped.
import { createPrivateKey, createPublicKey } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import { keyFilePath } from './privateKeyFile';

/** The SSH wire form of a string or an mpint (RFC 4251). */
export function sshString(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function mpint(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) {
    i++;
  }
  const trimmed = unsigned.subarray(i);
  return sshString(trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** The public key blob (base64, as in "ssh-rsa <blob>") of an OpenSSH-format private key. */
function openSshPublicBlob(text: string): string | undefined {
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text)?.[1];
  if (!body) {
    return undefined;
  }
  const data = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (data.subarray(0, magic.length).toString('latin1') !== magic) {
    return undefined;
  }
  let offset = magic.length;
  const next = () => {
    const length = data.readUInt32BE(offset);
    const value = data.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    return value;
  };
  next(); // cipher name
  next(); // kdf name
  next(); // kdf options
  offset += 4; // number of keys (1)
  return next().toString('base64'); // The public key is stored in clear, even for encrypted files.
}

/** The public key blob (base64) of a private key file's text, or undefined when it cannot be read. */
export function publicBlobOf(privateKeyText: string): string | undefined {
  try {
    const fromOpenSsh = openSshPublicBlob(privateKeyText);
    if (fromOpenSsh) {
      return fromOpenSsh;
    }
    const jwk = createPublicKey(createPrivateKey(privateKeyText)).export({ format: 'jwk' });
    const b64 = (v: string | undefined) => Buffer.from(v ?? '', 'base64url');
    if (jwk.kty === 'RSA') {
      return Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(b64(jwk.e)), mpint(b64(jwk.n))]).toString('base64');
    }
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
      return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(b64(jwk.x))]).toString('base64');
    }
  } catch {
    // Encrypted, or not a key: not a match.
  }
  return undefined;
}

/** True when the private key in `file` is the private half of `publicKey` ("ssh-rsa AAAA… comment"). */
export async function isPrivateHalfOf(file: string, publicKey: string): Promise<boolean> {
  const expected = publicKey.trim().split(/\s+/)[1];
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  return !!expected && !!text && publicBlobOf(text) === expected;
}

/** The first of the conventional places that holds the private half of the key pair, if any. */
export async function findPrivateKey(keyName: string, publicKey: string | undefined, directories: string[]): Promise<string | undefined> {
  if (!publicKey) {
    return undefined;
  }
  for (const dir of [...new Set(directories.map((d) => path.resolve(d)))]) {
    const file = keyFilePath(dir, keyName);
    if (await isPrivateHalfOf(file, publicKey)) {
      return file;
    }
  }
  return undefined;
}
