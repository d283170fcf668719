// The argument contract of the Instance Connect ProxyCommand, both ends in one place:
// proxyCommand.ts writes these flags into the SSH entry, connectProxy.ts (dist/connect.js) reads them.
import { parseArgs } from 'util';

/** What a ProxyCommand connects to and as whom: names only, never a credential. */
export interface ProxyTarget {
  readonly profile: string;
  readonly endpointUrl?: string;
  readonly region: string;
  readonly instanceId: string;
  readonly user: string;
  readonly publicKeyFile: string;
}

/** Each value the ProxyCommand takes, and its flag on the command line. */
export const PROXY_FLAGS = {
  profile: 'profile',
  endpointUrl: 'endpoint-url',
  region: 'region',
  instanceId: 'instance',
  user: 'user',
  publicKeyFile: 'public-key',
  endpointId: 'eice-id',
  endpointHost: 'eice-host',
  l10nFile: 'l10n',
  /** ssh's %h: the instance's address (private for an endpoint). */
  host: 'host',
  /** ssh's %p. */
  port: 'port',
} as const;

export type ProxyArgName = keyof typeof PROXY_FLAGS;
export type ProxyArgs = { [K in ProxyArgName]?: string };

/** The values without which the ProxyCommand cannot run. */
export const REQUIRED_PROXY_ARGS: readonly ProxyArgName[] = ['region', 'instanceId', 'user', 'publicKeyFile', 'host', 'port'];

/** `--flag value` pairs for the values given, in the contract's order; empty values are left out. */
export function proxyFlagPairs(values: ProxyArgs): Array<[string, string]> {
  return (Object.keys(PROXY_FLAGS) as ProxyArgName[])
    .filter((name) => values[name] !== undefined && values[name] !== '')
    .map((name) => [`--${PROXY_FLAGS[name]}`, values[name]!]);
}

/** Reads the ProxyCommand's arguments (unknown flags are an error); returns the names of the missing required ones too. */
export function readProxyArgs(argv: string[]): { args: ProxyArgs; missing: string[] } {
  const options = Object.fromEntries(Object.values(PROXY_FLAGS).map((flag) => [flag, { type: 'string' as const }]));
  const { values } = parseArgs({ args: argv, strict: true, options });
  const args: ProxyArgs = {};
  for (const name of Object.keys(PROXY_FLAGS) as ProxyArgName[]) {
    const value = values[PROXY_FLAGS[name]];
    if (typeof value === 'string') {
      args[name] = value;
    }
  }
  const missing = REQUIRED_PROXY_ARGS.filter((name) => !args[name]).map((name) => `--${PROXY_FLAGS[name]}`);
  return { args, missing };
}
