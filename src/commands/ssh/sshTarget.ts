import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { CancelledError, UserError } from '../../core/aws/session/errors';
import {
  changeInstanceState,
  describeImageText,
  type Ec2Instance,
  getInstance,
  listInstances,
  waitUntilRunning,
} from '../../core/aws/ec2/instances';
import { checkPrivateKeyFile, defaultKeyDirectory } from '../../core/keys/privateKeyFile';
import { keyDirectories, readSettings } from '../../shared/settings';
import { listKeyPairs } from '../../core/aws/ec2/keyPairs';
import { entryOwner, type ManagedAlias, type SshEntry, writeSshEntry } from '../../core/ssh/sshConfigFile';
import { resolveSshConfigFile } from '../../core/ssh/sshConfigPath';
import { checkedUser, instanceConnectAgent, parseAlias, sshAlias, sshHostName, userForImage } from '../../core/ssh/sshHost';
import { type Workbench } from '../../workbench';
import { type ArgSpec, type CommandInput, regionAnd, requireString } from '../commandInput';
import { advise, confirmOrCancel, pickInstance } from '../askOrUse';
import { describeImages } from '../../core/aws/ec2/images';
import { BACK } from '../../shared/prompter';
import { ensureOwnerOnly } from '../keyPairs/keyFilePermissions';
import { locatePrivateKeyCommand } from '../keyPairs/locatePrivateKey';
import { checkPort22 } from './allowSshFromMyAddress';
import { instanceConnectTarget } from './instanceConnectTarget';
import { stateWithAwsWord } from '../../shared/stateLabel';

export interface SshTargetArgs {
  region: string;
  instanceId: string;
  /** How ssh authenticates: the key pair's private key file, or a one-time key pushed by EC2 Instance Connect. */
  via?: SshRoute;
}

export type SshRoute = 'keyFile' | 'instanceConnect';
export const SSH_ROUTES: readonly SshRoute[] = ['keyFile', 'instanceConnect'];

export interface SshTarget {
  readonly instance: Ec2Instance;
  readonly entry: SshEntry;
  readonly configFile: string;
  readonly via: SshRoute;
}

export const SSH_TARGET_ARGS: ArgSpec<SshTargetArgs> = {
  fields: { region: 'string', instanceId: 'string', via: SSH_ROUTES },
  fromNode: regionAnd('instanceId'),
};

const USERS_KEY = 'ec2Workbench.sshUsers';

/**
 * The SSH config file ssh and Remote - SSH read: Remote - SSH's remote.SSH.configFile user setting,
 * else ~/.ssh/config of the account's passwd entry (not $HOME; src/core/ssh/sshConfigPath.ts).
 */
export function sshConfigFile(): string {
  return resolveSshConfigFile(readSettings().ssh.configFile);
}

/**
 * Everything the SSH hand-off needs, asked or checked in order: the instance (running, or started),
 * its address, user and private key, port 22; then the entry is written to the SSH config.
 */
