import * as vscode from 'vscode';
import { autoStopFromTag } from '../core/aws/cloudwatch/autoStop';
import { describeError } from '../core/aws/session/errors';
import { type Ec2Instance, TRANSITIONAL_STATES } from '../core/aws/ec2/instances';
import { type InstanceSummary } from '../core/listing/instanceSummary';
import { type ExplorerNode } from './explorerNode';
import { type RegionData } from './regionData';
import { type ResourceNode, resourceItem } from './resourceNode';
import { stateLabel, stateWithAwsWord } from '../shared/stateLabel';
import { appendField, fieldsTooltip } from './tooltip';
import { VolumeNode } from './volumeNode';

export function instanceIcon(state: string): vscode.ThemeIcon {
  if (state === 'running') {
    return new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('testing.iconPassed'));
  }
  if (TRANSITIONAL_STATES.has(state)) {
    return new vscode.ThemeIcon('loading~spin');
  }
  if (state === 'terminated') {
    return new vscode.ThemeIcon('vm', new vscode.ThemeColor('disabledForeground'));
  }
  return new vscode.ThemeIcon('vm-outline');
}

/** "idle stop 60 min" when the instance has an alarm (known from its tag: no call). */
function autoStopBadge(i: InstanceSummary): string | undefined {
  const stop = i.state === 'terminated' ? undefined : autoStopFromTag(i.tags);
  return stop ? vscode.l10n.t('stops idle {0} min', stop.idleMinutes) : undefined;
}

export class InstanceNode implements ResourceNode {
  readonly kind = 'instance';
  readonly id: string;
  readonly region: string;
  readonly resourceId: string;
  readonly publicDnsName?: string;
  readonly publicIp?: string;
  readonly arn?: string;
  /** The full record, loaded from the listing worker on hover (prepareTooltip) and kept while the row lives. */
  private details: Ec2Instance | undefined;

  constructor(
    /** What the row shows; the full record stays in the listing worker (details). */
    readonly instance: InstanceSummary,
    private readonly data: RegionData,
  ) {
    this.region = instance.region;
    this.resourceId = instance.id;
    this.id = `${instance.region}/instance/${instance.id}`;
    this.publicDnsName = instance.publicDnsName;
    this.publicIp = instance.publicIp;
    this.arn = instance.ownerId ? `arn:aws:ec2:${instance.region}:${instance.ownerId}:instance/${instance.id}` : undefined;
  }

  treeItem(): vscode.TreeItem {
    const i = this.instance;
    return resourceItem(this, i.name ?? i.id, {
      description: [stateLabel(i.state), i.publicIp, autoStopBadge(i)].filter(Boolean).join(' · '),
      icon: instanceIcon(i.state),
      contextValue: `instance.${i.state}${i.publicDnsName || i.publicIp ? '.public' : ''}`,
      collapsible: i.volumes.length > 0,
    });
  }

  async prepareTooltip(): Promise<void> {
    this.details ??= await this.data.instanceDetails(this.instance.id).catch(() => undefined);
  }

  /** Built from the full record once prepareTooltip loaded it; from the row's data otherwise. */
  tooltip(): vscode.MarkdownString {
    const s = this.instance;
    const i: Partial<Ec2Instance> & InstanceSummary = this.details ?? s;
    return fieldsTooltip(i.name ? `${i.name} (${i.id})` : i.id, [
      [vscode.l10n.t('State'), stateWithAwsWord(i.state)],
      [vscode.l10n.t('Type'), i.type],
      [vscode.l10n.t('Availability zone'), i.availabilityZone],
      [vscode.l10n.t('AMI'), i.imageId],
      [vscode.l10n.t('Key pair'), i.keyName],
      [vscode.l10n.t('Public DNS'), i.publicDnsName],
      [vscode.l10n.t('Public IP'), i.publicIp],
      [vscode.l10n.t('Private IP'), i.privateIp],
      // In the display language's format, with the time zone, not ISO: "7 déc. 2026, 20:38:59 UTC".
      [
        vscode.l10n.t('Launched'),
        i.launchTime?.toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC' }),
      ],
      [vscode.l10n.t('Security groups'), i.securityGroups?.map((g) => (g.name ? `${g.name} (${g.id})` : g.id)).join(', ')],
      [
        vscode.l10n.t('Volumes'),
        (this.details?.volumes ?? s.volumes).map((v) => `${v.volumeId} ${'device' in v ? (v.device ?? '') : ''}`.trim()).join(', '),
      ],
    ]);
  }

  /** The alarm's state (one DescribeAlarms per region, on the first hover that needs it). */
  async completeTooltip(tooltip: vscode.TreeItem['tooltip']): Promise<void> {
    const stop = autoStopFromTag(this.instance.tags);
    if (!stop || !(tooltip instanceof vscode.MarkdownString)) return;
    let state: string;
    try {
      const alarm = (await this.data.get('autoStops')).find((a) => a.instanceId === this.instance.id);
      state = alarm
        ? {
            waiting: vscode.l10n.t('waiting for data (CPU is reported every 5 minutes)'),
            ok: vscode.l10n.t('OK: not idle'),
            stopping: vscode.l10n.t('stopping: idle for {0} minutes', alarm.idleMinutes),
          }[alarm.state]
        : vscode.l10n.t('its CloudWatch alarm is gone: use Stop When Idle... to make it again');
    } catch (error) {
      state = vscode.l10n.t('alarm state unknown ({0})', describeError(error));
    }
    appendField(
      tooltip,
      vscode.l10n.t('Stops when idle'),
      vscode.l10n.t('after {0} min below {1}% CPU · {2}', stop.idleMinutes, stop.cpuPercent, state),
    ).appendMarkdown('  \n');
  }

  async children(): Promise<ExplorerNode[]> {
    const attached = new Set(this.instance.volumes.map((v) => v.volumeId));
    const volumes = await this.data.get('volumes');
    return volumes.filter((v) => attached.has(v.id)).map((v) => new VolumeNode(v, `${this.id}/`));
  }
}
