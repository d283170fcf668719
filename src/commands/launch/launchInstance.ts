import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { describeError, UserError } from '../../aws/errors';
import { type ImageFacts } from '../../aws/images';
import { listInstances, waitUntilRunning } from '../../aws/instances';
import { cliLine } from '../../aws/cliTranscript';
import {
  createLabSecurityGroup,
  labGroupName,
  labSecurityGroupCalls,
  type LaunchRequest,
  launchInstances,
  nameTagCalls,
  runInstancesCli,
} from '../../aws/launch';
import { instanceNames } from '../../aws/names';
import { listSubnets } from '../../aws/network';
import { readSettings } from '../../shared/settings';
import { lookUpPublicAddress } from '../../ssh/sshAccess';
import { userDataError, userDataWarning } from '../../userData/userData';
import { type Workbench } from '../../workbench';
import { commandInput } from '../args';
import { advise } from '../prompts';
import { runForUser } from '../runCommand';
import { type LaunchContext, runLaunchWizard } from './launchWizard';
import { recordLaunch } from '../../aws/labInstances';
import { applyAutoStopAfterLaunch, autoStopCli, autoStopDefault, describeAutoStop, takeAutoStopArg } from './autoStopStep';

export interface LaunchArgs {
  region: string;
  name: string;
  imageId: string;
  instanceType: string;
  keyName: string;
  subnetId: string;
  securityGroupIds?: string[];
  count?: number;
  userData?: string;
  /** An editor tab or file holding the user-data (its text, byte for byte). */
  userDataUri?: string;
}

const REQUIRED: Array<keyof LaunchContext> = ['region', 'name', 'imageId', 'instanceType', 'subnetId'];

/** Launches instances: the wizard asks what the argument object leaves out, then a summary with the CLI line. */
export async function launchInstanceCommand(wb: Workbench, rawArg?: unknown): Promise<{ instanceIds: string[] }> {
  const { rest: arg, autoStop } = takeAutoStopArg(rawArg); // Issue #31: `autoStop` is read apart.
  const { args, interactive } = commandInput<LaunchArgs>(arg, {
    fields: {
      region: 'string',
      name: 'string',
      imageId: 'string',
      instanceType: 'string',
      keyName: 'string',
      subnetId: 'string',
      securityGroupIds: 'string[]',
      count: 'number',
      userData: 'string',
      userDataUri: 'string',
    },
    conflicts: [['userData', 'userDataUri']],
  });
  const ctx: LaunchContext = { ...args, securityGroupIds: args.securityGroupIds, autoStop };
  if (args.userDataUri) {
    const uri = vscode.Uri.parse(args.userDataUri);
    ctx.userData = (await vscode.workspace.openTextDocument(uri)).getText();
    ctx.userDataSource = uri.scheme === 'untitled' ? uri.path : uri.fsPath;
  }
  const profile = wb.sessions.session.profileName;
  const complete = REQUIRED.every((k) => ctx[k] !== undefined);
  if (!interactive && complete) {
    ctx.count ??= 1;
    ctx.userData ??= '';
    ctx.securityGroupIds ??= [];
    ctx.autoStop ??= autoStopDefault();
  } else {
    await runLaunchWizard(wb, ctx, {
      action: vscode.l10n.t('$(rocket) Launch'),
      describe: (c) =>
        [describeLaunch(requestOf(c), c.userDataSource, c.createSecurityGroup, c.imageFacts), describeAutoStop(c.autoStop)].join(' · '),
      detail: (c) => wb.costs.launchPrice(c.region, c.instanceType, c.count, c.imageFacts?.platformDetails),
      cli: (c) => [launchCli(c, profile), autoStopCli(c.region!, c.autoStop, profile)].filter(Boolean).join('\n'),
      fix: (c) =>
        c.closedGroup && !c.createSecurityGroup
          ? {
              problem: vscode.l10n.t('The group {0} lets in neither SSH (22) nor HTTP (80).', c.closedGroup),
              label: vscode.l10n.t('Use a new group instead: SSH from my address, HTTP from everyone'),
              apply: (ctx) => {
                ctx.createSecurityGroup = true;
                ctx.securityGroupIds = [];
                ctx.closedGroup = undefined;
              },
            }
          : undefined,
    });
  }
  const req = requestOf(ctx);
  validate(req);
  const warning = req.userData ? userDataWarning(req.userData) : undefined;
  if (warning) {
    advise(warning);
  }
  const instanceIds = await ui.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Launching {0} in {1}…', req.name, req.region) },
    async () => {
      if (ctx.createSecurityGroup) {
        // Made only now that the summary is confirmed.
        const vpcId = (await listSubnets(wb.sessions.session, req.region)).find((s) => s.id === req.subnetId)?.vpcId;
        const address = await lookUpPublicAddress(readSettings().ssh.addressLookupUrl);
        req.securityGroupIds = [await createLabSecurityGroup(wb.sessions.session, req.region, vpcId!, `${address}/32`, ctx.newGroupName)];
      }
      return launchInstances(wb.sessions.session, req);
    },
  );
  const cli = runInstancesCli(req, profile, ctx.userDataSource ?? 'user-data.sh');
  const naming = nameTagCalls(req, instanceIds).map((call) => cliLine(call, { profile }));
  wb.log.info(`Launched ${instanceIds.join(', ')}. CLI equivalent: ${[cli, ...naming].join('\n')}`);
  ctx.autoStop ??= autoStopDefault(); // The step is optional: an argument object may skip it.
  await applyAutoStopAfterLaunch(wb, req.region, instanceIds, ctx.autoStop); // Never undoes the launch.
  await recordLaunch(wb.context.globalState, profile, req.region, instanceIds); // For the start-up reminder (issue #31).
  wb.explorer.refresh(req.region);
  void followLaunch(wb, req.region, req.name, instanceIds);
  return { instanceIds };
}

