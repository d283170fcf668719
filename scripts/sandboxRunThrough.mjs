// The lab as a newcomer does it in the sandbox, checked on screen: the packaged extension installed
// in a normal window (no test API, no smoke-test driver), the walkthrough followed with the keyboard,
// a notification seen after creating a key pair and after launching, the SSH terminal on web-1
// printing the machine's hostname through the written entry, and the load tests on the seeded
// classic and application balancers drawing one bar per instance in service, named, changing after a
// deregistration, in one results tab. Two sandboxes (English and French) run at once, each with its
// folder and ports. Saves a picture of each step (.vscode-test/run-through/). `npm run test:sandbox`
// runs it; exit code 0 when every check held.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ensureMoto, ensureNodeModules, ensureVscodeServer, ROOT } from './lib/bootstrap.mjs';

ensureNodeModules();
ensureMoto();
ensureVscodeServer();
ensureBuilt();

const { startSandbox } = await import('./lib/workbenchSession.mjs');
const { launchBrowser } = await import('./lib/vscodeServer.mjs');
const out = join(ROOT, '.vscode-test', 'run-through'); // Looked at, not packaged or committed.
mkdirSync(out, { recursive: true });

const TEXTS = {
  en: { walkthrough: 'The EC2 lab in VS Code', keyButton: 'Create Key Pair', keyCreated: 'Key pair my-key created', launchButton: 'Launch Instance', none: 'None', running: 'is running', loadBalancers: 'Load balancers', loadTest: 'Load Test', results: 'Load Test Results', instances: 'Instances', sshTerminal: 'Open SSH Terminal', deregister: 'Deregister Instances', launchAction: 'Launch', keyRow: 'Key pair', subnetRow: 'Subnet', groupRow: 'Security group' },
  fr: { walkthrough: 'Le TP EC2 dans VS Code', keyButton: 'Créer une paire de clés', keyCreated: 'Paire de clés my-key créée', launchButton: 'Lancer une instance', none: 'Aucun', running: 'tourne à', loadBalancers: 'Répartiteurs de charge', loadTest: 'Test de charge', results: 'Résultats du test de charge', instances: 'Instances', sshTerminal: 'Ouvrir un terminal SSH', deregister: "Annuler l'enregistrement d'instances", launchAction: 'Lancer', keyRow: 'Paire de clés', subnetRow: 'Sous-réseau', groupRow: 'Groupe de sécurité' },
};
// The DOM renderer, so the terminal's text can be read on screen.
const SETTINGS = { 'workbench.startupEditor': 'none', 'terminal.integrated.gpuAcceleration': 'off' };

const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok });
  process.stdout.write(`${ok ? '✔' : '✘'} ${name}${detail ? ` (${detail})` : ''}\n`);
}

