// `npm run screenshots`: opens the real workbench with the extension against the seeded emulator
// and saves PNGs into media/screenshots (README and the walkthrough show them): every scene in
// English, then the French ones (`<name>-fr.png`) with VS Code's display language set to French.
// `npm run screenshots -- explorer walkthrough-fr` takes only those. The PNGs are reduced to 128
// colours (no dithering: UI text stays sharp), which makes them about 60% smaller.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ensureNodeModules, ensurePillow, ensureVscodeServer, ROOT, VENV_PYTHON } from './lib/bootstrap.mjs';

ensureNodeModules();
ensurePillow();
ensureVscodeServer();
ensureBuilt();

const { startSandbox } = await import('./lib/workbenchSession.mjs');
const { launchBrowser } = await import('./lib/vscodeServer.mjs');
const { FRENCH_SCENES, scenes, TEXTS } = await import('./lib/scenes.mjs');

const out = join(ROOT, 'media', 'screenshots');
mkdirSync(out, { recursive: true });
const wanted = process.argv.slice(2);
const browser = await launchBrowser();
let failed = 0;

/** Takes the wanted scenes among `names` in a fresh sandbox whose VS Code display language is `locale`. */
async function takeScenes(names, locale) {
  const t = TEXTS[locale];
  const todo = names.filter((name) => !wanted.length || wanted.includes(`${name}${t.suffix}`));
  if (!todo.length) return;
  // Only the regions with demo instances, so each picture shows them without scrolling.
  const sandbox = await startSandbox({
    dir: mkdtempSync(join(tmpdir(), 'ec2wb-shots-')),
    settings: { 'workbench.startupEditor': 'none' },
    locale,
  });
  try {
    for (const name of todo) {
      const file = `${name}${t.suffix}.png`;
      sandbox.server.writeSettings(scenes[name].settings);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale });
      try {
        await page.goto(sandbox.url);
        // The dark theme of the settings, not the light default shown while they load.
        await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 60_000 });
        await scenes[name](page, sandbox, t);
        await page.screenshot({ path: join(out, file) });
        process.stdout.write(`saved media/screenshots/${file}\n`);
      } catch (error) {
        failed++;
        process.stdout.write(`scene ${file} failed: ${error.stack}\n`);
        await page.screenshot({ path: join(tmpdir(), `ec2wb-failed-${file}`) }).catch(() => undefined);
      } finally {
        await page.close();
      }
    }
  } finally {
    sandbox.stop();
  }
}

const SHRINK = `
import glob, os, sys
from PIL import Image
for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.png'))):
    with Image.open(path) as image:
        if image.mode == 'P':
            continue
        small = image.convert('RGB').quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)
`;

try {
  await takeScenes(Object.keys(scenes), 'en');
  await takeScenes(FRENCH_SCENES, 'fr');
} finally {
  await browser.close();
}
const shrink = spawnSync(VENV_PYTHON, ['-c', SHRINK, out], { stdio: 'inherit' });
process.exit(failed || shrink.status ? 1 : 0);
