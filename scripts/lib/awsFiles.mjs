// Writes an AWS config and credentials file pair for a profile that points at the emulator,
// so the extension reads them through the same code path as a user's ~/.aws files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeAwsFiles(dir, { profile, endpointUrl, region = 'eu-west-3' }) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  const section = profile === 'default' ? 'default' : `profile ${profile}`;
  writeFileSync(config, `[${section}]\nregion = ${region}\nendpoint_url = ${endpointUrl}\n`);
  // moto accepts any key; these are the emulator's documented placeholders, not secrets.
  writeFileSync(credentials, `[${profile}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`, { mode: 0o600 });
  return { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
}
