// A real VS Code (the server inside the code-server npm package) on loopback, driven by Debian's
// Chromium through playwright-core. Used for extension-host tests, screenshots and the sandbox.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, NODE24, VSCODE_SERVER_MAIN } from './bootstrap.mjs';
import { freePort, startProcess, waitForHttp } from './processes.mjs';

export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
};

/**
 * Lets VS Code run with display language `locale` offline. VS Code only takes a display language it
 * has a language pack for, and no pack can be downloaded here, so this registers an empty one: VS
 * Code's own menus stay English (nothing translates them) while extensions, ours included, get
 * `vscode.env.language === locale` and load their `package.nls.<locale>.json` and l10n bundles.
 */
function registerEmptyLanguagePack(userDataDir, locale) {
  const translations = join(userDataDir, `empty-language-pack.${locale}.i18n.json`);
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = {
    hash: `empty-${locale}`,
    extensions: [{ extensionIdentifier: { id: `ec2-workbench-test.empty-language-pack-${locale}` }, version: '1.0.0' }],
    translations: { vscode: translations },
    label: locale,
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

/** An extension gallery on a closed loopback port (port 9, discard): queries fail at once, locally. */
const OFFLINE_GALLERY = {
  serviceUrl: 'http://127.0.0.1:9/vscode/gallery',
  itemUrl: 'http://127.0.0.1:9/vscode/item',
  resourceUrlTemplate: 'http://127.0.0.1:9/vscode/asset/{publisher}/{name}/{version}/Microsoft.VisualStudio.Code.WebResources/{path}',
  extensionUrlTemplate: 'http://127.0.0.1:9/vscode/gallery/{publisher}/{name}/latest',
};

/**
 * Starts the server. `settings` go to the user settings; `env` reaches the extension host; `locale`
 * (for example 'fr') is the display language.
 */
export async function startVscodeServer({ env = {}, settings = {}, port, log = false, dataDir, locale, smokeTestDriver = true, install = [] } = {}) {
  dataDir ??= mkdtempSync(join(tmpdir(), 'ec2wb-vscode-'));
  mkdirSync(join(dataDir, 'user', 'User'), { recursive: true });
  // The workbench rewrites the theme name on first load ("Default Dark Modern" becomes "Dark Modern"),
  // after which this build shows its light default; writing the file again before each window keeps it dark.
  const writeSettings = (extra = {}) => writeFileSync(join(dataDir, 'user', 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings, ...extra }, null, 2));
  writeSettings();
  const localeArgs = [];
  if (locale && !locale.startsWith('en')) {
    registerEmptyLanguagePack(join(dataDir, 'user'), locale);
    localeArgs.push('--locale', locale);
  }
  const serverArgs = ['--user-data-dir', join(dataDir, 'user'), '--server-data-dir', join(dataDir, 'server'), '--extensions-dir', join(dataDir, 'ext')];
  const serverEnv = { ...process.env, EXTENSIONS_GALLERY: JSON.stringify(OFFLINE_GALLERY), ...env };
  for (const vsix of install) {
    // As `code --install-extension` does: the packaged extension, installed, not a development folder.
    const r = spawnSync(NODE24, [VSCODE_SERVER_MAIN, '--install-extension', vsix, '--force', '--accept-server-license-terms', ...serverArgs], { env: serverEnv, encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(`installing ${vsix} failed: ${r.stdout}${r.stderr}`);
    }
  }
  port ??= await freePort();
  const proc = startProcess(
    NODE24,
    [
      VSCODE_SERVER_MAIN,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--disable-telemetry',
      '--disable-workspace-trust',
      // Tests only: it lets a page run a test module, and it keeps notifications from showing.
      ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
      ...serverArgs,
      ...localeArgs,
    ],
    // The extension gallery on a closed loopback port: the workbench would otherwise look up
    // open-vsx.org, and nothing here leaves loopback. (With no gallery at all, the host starts slower.)
    { env: serverEnv, log },
  );
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/version`, 60_000, proc.child);
  } catch (error) {
    proc.stop();
    throw new Error(`${error.message}\n${proc.output()}`, { cause: error });
  }
  return { origin, port, dataDir, stop: proc.stop, output: proc.output, writeSettings };
}

/** The workbench URL that opens `folder` with the given smoke-test payload. */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  if (!extensionDevelopmentPath) {
    return `${server.origin}/?${new URLSearchParams({ folder })}`;
  }
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)], ['skipWelcome', 'true']];
  if (extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  }
  const params = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
  return `${server.origin}/?${params}`;
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}
