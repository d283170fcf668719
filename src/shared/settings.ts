import * as vscode from 'vscode';
import { defaultKeyDirectory } from '../core/keys/privateKeyFile';

export const SECTION = 'ec2Workbench';

export interface Settings {
  /** The profile to use; empty means AWS_PROFILE, else "default". */
  readonly profile: string;
  readonly endpointUrl: string;
  /** Regions to show; empty means every enabled region. */
  readonly regions: readonly string[];
  readonly hideEmptyRegions: boolean;
  readonly keyDirectory: string;
  /** Always a number within 5..300: a 0, a string or a negative value cannot switch timeouts off. */
  readonly requestTimeoutSeconds: number;
  readonly showCliCommands: boolean;
  /** Prices of what is in view, from the AWS Price List API. */
  readonly showCosts: boolean;
  readonly ssh: SshSettings;
  readonly loadTest: { readonly resolve: Readonly<Record<string, string>> };
}

export interface SshSettings {
  readonly usePrivateIp: boolean;
  readonly reuseWindow: boolean;
  readonly addressLookupUrl: string;
  /** The ssh program for terminals: ours, else Remote - SSH's remote.SSH.path (user value), else "ssh". */
  readonly program: string;
  /** Remote - SSH's remote.SSH.configFile (user value), or "" for ~/.ssh/config. */
  readonly configFile: string;
  /** Per instance id, the address (and port) to connect to instead of its own: a bastion's forward, a local stand-in. */
  readonly hostOverrides: Readonly<Record<string, string>>;
}

export const DEFAULT_ADDRESS_LOOKUP_URL = 'https://checkip.amazonaws.com';

/**
 * Every setting EC2 Workbench reads, in one place. Settings that pick a program, a file, a
 * profile, an endpoint or an address come from the user's own settings only, never from a
 * workspace: a cloned repository's .vscode/settings.json cannot make ssh run its script or read
 * its config. That includes Remote - SSH's settings, which VS Code still reads from a workspace
 * when Remote - SSH is not installed to declare their scope.
 */
export function readSettings(): Settings {
  return (cached ??= readFromConfiguration());
}

/**
 * The settings last read, until one of ours or Remote - SSH's changes. Reading them costs a
 * configuration lookup per key, and the tree's events and every AWS call ask for them. Registered
 * when this module loads, before any other listener of the workbench, so a listener that reads the
 * settings on a change gets the new values.
 */
let cached: Settings | undefined;
vscode.workspace.onDidChangeConfiguration((e) => {
  if (e.affectsConfiguration(SECTION) || e.affectsConfiguration('remote.SSH')) {
    cached = undefined;
  }
});

function readFromConfiguration(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const remote = vscode.workspace.getConfiguration('remote.SSH');
  const timeout = c.get<unknown>('requestTimeoutSeconds');
  return {
    profile: userString(c, 'profile') || process.env.AWS_PROFILE || 'default',
    endpointUrl: userString(c, 'endpointUrl'),
    regions: stringArray(c.get<unknown>('regions')),
    hideEmptyRegions: c.get<unknown>('hideEmptyRegions') === true,
    keyDirectory: userString(c, 'keyDirectory'),
    requestTimeoutSeconds: typeof timeout === 'number' && Number.isFinite(timeout) ? Math.min(300, Math.max(5, timeout)) : 30,
    showCliCommands: c.get<unknown>('showCliCommands') !== false,
    showCosts: c.get<unknown>('showCosts') !== false,
    ssh: {
      usePrivateIp: userValue(c, 'ssh.usePrivateIp') === true,
      reuseWindow: c.get<unknown>('ssh.reuseWindow') === true,
      addressLookupUrl: userString(c, 'ssh.addressLookupUrl') || DEFAULT_ADDRESS_LOOKUP_URL,
      program: userString(c, 'ssh.path') || userString(remote, 'path') || 'ssh',
      configFile: userString(remote, 'configFile'),
      hostOverrides: stringMap(userValue(c, 'ssh.hostOverrides')),
    },
    loadTest: { resolve: stringMap(userValue(c, 'loadTest.resolve')) },
  };
}

/** The value from the user's settings (or the default), never a workspace's. */
function userValue(c: vscode.WorkspaceConfiguration, key: string): unknown {
  const i = c.inspect<unknown>(key);
  return i?.globalValue ?? i?.defaultValue;
}

function userString(c: vscode.WorkspaceConfiguration, key: string): string {
  const v = userValue(c, key);
  return typeof v === 'string' ? v.trim() : '';
}

function stringMap(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return {};
  }
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}

/** Where private keys are looked for: the key folder setting (else ~/.ssh), then ~/.ssh. */
export function keyDirectories(): string[] {
  return [readSettings().keyDirectory || defaultKeyDirectory(), defaultKeyDirectory()];
}