/**
 * The summary's CLI lines, from the same builders as the calls: the new group's two calls first
 * (its name fixed now, so the one created is the one named; its id and your address are not known
 * before it is made), then run-instances with every parameter sent, the new group's id included.
 */
function launchCli(c: LaunchContext, profile: string): string {
  const req = requestOf(c);
  const lines: string[] = [];
  if (c.createSecurityGroup) {
    c.newGroupName ??= labGroupName();
    const calls = labSecurityGroupCalls(req.region, `<vpc-of-${req.subnetId ?? 'default-subnet'}>`, '<my-address>/32', c.newGroupName);
    lines.push(...calls.map((call) => cliLine(call, { profile })));
    req.securityGroupIds = ['<new-group-id>'];
  }
  lines.push(runInstancesCli(req, profile, c.userDataSource ?? 'user-data.sh'));
  return lines.join('\n');
}

function requestOf(ctx: LaunchContext): LaunchRequest & { securityGroupIds: string[] } {
  return {
    region: ctx.region!,
    name: ctx.name!,
    imageId: ctx.imageId!,
    instanceType: ctx.instanceType!,
    keyName: ctx.keyName || undefined,
    subnetId: ctx.subnetId,
    securityGroupIds: ctx.securityGroupIds ?? [],
    count: ctx.count ?? 1,
    userData: ctx.userData || undefined,
  };
}

function describeLaunch(req: LaunchRequest, userDataSource: string | undefined, newGroup: boolean | undefined, image?: ImageFacts): string {
  return [
    `${instanceNames(req.name, req.count).join(', ')} · ${req.region}`,
    `${req.count} × ${req.instanceType}`,
    image?.name
      ? `${req.imageId} (${[image.name, vscode.l10n.t('by {0}', image.publisher ?? '?'), image.created?.slice(0, 10)].filter(Boolean).join(', ')})`
      : req.imageId,
    req.keyName ? vscode.l10n.t('key {0}', req.keyName) : vscode.l10n.t('no key pair'),
    req.subnetId,
    newGroup
      ? vscode.l10n.t('a new security group (SSH from my address, HTTP from everyone)')
      : (req.securityGroupIds ?? []).join(' ') || vscode.l10n.t('default security group'),
    req.userData
      ? vscode.l10n.t('user-data {0} ({1} bytes)', userDataSource ?? '', Buffer.byteLength(req.userData))
      : vscode.l10n.t('no user-data'),
  ].join(' · ');
}

function validate(req: LaunchRequest): void {
  const problem = req.userData ? userDataError(req.userData) : undefined;
  if (problem) {
    throw new UserError(problem);
  }
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > 10) {
    throw new UserError(vscode.l10n.t('The number of instances must be from 1 to 10 (got {0}).', String(req.count)));
  }
  if (!/^ami-[0-9a-f]{8,17}$/.test(req.imageId)) {
    throw new UserError(vscode.l10n.t('"{0}" is not an AMI id (ami- followed by 8 or 17 hex digits).', req.imageId));
  }
  if (!/^subnet-[0-9a-f]+$/.test(req.subnetId ?? '')) {
    throw new UserError(vscode.l10n.t('"{0}" is not a subnet id.', req.subnetId ?? ''));
  }
}

/** Follows pending to running in a cancellable notification, then offers what to do next. */
async function followLaunch(wb: Workbench, region: string, name: string, instanceIds: string[]): Promise<void> {
  const session = wb.sessions.session;
  try {
    await ui.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('{0}: pending, waiting until running…', name),
        cancellable: true,
      },
      async (_p, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        await waitUntilRunning(session, region, instanceIds, abort.signal);
      },
    );
  } catch (error) {
    if ((error as Error).name !== 'AbortError') {
      wb.log.warn(`Waiting for ${instanceIds.join(', ')}: ${describeError(error)}`, error);
    }
    return;
  }
  wb.explorer.refresh(region);
  const [first] = await listInstances(session, region, instanceIds).catch((error: unknown) => {
    wb.log.warn(`Describing ${instanceIds.join(', ')} after launch: ${describeError(error)}`, error);
    return [];
  });
  const dns = first?.publicDnsName ?? first?.publicIp;
  // Short labels: a notification cuts longer buttons ("Connect with R…").
  const connect = vscode.l10n.t({ message: 'Remote-SSH', comment: ['Button: open a Remote-SSH window on the instance'] });
  const terminal = vscode.l10n.t({ message: 'Terminal', comment: ['Button: open an SSH terminal on the instance'] });
  const copy = vscode.l10n.t({ message: 'Copy DNS', comment: ['Button: copy the public DNS name'] });
  const output = vscode.l10n.t({ message: 'Console Output', comment: ['Button: show the instance console output'] });
  const target = { region, instanceId: instanceIds[0] };
  const choice = await ui.showInformationMessage(
    dns ? vscode.l10n.t('{0} is running at {1}', name, dns) : vscode.l10n.t('{0} is running (no public address)', name),
    ...(dns ? [connect, terminal, copy] : []),
    output,
  );
  if (choice === connect) {
    await runForUser('ec2Workbench.connectRemoteSsh', target);
  } else if (choice === terminal) {
    await runForUser('ec2Workbench.openSshTerminal', target);
  } else if (choice === copy && dns) {
    await vscode.env.clipboard.writeText(dns);
  } else if (choice === output) {
    await runForUser('ec2Workbench.showConsoleOutput', target);
  }
}
