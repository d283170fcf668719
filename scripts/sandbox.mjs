// `npm run sandbox`: EC2 Workbench on its embedded default, no AWS account needed. Starts the moto
// emulator with demo resources and a VS Code (in the browser) with the packaged extension installed
// and the "sandbox" profile selected, then prints the URL. Ctrl-C stops everything it started.
// `npm run sandbox -- fr` opens it with VS Code's display language set to French.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ensureMoto, ensureNodeModules, ensureVscodeServer } from './lib/bootstrap.mjs';

ensureNodeModules();
ensureMoto();
ensureVscodeServer();
ensureBuilt();

const { startSandbox } = await import('./lib/workbenchSession.mjs');
// Outside the checkout, so Git in the sandbox's VS Code finds no repository above its folder.
const dir = join(tmpdir(), 'ec2-workbench-sandbox');
rmSync(dir, { recursive: true, force: true });
const port = Number(process.env.PORT) || 8080;
const locale = process.argv.slice(2).find((a) => /^[a-z]{2}(-[a-z]{2})?$/i.test(a)) ?? 'en';
const sandbox = await startSandbox({ dir, vscodePort: port, locale });
process.stdout.write(`
EC2 Workbench sandbox is running.
  Open:      ${sandbox.url}
  Emulator:  ${sandbox.moto.url} (moto; profile "sandbox"; demo instances in eu-west-3 and us-east-1)
  Extension: ${sandbox.vsix} (installed as users install it)
  Stand-ins: web-1..3 and lab-elb answered by ${sandbox.farm.url} (Load Test on lab-elb);
             web-1's SSH by ${sandbox.sshd ? `a local sshd on port ${sandbox.sshd.port}` : 'nothing (install openssh-server)'}
  Home:      ${sandbox.home} (keys and SSH config written here, not in your own ~/.ssh)
  Language:  ${locale}${locale === 'en' ? ' (`npm run sandbox -- fr` for French)' : " (VS Code's own menus stay English: no language pack offline)"}
Press Ctrl-C to stop.
`);
const stop = () => {
  sandbox.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
