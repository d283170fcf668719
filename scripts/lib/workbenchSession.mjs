// The sandbox shared by `npm run sandbox` and `npm run screenshots`: the product as a student gets
// it (the packaged .vsix installed into a VS Code in the browser, a normal window), the moto
// emulator seeded with demo resources, and loopback stand-ins for what the emulator only pretends:
// load balancers that follow the emulator (every *.elb.amazonaws.com name reaches them through the
// ec2Workbench.loadTest.resolve setting; test/support/balancerStandIn.ts) and an sshd answering for web-1
// (through ec2Workbench.ssh.hostOverrides), and a Price List API stand-in in front of the emulator
// (which has none), so prices show. Nothing leaves loopback.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { writeAwsFiles } from './awsFiles.mjs';
import { ensureVsix, ROOT } from './bootstrap.mjs';
import { startMoto } from './moto.mjs';
import { seedDemo } from './seed.mjs';
import { startVscodeServer, workbenchUrl } from './vscodeServer.mjs';

const WORKSPACE_README = {
  en: `# EC2 Workbench sandbox

Everything here runs on this machine: an AWS emulator with a student's lab half done, and EC2
Workbench installed as from the Marketplace. No AWS account, nothing billed.

Try first:
1. Open **EC2 Workbench** in the activity bar (the chip icon). Expand **eu-west-3**.
2. **Welcome: Open Walkthrough...** → "The EC2 lab in VS Code" follows the lab step by step.
3. Right-click **web-1** → **Open SSH Terminal**: you land on a local SSH server standing in for it.
4. **Load balancers** → **lab-elb** → **Load Test...**: 300 requests spread over web-1, web-2, web-3.
5. **Clean Up Lab Resources** (view menu) at the end.
`,
  fr: `# Bac à sable EC2 Workbench

Tout tourne sur cette machine : un émulateur AWS avec un TP à moitié fait, et EC2 Workbench
installé comme depuis la Marketplace. Pas de compte AWS, rien de facturé.

À essayer d'abord :
1. Ouvrez **EC2 Workbench** dans la barre d'activité (l'icône de puce). Dépliez **eu-west-3**.
2. **Welcome: Open Walkthrough...** → « Le TP EC2 dans VS Code » suit le TP pas à pas.
3. Clic droit sur **web-1** → **Ouvrir un terminal SSH** : vous arrivez sur un serveur SSH local qui le remplace.
4. **Répartiteurs de charge** → **lab-elb** → **Test de charge...** : 300 requêtes réparties sur web-1, web-2, web-3.
5. **Nettoyer les ressources du TP** (menu de la vue) à la fin.
`,
};

/**
 * `development: true` loads the extension from this folder (the extension-host tests' way) instead
 * of installing the .vsix; the sandbox and the screenshots install it.
 */
export async function startSandbox({ dir, motoPort, vscodePort, settings = {}, log = false, locale = 'en', development = false }) {
  const home = join(dir, 'home');
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'README.md'), WORKSPACE_README[locale.slice(0, 2)] ?? WORKSPACE_README.en);
  const vsix = development ? undefined : ensureVsix();
  const stops = [];
  const stop = () => {
    for (const s of stops.reverse()) {
      s();
    }
  };
  try {
    const moto = await startMoto({ port: motoPort });
    stops.push(() => moto.stop());
    const keyFile = join(home, '.ssh', 'lab-key.pem');
    const seeded = await seedDemo(moto.url, { keyDirectory: join(home, '.ssh'), sshUser: userInfo().username });
    // The sandbox's SSH config (named by remote.SSH.configFile below): known hosts stay in the sandbox too.
    writeFileSync(join(home, '.ssh', 'config'), `Host *\n  UserKnownHostsFile "${join(home, '.ssh', 'known_hosts')}"\n`, { mode: 0o600 });
    // Stands in for the public-address lookup (checkip).
    const checkip = createServer((_req, res) => res.end('203.0.113.7\n'));
    await new Promise((resolve) => checkip.listen(0, '127.0.0.1', resolve));
    stops.push(() => checkip.close());
    // The load balancers (compiled test support): each request to any balancer's name goes to a local
    // web server of an instance registered with it and in service now, as the emulator says.
    const { BalancerStandIn } = await import(join(ROOT, 'out', 'test', 'support', 'balancerStandIn.js'));
    const balancers = await new BalancerStandIn({ endpoint: moto.url, regions: ['eu-west-3', 'us-east-1'], delayMs: 5 }).start();
    stops.push(() => void balancers.close());
    const sshd = existsSync('/usr/sbin/sshd') ? await (await import(join(ROOT, 'out', 'test', 'support', 'sshd.js'))).startSshd([keyFile]) : undefined;
    if (sshd) {
      stops.push(() => sshd.stop());
    }
    // The profile's endpoint: one AWS stand-in (test/support/awsStandIn.ts) that answers AWS's public
    // SSM parameters (the current Ubuntu, Amazon Linux and Debian images) and the Price List API
    // (GetProducts), which the emulator does not serve; every other call goes on to moto.
    const { PricingStandIn } = await import(join(ROOT, 'out', 'test', 'support', 'pricingStandIn.js'));
    const { publicParameters } = await import(join(ROOT, 'out', 'test', 'support', 'awsStandIn.js'));
    const front = await new PricingStandIn(moto.url).start();
    front.rules.push(publicParameters((region) => seeded.publicParameters[region] ?? {}));
    stops.push(() => void front.close());
    const env = {
      HOME: home,
      AWS_PROFILE: '',
      ...writeAwsFiles(join(home, '.aws'), { profile: 'sandbox', endpointUrl: front.url }),
    };
    const server = await startVscodeServer({
      env,
      port: vscodePort,
      log,
      locale,
      dataDir: join(dir, 'vscode'),
      smokeTestDriver: development,
      install: vsix ? [vsix] : [],
      settings: {
        'ec2Workbench.profile': 'sandbox',
        'ec2Workbench.regions': ['eu-west-3', 'us-east-1'],
        'ec2Workbench.ssh.addressLookupUrl': `http://127.0.0.1:${checkip.address().port}/`,
        'ec2Workbench.loadTest.resolve': { '*.elb.amazonaws.com:80': new URL(balancers.url).host },
        // ssh reads the account's ~/.ssh/config (its passwd entry, not HOME): the sandbox's own config
        // is named, as remote.SSH.configFile users do, so terminals get -F and your ~/.ssh is untouched.
        'remote.SSH.configFile': join(home, '.ssh', 'config'),
        'ec2Workbench.ssh.hostOverrides': sshd ? { [seeded.web[0]]: `127.0.0.1:${sshd.port}` } : {},
        'git.openRepositoryInParentFolders': 'never',
        'workbench.startupEditor': 'readme',
        ...settings,
      },
    });
    stops.push(() => server.stop());
    const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: development ? ROOT : undefined });
    return {
      moto, pricing: front, server, url, seeded, home, balancers, sshd, vsix,
      loadBalancerUrl: `http://${seeded.loadBalancerDns}/`,
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}
