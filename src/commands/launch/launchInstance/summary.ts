// The launch's last step: each answer on its own row (nothing cut), the price, the closed-group
// fix, and the CLI lines, all from the request that will be sent (launchRequest in context.ts).
import * as vscode from 'vscode';
import { cliLine } from '../../../core/aws/session/cliTranscript';
import { labGroupName, labSecurityGroupCalls, runInstancesCli } from '../../../core/aws/ec2/launch';
import { instanceNames } from '../../../core/aws/ec2/names';
import { type SummaryLine, type SummaryStep } from '../../../shared/wizard';
import { type Workbench } from '../../../workbench';
import { autoStopCli, describeAutoStop } from '../autoStopStep';
import { type LaunchContext, launchRequest } from './context';

/** The summary step of the launch wizard. */
export function launchSummary(wb: Workbench, profile: string): SummaryStep<LaunchContext> {
  return {
    action: vscode.l10n.t('$(rocket) Launch'),
    describe: (c) => describeLaunch(c),
    lines: (c) => launchLines(c),
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
  };
}

/** The placeholder: short enough for the box (the rows below hold every answer). */
export function describeLaunch(c: LaunchContext): string {
  const req = launchRequest(c);
  return vscode.l10n.t('Check the answers, then launch {0} × {1} in {2}', req.count, req.instanceType, req.region);
}

/** Each answer on its own row; what could be long (an image's name, a file's path, many names) on the row's second line. */
export function launchLines(c: LaunchContext): SummaryLine[] {
  const req = launchRequest(c);
  const names = instanceNames(req.name, req.count);
  const image = c.imageFacts;
  const lines: SummaryLine[] = [
    names.length > 3
      ? { label: vscode.l10n.t('Names'), value: vscode.l10n.t('{0} instances', names.length), detail: names.join(', ') }
      : { label: names.length > 1 ? vscode.l10n.t('Names') : vscode.l10n.t('Name'), value: names.join(', ') },
    { label: vscode.l10n.t('Region'), value: req.region },
    { label: vscode.l10n.t('Instance type'), value: `${req.count} × ${req.instanceType}` },
    {
      label: vscode.l10n.t('Image'),
      // The owner and date beside the id; the name (up to 128 characters) alone on the second line.
      value: [req.imageId, image?.name && vscode.l10n.t('by {0}', image.publisher ?? '?'), image?.created?.slice(0, 10)]
        .filter(Boolean)
        .join(' · '),
      detail: image?.name,
    },
    { label: vscode.l10n.t('Key pair'), value: req.keyName ?? vscode.l10n.t('none (EC2 Instance Connect only)') },
    { label: vscode.l10n.t('Subnet'), value: req.subnetId ?? '' },
    c.createSecurityGroup
      ? {
          label: vscode.l10n.t('Security group'),
          value: vscode.l10n.t('a new one: {0}', (c.newGroupName ??= labGroupName())),
          detail: vscode.l10n.t('SSH from my address, HTTP from everyone'),
        }
      : {
          label: vscode.l10n.t('Security group'),
          value: req.securityGroupIds.join(' ') || vscode.l10n.t('the VPC default group'),
          detail: c.closedGroup ? vscode.l10n.t('{0}: no inbound rule lets SSH or HTTP in', c.closedGroup) : undefined,
        },
    req.userData
      ? {
          label: vscode.l10n.t('User-data'),
          value: vscode.l10n.t('{0} bytes', Buffer.byteLength(req.userData)),
          detail: c.userDataSource,
        }
      : { label: vscode.l10n.t('User-data'), value: vscode.l10n.t('none') },
    { label: vscode.l10n.t('Stop when idle'), value: describeAutoStop(c.autoStop) },
  ];
  return lines;
}

/**
 * The summary's CLI lines, from the same builders as the calls: the new group's two calls first
 * (its name fixed now, so the one created is the one named; its id and your address are not known
 * before it is made), then run-instances with every parameter sent, the new group's id included.
 */
export function launchCli(c: LaunchContext, profile: string): string {
  const req = launchRequest(c);
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