export async function prepareSshTarget(wb: Workbench, input: CommandInput<SshTargetArgs>, title: string): Promise<SshTarget> {
  const { args, interactive } = input;
  let region = args.region;
  let instanceId = args.instanceId;
  if (!region || !instanceId) {
    if (!interactive) {
      requireString(region, 'region');
      requireString(instanceId, 'instanceId');
    }
    const picked = await pickInstance(wb, title, ['running', 'pending', 'stopped']);
    if (!picked) {
      throw new CancelledError();
    }
    ({ region, instanceId } = picked);
  }
  const session = wb.sessions.session;
  let instance = await getInstance(session, region, instanceId);
  const label = instance.name ? `${instance.name} (${instance.id})` : instance.id;

  if (instance.state === 'stopped' || instance.state === 'stopping') {
    if (!interactive) {
      throw new UserError(
        vscode.l10n.t('{0} is {1}. Start it first (EC2: Start Instances), then connect.', label, stateWithAwsWord(instance.state)),
      );
    }
    await confirmOrCancel(vscode.l10n.t('{0} is {1}.', label, stateWithAwsWord(instance.state)), vscode.l10n.t('Start and Connect'));
    await changeInstanceState(session, region, 'start', [instance.id]);
    wb.explorer.refresh(region);
  } else if (instance.state !== 'running' && instance.state !== 'pending') {
    throw new UserError(vscode.l10n.t('{0} is {1}: there is nothing to connect to.', label, stateWithAwsWord(instance.state)));
  }
  if (instance.state !== 'running') {
    await ui.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Waiting for {0} to be running…', label), cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        await waitUntilRunning(session, region, [instance.id], abort.signal);
      },
    );
    instance = await getInstance(session, region, instance.id);
  }

  // An override (a forwarded port, the sandbox's local sshd) replaces the address and skips the
  // security-group check, which is about the instance's own address.
  const ssh = readSettings().ssh;
  const override = parseHostOverride(ssh.hostOverrides[instance.id]);
  const user = await loginUser(wb, instance, interactive);
  let via = args.via ?? (await defaultRoute(wb, instance, interactive));
  let hostName = '';
  let port = override?.port;
  let identityFile = '';
  let proxyCommand: string | undefined;
  let throughEndpoint = false;
  if (via === 'instanceConnect') {
    const eic = await instanceConnectTarget(wb, instance, user, override);
    ({ hostName, port, identityFile, proxyCommand } = eic);
    throughEndpoint = !!eic.endpointId;
    // Once the route is known (an endpoint, or none to say so first): whether the image can take the key.
    if (!override && (await checkInstanceConnectAgent(wb, instance, interactive)) === 'keyFile') {
      via = 'keyFile';
      proxyCommand = undefined;
      throughEndpoint = false;
      port = undefined;
    }
  }
  if (via === 'keyFile') {
    hostName = override?.hostName ?? sshHostName(instance, ssh.usePrivateIp);
    identityFile = await privateKeyOf(wb, instance, interactive);
  }
  // An endpoint reaches the instance from inside its VPC: port 22 from this machine does not matter.
  if (!override && !throughEndpoint) {
    await checkPort22(wb, instance, interactive);
  }

  const configFile = sshConfigFile();
  const alias = sshAlias(region, instance.id);
  const live = new Set((await listInstances(session, region)).filter((i) => i.state !== 'terminated').map((i) => i.id));
  // Entries of this region's terminated instances are dropped whenever an entry is written, but
  // only those made with the same profile and endpoint: another account's instances are not in `live`.
  const owner = entryOwner(session.profileName, await session.endpoint());
  const keep = (e: ManagedAlias) => {
    const parsed = parseAlias(e.alias);
    return !parsed || parsed.region !== region || e.owner !== owner || live.has(parsed.instanceId);
  };
  const entry: SshEntry = { alias, hostName, port, user, identityFile, owner, proxyCommand };
  await writeSshEntry(configFile, entry, keep);
  wb.log.info(
    `SSH entry ${alias} (${user}@${hostName}, ${via === 'instanceConnect' ? `EC2 Instance Connect${throughEndpoint ? ' through an endpoint' : ''}, ` : ''}key ${identityFile}) written to ${configFile}.`,
  );
  return { instance, entry, configFile, via };
}

/**
 * Before a key-less connection: an image without the EC2 Instance Connect agent (Debian, RHEL...)
 * takes the pushed key and then refuses ssh. Said first: asked (the key file, or connect anyway)
 * when interactive, else advice that does not block.
 */
