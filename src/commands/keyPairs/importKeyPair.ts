import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { UserError } from '../../core/aws/session/errors';
import { importKeyPair, listKeyPairs } from '../../core/aws/ec2/keyPairs';
import { keyPairNameProblem } from '../../core/keys/keyPairName';
import { type Workbench } from '../../workbench';
import { tildify } from '../../core/keys/privateKeyFile';
import { BACK } from '../../shared/prompter';
import { runWizard, step } from '../../shared/wizard';
import { commandInput, requireName, requireString } from '../commandInput';
import { askRegion } from '../askOrUse';

export interface ImportKeyPairArgs {
  region: string;
  name: string;
  publicKeyFile: string;
}

const PUBLIC_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/;

/** Imports an existing public key (for example ~/.ssh/id_ed25519.pub) as a key pair. */
export async function importKeyPairCommand(wb: Workbench, arg?: unknown): Promise<{ keyName: string; fingerprint?: string }> {
  const { args, interactive } = commandInput<ImportKeyPairArgs>(arg, {
    fields: { region: 'string', name: 'string', publicKeyFile: 'string' },
  });
  const session = wb.sessions.session;
  const existing: string[] = [];
  let loading: Promise<unknown> = Promise.resolve();
  const ctx = await runWizard(
    wb.prompter,
    vscode.l10n.t('Import Key Pair'),
    { ...args },
    [
      step('region', (c, at) => askRegion(wb, c, at)),
      step('publicKeyFile', async (c, at) => {
        const sshDir = path.join(os.homedir(), '.ssh');
        const found = fs.readdir(sshDir).then(
          (names) =>
            names
              .filter((n) => n.endsWith('.pub'))
              .sort()
              .map((n) => ({ label: n, description: tildify(path.join(sshDir, n)), value: path.join(sshDir, n) })),
          () => [],
        );
        const items = found.then((files) => [...files, { label: vscode.l10n.t('$(folder-opened) Another file…'), value: BROWSE }]);
        // A file that is not a public key is said in the list's placeholder, and the list stays.
        let problem: string | undefined;
        for (;;) {
          const placeholder = problem ?? vscode.l10n.t('Public key to import (a .pub file)');
          const v = await wb.prompter.pick<string>({ ...at, placeholder, items, active: (f) => f === c.publicKeyFile });
          if (v === BACK) return BACK;
          const file =
            v === BROWSE
              ? (
                  await vscode.window.showOpenDialog({
                    title: vscode.l10n.t('Public key to import'),
                    defaultUri: vscode.Uri.file(sshDir),
                    filters: { [vscode.l10n.t('Public key')]: ['pub'], [vscode.l10n.t('All files')]: ['*'] },
                  })
                )?.[0]?.fsPath
              : v;
          if (!file) continue;
          problem = await readPublicKey(file).then(
            () => undefined,
            (error: Error) => error.message,
          );
          if (!problem) {
            c.publicKeyFile = file;
            return;
          }
        }
      }),
      step('name', async (c, at) => {
        loading = listKeyPairs(session, c.region!).then((keys) => existing.splice(0, existing.length, ...keys.map((k) => k.name)));
        const v = await wb.prompter.input({
          ...at,
          prompt: vscode.l10n.t('Name of the key pair in {0}', c.region!),
          value: c.name ?? path.basename(c.publicKeyFile ?? '').replace(/\.pub$/, ''),
          validate: (value) => keyPairNameProblem(value, existing, c.region),
          busyWhile: loading,
        });
        if (v === BACK) return BACK;
        c.name = v;
      }),
    ],
    { interactive },
  );
  const region = requireString(ctx.region, 'region');
  const publicKeyFile = requireString(ctx.publicKeyFile, 'publicKeyFile');
  const name = requireName(ctx.name, 'name');
  const publicKey = await readPublicKey(publicKeyFile);
  const problem = keyPairNameProblem(
    name,
    (await listKeyPairs(session, region)).map((k) => k.name),
    region,
  );
  if (problem) {
    throw new UserError(problem);
  }
  const { fingerprint } = await importKeyPair(session, region, name, publicKey);
  const privateKey = publicKeyFile.replace(/\.pub$/, '');
  if (
    privateKey !== publicKeyFile &&
    (await fs.stat(privateKey).then(
      () => true,
      () => false,
    ))
  ) {
    await wb.keyFiles.set(session.profileName, region, name, privateKey, 'imported');
  }
  wb.explorer.refresh(region, 'keyPairs');
  void ui.showInformationMessage(vscode.l10n.t('Key pair {0} imported into {1}.', name, region));
  return { keyName: name, fingerprint };
}

const BROWSE = '$browse';

/** The one line of an OpenSSH public key file; a private key or anything else is refused. */
async function readPublicKey(file: string): Promise<string> {
  let text: string;
  try {
    text = (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new UserError(vscode.l10n.t('{0} cannot be read ({1}).', file, (error as NodeJS.ErrnoException).code ?? ''));
  }
  if (/PRIVATE KEY/.test(text)) {
    throw new UserError(
      vscode.l10n.t(
        '{0} is a private key. Choose the public key (the .pub file) instead; the private key never leaves this machine.',
        file,
      ),
    );
  }
  if (!PUBLIC_KEY.test(text)) {
    throw new UserError(
      vscode.l10n.t('{0} is not an OpenSSH public key (expected a line starting with ssh-rsa, ssh-ed25519 or ecdsa-sha2-).', file),
    );
  }
  return text;
}
