// `npm run sandbox`: EC2 Workbench on its embedded default, no AWS account needed. Starts the moto
// emulator with demo resources and a VS Code (in the browser) with the packaged extension installed
// and the "sandbox" profile selected, then prints the URL. Ctrl-C stops everything it started.
// `npm run sandbox -- fr` opens it with VS Code's display language set to French. Each run has a
// folder of its own and free ports (a fixed port only with PORT=...), so two can run side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ensureMoto, ensureNodeModules, ensureVscodeServer } from './lib/bootstrap.mjs';

ensureNodeModules();
ensureMoto();
ensureVscodeServer();
ensureBuilt();

const { startSandbox } = await import('./lib/workbenchSession.mjs');
// Outside the checkout, so Git in the sandbox's VS Code finds no repository above its folder; a
// folder of this run only (another sandbox running beside it keeps its own keys and emulator).
const dir = mkdtempSync(join(tmpdir(), 'ec2-workbench-sandbox-'));
const port = process.env.PORT ? Number(process.env.PORT) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  process.stderr.write(`PORT=${process.env.PORT} is not a port number (1 to 65535).\n`);
  process.exit(2);
}
const locale = process.argv.slice(2).find((a) => /^[a-z]{2}(-[a-z]{2})?$/i.test(a)) ?? 'en';
const sandbox = await startSandbox({ dir, vscodePort: port, locale });
process.stdout.write(`
EC2 Workbench sandbox is running.
  Open:      ${sandbox.url}
  Emulator:  ${sandbox.moto.url} (moto; profile "sandbox"; demo instances in eu-west-3 and us-east-1)
  Extension: ${sandbox.vsix} (installed as users install it)
  Stand-ins: every load balancer's name (*.elb.amazonaws.com) answered by ${sandbox.balancers.url}: each request goes
             round-robin to a local web server of an instance registered and in service now (Load Test);
             web-1's SSH by ${sandbox.sshd ? `a local sshd on port ${sandbox.sshd.port}` : 'nothing (install openssh-server)'}
  Folder:    ${dir} (this run only; deleted when you stop it)
  Home:      ${sandbox.home} (keys and SSH config written here, not in your own ~/.ssh)
  Language:  ${locale}${locale === 'en' ? ' (`npm run sandbox -- fr` for French)' : " (VS Code's own menus stay English: no language pack offline)"}
Press Ctrl-C to stop.
`);
const stop = () => {
  sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