const browser = await launchBrowser();
// Two sandboxes at once, as two students on one machine: each its own folder, emulator and ports.
const sandboxes = {};
for (const locale of ['en', 'fr']) {
  sandboxes[locale] = await startSandbox({ dir: mkdtempSync(join(tmpdir(), 'ec2wb-run-')), locale, settings: SETTINGS });
}
{
  const [en, fr] = [sandboxes.en, sandboxes.fr];
  const ports = (s) => [new URL(s.url).port, new URL(s.moto.url).port, new URL(s.balancers.url).port];
  check('two sandboxes run at once, each with its folder and ports', en.home !== fr.home && ports(en).every((p) => !ports(fr).includes(p)), `${ports(en)} / ${ports(fr)}`);
  check("the second sandbox left the first one's key file in place", existsSync(join(en.home, '.ssh', 'lab-key.pem')));
}
try {
  for (const locale of ['en', 'fr']) {
    const t = TEXTS[locale];
    const sandbox = sandboxes[locale];
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale });
    const shot = (name) => page.screenshot({ path: join(out, `${name}-${locale}.png`) });
    const quick = page.locator('.quick-input-widget');
    /** Enter on the step titled `title`, once its list (if it has one) has items to accept. */
    const enter = async (title) => {
      await quick.locator('.quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => {
        const widget = globalThis.document.querySelector('.quick-input-widget');
        const list = widget?.querySelector('.quick-input-list');
        const isPick = list && globalThis.getComputedStyle(list).display !== 'none';
        return !isPick || widget.querySelectorAll('.quick-input-list .monaco-list-row').length > 0;
      }, null, { timeout: 60_000 });
      await page.waitForTimeout(400);
      // Where a user's keystrokes go once the prompt is up (a button that opened it may still hold focus here).
      await quick.locator('input').first().focus();
      await page.keyboard.press('Enter');
    };
    /** Opens a walkthrough step with Enter (again if the page was still settling), then Enter on its button. */
    const runStep = async (id, buttonName) => {
      const step = page.locator(`.getting-started-step[data-step-id$="${id}"]`).first();
      const button = step.getByRole('button', { name: buttonName }).first();
      for (let i = 0; i < 3 && !(await button.isVisible()); i++) {
        await step.focus();
        await page.keyboard.press('Enter');
        await button.waitFor({ timeout: 5_000 }).catch(() => undefined);
      }
      await button.focus();
      await page.keyboard.press('Enter');
    };
    const expand = async (...labels) => {
      for (const label of labels) {
        const row = page.locator('.monaco-list-row', { hasText: label }).first();
        await row.waitFor({ timeout: 30_000 });
        if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
      }
    };
    const menu = async (rowText, item) => {
      const row = page.locator('.monaco-list-row', { hasText: rowText }).first();
      await row.hover();
      await page.waitForTimeout(300);
      await row.click({ button: 'right' });
      await page.locator('.monaco-menu .action-item', { hasText: item }).first().hover();
      await page.keyboard.press('Enter');
    };
    const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
    /** The bar labels of the results tab. */
    const barLabels = async () => {
      for (const frame of page.frames()) {
        const labels = await frame.locator('text.label').allTextContents().catch(() => []);
        if (labels.length) return labels;
      }
      return [];
    };
    /** Runs Load Test... on the balancer's row with the prefilled answers; resolves to the bar labels drawn. */
    const loadTest = async (lb, expected) => {
      await menu(lb, t.loadTest);
      for (const step of ['(1/3)', '(2/3)', '(3/3)']) {
        await enter(step);
      }
      await page.locator('.tab', { hasText: t.results }).first().waitFor({ timeout: 90_000 });
      let labels = [];
      for (let i = 0; i < 120; i++) {
        labels = await barLabels();
        if (same(labels, expected)) break;
        await page.waitForTimeout(250);
      }
      return labels;
    };
    try {
      await page.goto(sandbox.url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const title = await page.title();
      check(`${locale}: a normal window, not an Extension Development Host`, !/Extension Development Host/.test(title), title);

      // The walkthrough, by keyboard only.
      await page.keyboard.press('F1');
      await quick.locator('input').waitFor();
      await page.keyboard.type('Welcome: Open Walkthrough');
      await quick.locator('.monaco-list-row', { hasText: 'Welcome: Open Walkthrough' }).first().waitFor();
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await quick.locator('.monaco-list-row', { hasText: t.walkthrough }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.type(t.walkthrough);
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await page.locator('.getting-started-step[data-step-id$="keyPair"]').first().waitFor({ timeout: 30_000 });
      await runStep('keyPair', t.keyButton);
      await enter('(1/3)'); // Region: the profile's default, eu-west-3.
      await quick.locator('.quick-input-title', { hasText: '(2/3)' }).waitFor();
      await quick.locator('input').first().focus();
      await page.keyboard.type('my-key');
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await enter('(3/3)');
      const keyToast = page.locator('.notification-toast', { hasText: t.keyCreated });
      await keyToast.waitFor({ timeout: 30_000 }).then(() => undefined, () => undefined);
      check(`${locale}: a notification shows after creating a key pair`, await keyToast.isVisible());
      await shot('1-key-pair');

      // Launch, from its walkthrough step, answering the wizard with Enter (and "None" for user-data).
      await runStep('launch', t.launchButton);
      for (let step = 1; step <= 8; step++) {
        await enter(`(${step}/11)`);
      }
      await quick.locator('.quick-input-title', { hasText: '(9/11)' }).waitFor();
      await quick.locator('input').first().focus();
      await page.keyboard.type(t.none);
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await enter('(10/11)'); // Stop when idle (issue #31): the preselected 60 minutes.
      // The summary (issue #27): one row per answer, looked at before launching.
      await quick.locator('.quick-input-title', { hasText: '(11/11)' }).waitFor();
      await quick.locator('.monaco-list-row', { hasText: t.launchAction }).first().waitFor({ timeout: 30_000 });
      const summaryRows = await quick.locator('.monaco-list-row').allTextContents();
      check(`${locale}: the launch summary shows the key pair, the subnet and the security group on rows of their own`, [t.keyRow, t.subnetRow, t.groupRow].every((label) => summaryRows.some((r) => r.trim().startsWith(label))), summaryRows.join(' | '));
      await page.waitForTimeout(500); // The list's fade-in done.
      await shot('2-launch-summary');
      await enter('(11/11)');
      const runningToast = page.locator('.notification-toast', { hasText: t.running });
      await runningToast.waitFor({ timeout: 60_000 }).then(() => undefined, () => undefined);
      check(`${locale}: a notification shows when the launched instance runs`, await runningToast.isVisible());
      await shot('2-launched');

      // SSH from the product: web-1's terminal logs in (to the sandbox's sshd) through the written entry.
      await page.locator('.activitybar [aria-label^="EC2 Workbench"]').first().click();
      await expand('eu-west-3', t.instances, t.loadBalancers);
      // The tree settles once the launched instance shows (rows move while it is added).
      await page.locator('.monaco-list-row', { hasText: 'web-4' }).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1500);
      await menu('web-1', t.sshTerminal);
      const rows = page.locator('.terminal .xterm-rows').first();
      await rows.waitFor({ timeout: 30_000 });
      await page.waitForTimeout(3000);
      // The terminal has the focus (Open SSH Terminal shows it); keystrokes go to ssh.
      await page.keyboard.type('echo "[$(hostname)]"');
      await page.keyboard.press('Enter');
      const printed = await page
        .waitForFunction((h) => [...globalThis.document.querySelectorAll('.terminal .xterm-rows')].some((r) => r.textContent.includes(`[${h}]`)), hostname(), { timeout: 30_000 })
        .then(() => true, () => false);
      check(`${locale}: the SSH terminal on web-1 prints the machine's hostname through the written entry`, printed);
      await shot('3-ssh-terminal');
      await page.keyboard.type('exit');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(1000);

      // The exercise: the load test follows the balancer, classic and application, in one results tab.
      for (const lb of ['lab-elb', 'lab-alb']) {
        const names = await loadTest(lb, ['web-1', 'web-2', 'web-3']);
        check(`${locale}: the load test on ${lb} shows one named bar per instance in service`, same(names, ['web-1', 'web-2', 'web-3']), names.join(', '));
        await shot(`4-load-test-${lb}`);
        await menu(lb, t.deregister);
        await quick.locator('.monaco-list-row', { hasText: 'web-3' }).first().waitFor({ timeout: 30_000 });
        await page.waitForTimeout(400);
        await quick.locator('.monaco-list-row', { hasText: 'web-3' }).first().click();
        await quick.locator('input').first().focus();
        await page.keyboard.press('Enter');
        await page.waitForTimeout(1500);
        const after = await loadTest(lb, ['web-1', 'web-2']);
        check(`${locale}: after deregistering web-3 from ${lb}, its bar is gone`, same(after, ['web-1', 'web-2']), after.join(', '));
        await shot(`5-after-deregister-${lb}`);
      }
      const tabs = await page.locator('.tab', { hasText: t.results }).count();
      check(`${locale}: every load test shows in the one results tab`, tabs === 1, `${tabs} tabs`);
    } catch (error) {
      check(`${locale}: the run-through went to its end`, false, error.message.split('\n')[0]);
      await shot('failed').catch(() => undefined);
    } finally {
      await page.close();
      sandbox.stop();
      delete sandboxes[locale];
    }
  }
} finally {
  for (const sandbox of Object.values(sandboxes)) sandbox.stop();
  await browser.close();
}
const failed = checks.filter((c) => !c.ok).length;
process.stdout.write(`${checks.length - failed} passing\n${failed ? `${failed} failing\n` : ''}`);
process.exit(failed ? 1 : 0);
