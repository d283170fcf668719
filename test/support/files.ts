import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export function tempDir(prefix = 'ec2wb-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/** The "type base64" part of the public key that `ssh-keygen -y` derives from a private key file. */
export function publicKeyOf(privateKeyFile: string): string {
  return execFileSync('ssh-keygen', ['-y', '-f', privateKeyFile], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ');
}
