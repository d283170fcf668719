// `npm run test:desktop`: the extension-host suite in a downloaded desktop VS Code
// (@vscode/test-electron), for machines with internet access. Needs a moto server: it starts one.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ensureMoto, ensureNodeModules, ROOT } from './lib/bootstrap.mjs';

ensureNodeModules();
ensureMoto();
ensureBuilt();
const { runTests } = await import('@vscode/test-electron');
const { startMoto } = await import('./lib/moto.mjs');
const { writeAwsFiles } = await import('./lib/awsFiles.mjs');

const moto = await startMoto();
const home = mkdtempSync(join(tmpdir(), 'ec2wb-home-'));
const env = { HOME: home, EC2WB_MOTO_URL: moto.url, AWS_PROFILE: 'moto', ...writeAwsFiles(join(home, '.aws'), { profile: 'moto', endpointUrl: moto.url }) };
// ssh reads the account's own ~/.ssh/config, not HOME's: the tests' SSH config is named in the settings.
mkdirSync(join(home, 'vscode', 'User'), { recursive: true });
writeFileSync(join(home, 'vscode', 'User', 'settings.json'), JSON.stringify({ 'remote.SSH.configFile': join(home, '.ssh', 'config') }));
try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'test', 'extension', 'index.js'),
    launchArgs: [join(home, 'workspace'), '--disable-extensions', '--user-data-dir', join(home, 'vscode')],
    extensionTestsEnv: env,
  });
} finally {
  moto.stop();
}
