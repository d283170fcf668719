// The lab as a newcomer does it in the sandbox, checked on screen: the packaged extension installed
// in a normal window (no test API, no smoke-test driver), the walkthrough followed with the keyboard,
// a notification seen after creating a key pair and after launching, and the load test on the
// seeded load balancer drawing three bars. Saves a picture of each step (.vscode-test/run-through/)
// in English and French. `npm run test:sandbox` runs it; exit code 0 when every check held.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  en: { walkthrough: 'The EC2 lab in VS Code', keyButton: 'Create Key Pair', keyCreated: 'Key pair my-key created', launchButton: 'Launch Instance', none: 'None', running: 'is running', loadBalancers: 'Load balancers', loadTest: 'Load Test', results: 'Load Test Results' },
  fr: { walkthrough: 'Le TP EC2 dans VS Code', keyButton: 'Créer une paire de clés', keyCreated: 'Paire de clés my-key créée', launchButton: 'Lancer une instance', none: 'Aucun', running: 'tourne à', loadBalancers: 'Répartiteurs de charge', loadTest: 'Test de charge', results: 'Résultats du test de charge' },
};

const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok });
  process.stdout.write(`${ok ? '✔' : '✘'} ${name}${detail ? ` (${detail})` : ''}\n`);
}

const browser = await launchBrowser();
try {
  for (const locale of ['en', 'fr']) {
    const t = TEXTS[locale];
    const sandbox = await startSandbox({ dir: mkdtempSync(join(tmpdir(), 'ec2wb-run-')), locale, settings: { 'workbench.startupEditor': 'none' } });
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
        await enter(`(${step}/10)`);
      }
      await quick.locator('.quick-input-title', { hasText: '(9/10)' }).waitFor();
      await quick.locator('input').first().focus();
      await page.keyboard.type(t.none);
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await enter('(10/10)');
      const runningToast = page.locator('.notification-toast', { hasText: t.running });
      await runningToast.waitFor({ timeout: 60_000 }).then(() => undefined, () => undefined);
      check(`${locale}: a notification shows when the launched instance runs`, await runningToast.isVisible());
      await shot('2-launched');

      // The exercise: the load test on the seeded balancer spreads over the three web instances.
      await page.locator('.activitybar [aria-label^="EC2 Workbench"]').first().click();
      for (const label of ['eu-west-3', t.loadBalancers]) {
        const row = page.locator('.monaco-list-row', { hasText: label }).first();
        await row.waitFor({ timeout: 30_000 });
        if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
      }
      await page.locator('.monaco-list-row', { hasText: 'lab-elb' }).first().click({ button: 'right' });
      await page.locator('.monaco-menu .action-item', { hasText: t.loadTest }).first().hover();
      await page.keyboard.press('Enter');
      for (const step of ['(1/3)', '(2/3)', '(3/3)']) {
        await enter(step);
      }
      await page.locator('.tab', { hasText: t.results }).waitFor({ timeout: 90_000 });
      let bars = 0;
      for (let i = 0; i < 40 && bars === 0; i++) {
        for (const frame of page.frames()) {
          bars = Math.max(bars, await frame.locator('rect.bar').count().catch(() => 0));
        }
        await page.waitForTimeout(250);
      }
      check(`${locale}: the load test on lab-elb shows three bars`, bars === 3, `${bars} bars`);
      await shot('3-load-test');
    } catch (error) {
      check(`${locale}: the run-through went to its end`, false, error.message.split('\n')[0]);
      await shot('failed').catch(() => undefined);
    } finally {
      await page.close();
      sandbox.stop();
    }
  }
} finally {
  await browser.close();
}
const failed = checks.filter((c) => !c.ok).length;
process.stdout.write(`${checks.length - failed} passing\n${failed ? `${failed} failing\n` : ''}`);
process.exit(failed ? 1 : 0);
