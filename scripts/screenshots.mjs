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
const { frenchScenes, scenes } = await import('./lib/scenes.mjs');

const out = join(ROOT, 'media', 'screenshots');
mkdirSync(out, { recursive: true });
const wanted = process.argv.slice(2);
// Three loopback web servers behind a round-robin proxy, for the load-test picture (compiled test support).
const { startFarm } = await import('../out/test/support/backends.js');
const farm = await startFarm(['header', 'header', 'body'], 5);
const browser = await launchBrowser();
let failed = 0;

/** Takes the wanted scenes of `sceneSet` in a fresh sandbox whose VS Code display language is `locale`. */
async function takeScenes(sceneSet, locale) {
  const names = Object.keys(sceneSet).filter((name) => !wanted.length || wanted.includes(name));
  if (!names.length) return;
  // Only the regions with demo instances, so each picture shows them without scrolling.
  const sandbox = await startSandbox({
    dir: mkdtempSync(join(tmpdir(), 'ec2wb-shots-')),
    settings: { 'ec2Workbench.hideEmptyRegions': true },
    locale,
  });
  sandbox.farmUrl = farm.url;
  try {
    for (const name of names) {
      sandbox.server.writeSettings();
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale });
      try {
        await page.goto(sandbox.url);
        // The dark theme of the settings, not the light default shown while they load.
        await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 60_000 });
        await sceneSet[name](page, sandbox);
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
    sandbox.stop();
  }
}

try {
  await takeScenes(scenes, 'en');
  await takeScenes(frenchScenes, 'fr');
} finally {
  await browser.close();
  await farm.close();
}
process.exit(failed ? 1 : 0);