async function checkInstanceConnectAgent(wb: Workbench, instance: Ec2Instance, interactive: boolean): Promise<SshRoute> {
  if (!instance.imageId) {
    return 'instanceConnect';
  }
  const image = await describeImages(wb.sessions.session, instance.region, [instance.imageId])
    .then((found) => found.get(instance.imageId!))
    .catch(() => undefined);
  if (instanceConnectAgent(image) !== 'absent') {
    return 'instanceConnect';
  }
  const label = instance.name ?? instance.id;
  const imageName = image?.name ?? instance.imageId;
  const message = vscode.l10n.t(
    "{0} runs {1}, an image without the EC2 Instance Connect agent: the key would be pushed, then ssh refused. Install the agent on it (package ec2-instance-connect) or connect with the key pair's .pem.",
    label,
    imageName,
  );
  wb.log.warn(`Connect ${instance.id} with EC2 Instance Connect: image ${imageName} has no agent.`);
  if (!interactive) {
    advise(message);
    return 'instanceConnect';
  }
  const choice = await wb.prompter.pick<SshRoute>({
    title: vscode.l10n.t('{0} has no EC2 Instance Connect agent ({1})', label, imageName),
    step: 1,
    totalSteps: 1,
    placeholder: vscode.l10n.t('The key would be pushed, then ssh refused. How should ssh log in?'),
    items: [
      ...(instance.keyName
        ? [
            {
              label: vscode.l10n.t('$(key) With the private key of "{0}"', instance.keyName),
              detail: vscode.l10n.t('The .pem file saved when the key pair was created.'),
              value: 'keyFile' as const,
            },
          ]
        : []),
      {
        label: vscode.l10n.t('$(warning) With EC2 Instance Connect anyway'),
        detail: vscode.l10n.t('Works once the agent is installed on the instance (package ec2-instance-connect).'),
        value: 'instanceConnect' as const,
      },
    ],
  });
  if (choice === BACK) {
    throw new CancelledError();
  }
  return choice;
}

/**
 * Without `via`: the key file when one is known for the instance's key pair, else EC2 Instance
 * Connect. Asked interactively when the instance has a key pair whose private key is not known yet.
 */
async function defaultRoute(wb: Workbench, instance: Ec2Instance, interactive: boolean): Promise<SshRoute> {
  if (!instance.keyName) {
    return 'instanceConnect';
  }
  if (await knownPrivateKey(wb, instance)) {
    return 'keyFile';
  }
  if (!interactive) {
    return 'instanceConnect';
  }
  const oneTime = {
    label: vscode.l10n.t('$(zap) Connect with a one-time key (EC2 Instance Connect)'),
    detail: vscode.l10n.t("No .pem needed: a key of EC2 Workbench's own, pushed for 60 s at each connection."),
    route: 'instanceConnect' as const,
  };
  const locate = {
    label: vscode.l10n.t('$(key) Locate the private key of "{0}"...', instance.keyName),
    detail: vscode.l10n.t('The .pem file saved when the key pair was created.'),
    route: 'keyFile' as const,
  };
  const picked = await vscode.window.showQuickPick([oneTime, locate], {
    title: vscode.l10n.t('The private key of the key pair "{0}" is not known', instance.keyName),
    placeHolder: vscode.l10n.t('How should ssh log in to {0}?', instance.name ?? instance.id),
    ignoreFocusOut: true,
  });
  if (!picked) {
    throw new CancelledError();
  }
  return picked.route;
}

/** The private key file of the instance's key pair when it is known (remembered or found) and readable, without asking. */
async function knownPrivateKey(wb: Workbench, instance: Ec2Instance): Promise<string | undefined> {
  const known = await lookUpPrivateKey(wb, instance);
  return (
    known &&
    (await checkPrivateKeyFile(known).then(
      () => known,
      () => undefined,
    ))
  );
}

/** Remembered, or found as <key folder>/<name>.pem or ~/.ssh/<name>.pem and proven by its public half. */
async function lookUpPrivateKey(wb: Workbench, instance: Ec2Instance): Promise<string | undefined> {
  const keyName = instance.keyName;
  if (!keyName) {
    return undefined;
  }
  const profile = wb.sessions.session.profileName;
  return (
    wb.keyFiles.get(profile, instance.region, keyName) ??
    (await wb.keyFiles.resolve(
      profile,
      {
        region: instance.region,
        name: keyName,
        publicKey: (await listKeyPairs(wb.sessions.session, instance.region)).find((k) => k.name === keyName)?.publicKey,
      },
      keyDirectories(),
    ))
  );
}

