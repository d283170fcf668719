// The ProxyCommand line of an EC2 Instance Connect entry: the Node program and the connect script,
// then the arguments of src/core/ssh/connectProxy.ts. Only names go in (profile, endpoint URL, region,
// instance, user, file paths), never a credential. Every value is checked, then quoted for the
// shell ssh runs the line with (`$SHELL -c "exec …"`; on Windows the line is run directly), and
// `%` is doubled except in the %h and %p tokens ssh expands.
import * as l10n from '@vscode/l10n';
import { UserError } from '../aws/session/errors';
import { PROXY_FLAGS, proxyFlagPairs, type ProxyTarget } from './proxyArgs';

export interface ProxyCommandSpec extends ProxyTarget {
  /** The program and its leading arguments: [node, connect.js], or [env, ELECTRON_RUN_AS_NODE=1, Code, connect.js]. */
  readonly program: readonly string[];
  /** Through an Instance Connect Endpoint: its id, and the host its WebSocket is opened on. */
  readonly endpoint?: { readonly id: string; readonly host: string };
  readonly l10nFile?: string;
  readonly platform?: NodeJS.Platform;
}

export function proxyCommandLine(spec: ProxyCommandSpec): string {
  const windows = (spec.platform ?? process.platform) === 'win32';
  const pairs = proxyFlagPairs({
    profile: spec.profile,
    endpointUrl: spec.endpointUrl,
    region: safe('region', spec.region, /^[a-z]{2}(-[a-z]+)+-\d+$/),
    instanceId: safe('instance', spec.instanceId, /^i-[0-9a-f]+$/),
    user: safe('user', spec.user, /^[a-z_][a-z0-9_.-]{0,31}$/i),
    publicKeyFile: spec.publicKeyFile,
    endpointId: spec.endpoint && safe('endpoint', spec.endpoint.id, /^eice-[0-9a-f]+$/),
    endpointHost: spec.endpoint && safe('endpoint host', spec.endpoint.host, /^[A-Za-z0-9.-]+(:\d{1,5})?$/),
    l10nFile: spec.l10nFile,
  });
  const words = [
    ...spec.program.map((p) => quote(p, windows)),
    ...pairs.flatMap(([flag, v]) => [flag, quote(v, windows)]),
    // Expanded by ssh at each connection.
    `--${PROXY_FLAGS.host}`,
    '%h',
    `--${PROXY_FLAGS.port}`,
    '%p',
  ];
  return words.join(' ');
}

function safe(what: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) {
    throw new UserError(l10n.t('The SSH {0} value {1} is not safe to write into an SSH config file.', what, JSON.stringify(value)));
  }
  return value;
}

/** One word for sh, bash, zsh, fish (single quotes) or Windows (double quotes), with `%` doubled for ssh. */
function quote(value: string, windows: boolean): string {
  // On Windows cmd.exe expands %VAR% even inside double quotes: no quoting can carry a `%` there.
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(value) || (windows ? /["%]/.test(value) : /['\\]/.test(value))) {
    throw new UserError(
      l10n.t('The SSH {0} value {1} is not safe to write into an SSH config file.', 'ProxyCommand', JSON.stringify(value)),
    );
  }
  const escaped = value.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_./:=@+-]+$/.test(value)) {
    return escaped;
  }
  return windows ? `"${escaped}"` : `'${escaped}'`;
}
