// Runs the compiled mocha suite (out/test/extension/index.js) inside a real extension host and
// returns its exit code and output.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { ROOT } from './bootstrap.mjs';
import { launchBrowser, startVscodeServer, workbenchUrl } from './vscodeServer.mjs';

/** What the offline workbench logs about the marketplace and sign-in it cannot reach. */
const NOISE = /^\[[\w:.-]+\] |open-vsx\.org|127\.0\.0\.1:9\/vscode\/|ENOTFOUND|api\.github\.com|^\s+at .*workbench\.js/;

export async function runExtensionHostTests({ env, settings, workspace, timeoutMs = 15 * 60_000, testsPath = join(ROOT, 'out', 'test', 'extension', 'index.js'), quiet = false, locale, extensionPath = ROOT, dataDir }) {
  mkdirSync(workspace, { recursive: true });
  const server = await startVscodeServer({ env, settings, locale, dataDir });
  const browser = await launchBrowser();
  let output = '';
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale });
    // testsPath may be a list: each runs in turn in the same page, reloaded (same browser storage:
    // the extension's global state carries over, as to a user's next session).
    let resolveExit;
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      output += `${text}\n`;
      if (!quiet && !NOISE.test(text)) {
        process.stdout.write(`${text}\n`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit?.(Number(code)));
    const timeout = new Promise((resolveExit) =>
      setTimeout(() => {
        process.stdout.write(`extension-host tests did not finish within ${timeoutMs / 1000} s\n`);
        resolveExit(124);
      }, timeoutMs).unref(),
    );
    let code = 0;
    for (const tests of Array.isArray(testsPath) ? testsPath : [testsPath]) {
      const exit = new Promise((r) => (resolveExit = r));
      await page.goto(
        workbenchUrl(server, {
          folder: workspace,
          extensionDevelopmentPath: extensionPath,
          extensionTestsPath: tests,
        }),
      );
      code = await Promise.race([exit, timeout]);
      if (code !== 0) break;
    }
    return { code, output };
  } finally {
    await browser.close().catch(() => undefined);
    server.stop();
  }
}