async function loginUser(wb: Workbench, instance: Ec2Instance, interactive: boolean): Promise<string> {
  const remembered = wb.context.globalState.get<Record<string, string>>(USERS_KEY) ?? {};
  const tagged = instance.tags['ssh-user'];
  if (tagged) {
    return checkedUser(tagged);
  }
  if (remembered[instance.id]) {
    return remembered[instance.id];
  }
  const fromImage = userForImage(
    instance.imageId ? await describeImageText(wb.sessions.session, instance.region, instance.imageId) : undefined,
  );
  if (fromImage) {
    return fromImage;
  }
  if (!interactive) {
    return 'ec2-user';
  }
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('SSH user for {0}', instance.name ?? instance.id),
    prompt: vscode.l10n.t(
      'The AMI does not tell its login user (ubuntu for Ubuntu, ec2-user for Amazon Linux, admin for Debian). It is remembered for this instance.',
    ),
    value: 'ec2-user',
    validateInput: (v) => (/^[a-z_][a-z0-9_.-]{0,31}$/i.test(v) ? undefined : vscode.l10n.t('Letters, digits, "_", "." and "-" only.')),
  });
  if (!typed) {
    throw new CancelledError();
  }
  await wb.context.globalState.update(USERS_KEY, { ...remembered, [instance.id]: typed });
  return typed;
}

async function privateKeyOf(wb: Workbench, instance: Ec2Instance, interactive: boolean): Promise<string> {
  const keyName = instance.keyName;
  if (!keyName) {
    throw new UserError(
      vscode.l10n.t(
        '{0} was launched without a key pair, so there is no key file to log in with. Connect with a one-time key (EC2 Instance Connect) instead.',
        instance.name ?? instance.id,
      ),
    );
  }
  const keyFile = await lookUpPrivateKey(wb, instance);
  if (!keyFile) {
    if (!interactive) {
      throw new UserError(
        vscode.l10n.t(
          'The private key of the key pair "{0}" is not known. Use "Locate Private Key..." on it in the explorer, then connect again.',
          keyName,
        ),
      );
    }
    const picked = (
      await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Private key of the key pair {0}', keyName),
        defaultUri: vscode.Uri.file(readSettings().keyDirectory || defaultKeyDirectory()),
        filters: { PEM: ['pem'], '*': ['*'] },
      })
    )?.[0]?.fsPath;
    if (!picked) {
      throw new CancelledError(); // One dialog: cancelling it cancels the connection.
    }
    // Called directly (one error report); it checks the file and asks once about loose permissions.
    return (await locatePrivateKeyCommand(wb, { region: instance.region, name: keyName, keyFile: picked, interactive: true })).keyFile;
  }
  const check = await checkPrivateKeyFile(keyFile).catch(() => {
    throw new UserError(
      vscode.l10n.t(
        'The private key {0} of the key pair "{1}" cannot be read. Use "Locate Private Key..." to point to it again.',
        keyFile!,
        keyName,
      ),
    );
  });
  await ensureOwnerOnly(keyFile, check, interactive);
  return keyFile;
}

/** "host" or "host:port" (an IPv6 address in brackets) from the ec2Workbench.ssh.hostOverrides setting. */
export function parseHostOverride(value: string | undefined): { hostName: string; port?: number } | undefined {
  const m = value ? /^\[?([A-Za-z0-9.:-]+?)\]?(?::(\d{1,5}))?$/.exec(value.trim()) : undefined;
  return m ? { hostName: m[1], port: m[2] ? Number(m[2]) : undefined } : undefined;
}
