// The EC2 Instance Connect route of the SSH hand-off: the one-time key, the connect script staged
// under the extension's own folder (so an entry keeps working after the extension updates), and
// the ProxyCommand that pushes the key and relays, directly or through an Instance Connect Endpoint.
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { UserError } from '../../core/aws/session/errors';
import {
  endpointHostName,
  endpointTargetAddress,
  findInstanceConnectEndpoint,
  instanceConnectEndpointHostProblem,
} from '../../core/aws/ec2/ec2InstanceConnect';
import { type Ec2Instance } from '../../core/aws/ec2/instances';
import { ensureOneTimeKey } from '../../core/keys/oneTimeKey';
import { proxyCommandLine } from '../../core/ssh/proxyCommand';
import { sshHostName } from '../../core/ssh/sshHost';
import { readSettings } from '../../shared/settings';
import { type Workbench } from '../../workbench';

export interface InstanceConnectTarget {
  readonly hostName: string;
  readonly port?: number;
  readonly identityFile: string;
  readonly proxyCommand: string;
  /** The route, for the log and the result: straight to the instance, or through an endpoint. */
  readonly endpointId?: string;
}

/** Where the entry sends ssh, with the one-time key and the ProxyCommand that pushes it. */
export async function instanceConnectTarget(
  wb: Workbench,
  instance: Ec2Instance,
  user: string,
  override: { hostName: string; port?: number } | undefined,
): Promise<InstanceConnectTarget> {
  const session = wb.sessions.session;
  const ssh = readSettings().ssh;
  let hostName: string;
  let port = override?.port;
  let endpoint: { id: string; host: string } | undefined;
  if (override) {
    hostName = override.hostName;
  } else if (ssh.usePrivateIp || instance.publicDnsName || instance.publicIp) {
    hostName = sshHostName(instance, ssh.usePrivateIp);
  } else {
    // No public address: through an EC2 Instance Connect Endpoint of its VPC, to its private IP
    // (or its IPv6 address, for an IPv6-only instance).
    const label = instance.name ?? instance.id;
    const found = instance.vpcId
      ? await findInstanceConnectEndpoint(session, instance.region, instance.vpcId, instance.subnetId)
      : undefined;
    const address = endpointTargetAddress(instance);
    if (!found || !address) {
      throw new UserError(
        vscode.l10n.t(
          '{0} has no public address and its VPC {1} has no EC2 Instance Connect Endpoint. Create one in the VPC console (Endpoints, Create endpoint, type "EC2 Instance Connect Endpoint", in a subnet of {1}), allow TCP port 22 from the endpoint\'s security group in the security group of {0}, then connect again.',
          label,
          instance.vpcId ?? '-',
        ),
      );
    }
    hostName = address;
    port = undefined;
    const endpointOverride = ssh.hostOverrides[found.id];
    endpoint = {
      id: found.id,
      host: endpointOverride?.trim() || endpointHostName(found, await session.useFipsEndpoint(instance.region)),
    };
    // Checked before any entry is written; the ProxyCommand checks again before it signs.
    const problem = instanceConnectEndpointHostProblem(endpoint.host, instance.region, !!(await session.endpoint()));
    if (problem) {
      throw new UserError(problem);
    }
  }
  const storage = wb.context.globalStorageUri.fsPath;
  const key = await ensureOneTimeKey(path.join(storage, 'instance-connect'));
  const script = await stageConnectScript(wb.context.extensionPath, path.join(storage, 'instance-connect', 'bin'));
  const proxyCommand = proxyCommandLine({
    program: nodeProgram(script),
    profile: session.profileName,
    endpointUrl: await session.endpoint(),
    region: instance.region,
    instanceId: instance.id,
    user,
    publicKeyFile: key.publicKeyFile,
    endpoint,
    l10nFile: vscode.l10n.uri?.scheme === 'file' ? vscode.l10n.uri.fsPath : undefined,
  });
  return { hostName, port, identityFile: key.privateKeyFile, proxyCommand, endpointId: endpoint?.id };
}

/**
 * The Node VS Code runs, to run `script` with: the extension host's own executable (Electron on the
 * desktop, told to behave as Node; the VS Code server's Node as it is).
 */
function nodeProgram(script: string): string[] {
  if (!process.versions.electron) {
    return [process.execPath, script];
  }
  if (process.platform === 'win32') {
    return [path.join(path.dirname(script), 'connect.cmd')];
  }
  return ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath, script];
}

/**
 * Copies dist/connect.js (self-contained: the SDK's part it uses is inlined) into `dir` when its content differs (by
 * SHA-256, not size or date): the extension's own folder changes with every update, an SSH entry
 * written today must still work next month. Each copy goes through a unique temporary name and is
 * renamed into place, so two windows staging at once never write the same temporary file.
 */
async function stageConnectScript(extensionPath: string, dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const digest = async (file: string) =>
    fs.readFile(file).then(
      (bytes) => createHash('sha256').update(bytes).digest('hex'),
      () => undefined,
    );
  for (const name of ['connect.js']) {
    const from = path.join(extensionPath, 'dist', name);
    const to = path.join(dir, name);
    const [a, b] = await Promise.all([digest(from), digest(to)]);
    if (a !== b) {
      const temp = `${to}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await fs.copyFile(from, temp);
        await fs.rename(temp, to);
      } finally {
        await fs.rm(temp, { force: true });
      }
    }
  }
  if (process.versions.electron && process.platform === 'win32') {
    const cmd = `@set ELECTRON_RUN_AS_NODE=1\r\n@"${process.execPath}" "%~dp0connect.js" %*\r\n`;
    await fs.writeFile(path.join(dir, 'connect.cmd'), cmd);
  }
  return path.join(dir, 'connect.js');
}
