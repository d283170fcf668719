import * as vscode from 'vscode';
import * as ui from '../../../shared/ui';
import { describeError, UserError } from '../../../core/aws/session/errors';
import { listInstances, waitUntilRunning } from '../../../core/aws/ec2/instances';
import { cliLine } from '../../../core/aws/session/cliTranscript';
import { createLabSecurityGroup, type LaunchRequest, launchInstances, nameTagCalls, runInstancesCli } from '../../../core/aws/ec2/launch';
import { listSubnets } from '../../../core/aws/ec2/network';
import { readSettings } from '../../../shared/settings';
import { lookUpPublicAddress } from '../../../core/ssh/sshAccess';
import { userDataError, userDataWarning } from '../../../core/userData/userData';
import { type Workbench } from '../../../workbench';
import { commandInput } from '../../commandInput';
import { advise } from '../../askOrUse';
import { runForUser } from '../../runCommand';
import { type LaunchContext, launchRequest } from './context';
import { runLaunchWizard, savedUntitledCopy } from './steps';
import { launchSummary } from './summary';
import { recordLaunch } from '../../../core/aws/ec2/labInstances';
import { applyAutoStopAfterLaunch, autoStopDefault, takeAutoStopArg } from '../autoStopStep';

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
    const document = await vscode.workspace.openTextDocument(uri);
    ctx.userData = document.getText();
    // An unsaved tab (Launch with This User-Data): a file the CLI line can name, not "file://Untitled-1".
    ctx.userDataSource = uri.scheme === 'untitled' ? await savedUntitledCopy(wb, document, ctx.userData) : uri.fsPath;
  }
  const profile = wb.sessions.session.profileName;
  const complete = REQUIRED.every((k) => ctx[k] !== undefined);
  if (!interactive && complete) {
    ctx.count ??= 1;
    ctx.userData ??= '';
    ctx.securityGroupIds ??= [];
    ctx.autoStop ??= autoStopDefault();
  } else {
    await runLaunchWizard(wb, ctx, launchSummary(wb, profile));
  }
  const req = launchRequest(ctx);
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
