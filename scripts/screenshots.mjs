// `npm run screenshots`: opens the real workbench with the extension against the seeded emulator
// and saves PNGs into media/screenshots (used by README). `npm run screenshots -- explorer` takes one.
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
const { scenes } = await import('./lib/scenes.mjs');

const out = join(ROOT, 'media', 'screenshots');
mkdirSync(out, { recursive: true });
const wanted = process.argv.slice(2);
// Only the regions with demo instances, so each picture shows them without scrolling.
const sandbox = await startSandbox({ dir: mkdtempSync(join(tmpdir(), 'ec2wb-shots-')), settings: { 'ec2Workbench.hideEmptyRegions': true } });
// Three loopback web servers behind a round-robin proxy, for the load-test picture (compiled test support).
const { startFarm } = await import('../out/test/support/backends.js');
const farm = await startFarm(['header', 'header', 'body'], 5);
sandbox.farmUrl = farm.url;
const browser = await launchBrowser();
let failed = 0;
try {
  for (const [name, scene] of Object.entries(scenes)) {
    if (wanted.length && !wanted.includes(name)) continue;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(sandbox.url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await scene(page, sandbox);
      await page.screenshot({ path: join(out, `${name}.png`) });
      process.stdout.write(`saved media/screenshots/${name}.png\n`);
    } catch (error) {
      failed++;
      process.stdout.write(`scene ${name} failed: ${error.stack}\n`);
      await page.screenshot({ path: join(tmpdir(), `ec2wb-failed-${name}.png`) }).catch(() => undefined);
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
  await farm.close();
  sandbox.stop();
}
process.exit(failed ? 1 : 0);
