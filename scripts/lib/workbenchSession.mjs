// The sandbox set-up shared by `npm run sandbox` and `npm run screenshots`: moto seeded with demo
// resources, AWS files for a "sandbox" profile, and a VS Code server with the extension loaded.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { writeAwsFiles } from './awsFiles.mjs';
import { ROOT } from './bootstrap.mjs';
import { startMoto } from './moto.mjs';
import { seedDemo } from './seed.mjs';
import { startVscodeServer, workbenchUrl } from './vscodeServer.mjs';

export async function startSandbox({ dir, motoPort, vscodePort, settings = {}, log = false, locale }) {
  const home = join(dir, 'home');
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const moto = await startMoto({ port: motoPort });
  try {
    const seeded = await seedDemo(moto.url, { keyDirectory: join(home, '.ssh') });
    // Stands in for the public-address lookup (checkip): the sandbox never leaves loopback.
    const checkip = createServer((_req, res) => res.end('203.0.113.7\n'));
    await new Promise((resolve) => checkip.listen(0, '127.0.0.1', resolve));
    const addressLookupUrl = `http://127.0.0.1:${checkip.address().port}/`;
    const env = {
      HOME: home,
      AWS_PROFILE: '',
      ...writeAwsFiles(join(home, '.aws'), { profile: 'sandbox', endpointUrl: moto.url }),
    };
    const server = await startVscodeServer({
      env,
      port: vscodePort,
      log,
      locale,
      dataDir: join(dir, 'vscode'),
      settings: { 'ec2Workbench.profile': 'sandbox', 'ec2Workbench.ssh.addressLookupUrl': addressLookupUrl, ...settings },
    });
    const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: ROOT });
    return {
      moto, server, url, seeded, home,
      stop() {
        checkip.close();
        server.stop();
        moto.stop();
      },
    };
  } catch (error) {
    moto.stop();
    throw error;
  }
}
