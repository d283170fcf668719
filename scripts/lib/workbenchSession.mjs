// The sandbox set-up shared by `npm run sandbox` and `npm run screenshots`: moto seeded with demo
// resources, AWS files for a "sandbox" profile, and a VS Code server with the extension loaded.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeAwsFiles } from './awsFiles.mjs';
import { ROOT } from './bootstrap.mjs';
import { startMoto } from './moto.mjs';
import { seedDemo } from './seed.mjs';
import { startVscodeServer, workbenchUrl } from './vscodeServer.mjs';

export async function startSandbox({ dir, motoPort, vscodePort, settings = {}, log = false }) {
  const home = join(dir, 'home');
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const moto = await startMoto({ port: motoPort });
  try {
    const seeded = await seedDemo(moto.url);
    const env = {
      HOME: home,
      AWS_PROFILE: '',
      ...writeAwsFiles(join(home, '.aws'), { profile: 'sandbox', endpointUrl: moto.url }),
    };
    const server = await startVscodeServer({
      env,
      port: vscodePort,
      log,
      dataDir: join(dir, 'vscode'),
      settings: { 'ec2Workbench.profile': 'sandbox', ...settings },
    });
    const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: ROOT });
    return {
      moto, server, url, seeded, home,
      stop() {
        server.stop();
        moto.stop();
      },
    };
  } catch (error) {
    moto.stop();
    throw error;
  }
}
