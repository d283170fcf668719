// Stop when idle: one CloudWatch alarm per instance on AWS/EC2 CPUUtilization for its InstanceId,
// whose action is AWS's built-in EC2 stop action (arn:aws:automate:<region>:ec2:stop, which needs
// no IAM role). The alarm is named and tagged so EC2 Workbench knows its own; the instance gets a
// tag that says it has one, so the tree shows it without asking CloudWatch.
import * as l10n from '@vscode/l10n';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { type AwsSession } from '../session/awsSession';
import { cliLine } from '../session/cliTranscript';
import { UserError } from '../session/errors';
import { loadSdk } from '../sdk/loadSdk';
import { MANAGED_TAG } from '../session/tags';

/** The CPUUtilization period with basic monitoring (seconds): idle minutes are a multiple of it. */
export const PERIOD_SECONDS = 300;
export const MIN_IDLE_MINUTES = 5;
/** CloudWatch allows at most one day for period × evaluation periods. */
export const MAX_IDLE_MINUTES = 1440;
export const DEFAULT_IDLE_MINUTES = 60;
export const DEFAULT_CPU_PERCENT = 5;

/** Alarms EC2 Workbench made start with this, then the instance id. */
export const ALARM_PREFIX = 'ec2-workbench-idle-';
/** Tag of the alarm naming its instance. */
export const ALARM_INSTANCE_TAG = 'ec2-workbench:instance';
/** Tag of the instance: "60/5" (idle minutes / CPU percent) while it has an alarm. */
export const INSTANCE_AUTO_STOP_TAG = 'ec2-workbench:auto-stop';

export interface AutoStop {
  readonly idleMinutes: number;
  /** Below this average CPU (percent) a period counts as idle; DEFAULT_CPU_PERCENT when absent. */
  readonly cpuPercent?: number;
}

/** waiting: INSUFFICIENT_DATA; ok: OK (busy, or stopped); stopping: ALARM (idle long enough, the stop action ran). */
export type AutoStopState = 'waiting' | 'ok' | 'stopping';

export interface AutoStopAlarm {
  readonly alarmName: string;
  readonly instanceId: string;
  readonly idleMinutes: number;
  readonly cpuPercent: number;
  readonly state: AutoStopState;
}

export const alarmNameOf = (instanceId: string) => `${ALARM_PREFIX}${instanceId}`;
export const stopActionArn = (region: string) => `arn:aws:automate:${region}:ec2:stop`;

/** Why these settings are refused (a sentence), or undefined when they are fine. Checked before any call. */
export function autoStopProblem(s: { idleMinutes?: unknown; cpuPercent?: unknown }): string | undefined {
  const m = s.idleMinutes;
  if (typeof m !== 'number' || !Number.isInteger(m) || m < MIN_IDLE_MINUTES || m > MAX_IDLE_MINUTES || m % (PERIOD_SECONDS / 60) !== 0) {
    return l10n.t(
      'The idle time must be a multiple of 5 minutes from {0} to {1} (CPU is measured every 5 minutes); got {2}.',
      MIN_IDLE_MINUTES,
      MAX_IDLE_MINUTES,
      String(m),
    );
  }
  const c = s.cpuPercent;
  if (c !== undefined && (typeof c !== 'number' || !Number.isFinite(c) || c <= 0 || c >= 100)) {
    return l10n.t('The CPU threshold must be a percentage above 0 and below 100; got {0}.', String(c));
  }
  return undefined;
}

/** The PutMetricAlarm request: the one builder for the call, the summary and the CLI line. */
export function putAlarmInput(region: string, instanceId: string, s: AutoStop) {
  const cpu = s.cpuPercent ?? DEFAULT_CPU_PERCENT;
  const periods = s.idleMinutes / (PERIOD_SECONDS / 60);
  return {
    AlarmName: alarmNameOf(instanceId),
    AlarmDescription: `Stops ${instanceId} after ${s.idleMinutes} minutes below ${cpu}% CPU (EC2 Workbench).`,
    ActionsEnabled: true,
    AlarmActions: [stopActionArn(region)],
    Namespace: 'AWS/EC2',
    MetricName: 'CPUUtilization',
    Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
    Statistic: 'Average' as const,
    Period: PERIOD_SECONDS,
    EvaluationPeriods: periods,
    DatapointsToAlarm: periods,
    Threshold: cpu,
    ComparisonOperator: 'LessThanThreshold' as const,
    // A stopped instance sends no data: that counts as "not idle", so the alarm returns to OK and
    // fires again the next time the instance is started and left idle.
    TreatMissingData: 'notBreaching',
    Tags: [{ ...MANAGED_TAG }, { Key: ALARM_INSTANCE_TAG, Value: instanceId }],
  };
}

/** `aws cloudwatch put-metric-alarm ...`, from the same builder as the request. */
export function putAlarmCli(region: string, instanceId: string, s: AutoStop, profile?: string): string {
  return cliLine(
    { service: 'cloudwatch', region, commandName: 'PutMetricAlarmCommand', input: putAlarmInput(region, instanceId, s) },
    { profile },
  );
}

/** The missing permission when `error` is a denial ("cloudwatch:PutMetricAlarm"), else undefined. */
export function deniedPermission(error: unknown, action: string): string | undefined {
  const e = error as { name?: string; message?: string } | undefined;
  const named = /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z]+)/i.exec(e?.message ?? '')?.[1];
  if (named) return named;
  return ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'].includes(e?.name ?? '') ? action : undefined;
}

/** The one sentence of a denial: which instances run without auto-stop, and the permission to ask for. */
export function autoStopDenied(profile: string, region: string, instanceIds: readonly string[], permission: string): string {
  return l10n.t(
    '{0} runs without auto-stop: the profile "{1}" may not create CloudWatch alarms in {2}. Ask for the {3} permission.',
    instanceIds.join(', '),
    profile,
    region,
    permission,
  );
}

/**
 * Makes (or changes) the instance's alarm, then tags the instance. Resolves to the alarm's name.
 * A denial becomes one sentence naming the permission.
 */
export async function putAutoStop(session: AwsSession, region: string, instanceId: string, s: AutoStop): Promise<string> {
  const problem = autoStopProblem(s);
  if (problem) throw new UserError(problem);
  const [sdk, cw] = await Promise.all([loadSdk(), session.cloudwatch(region)]);
  const input = putAlarmInput(region, instanceId, s);
  try {
    await cw.send(new sdk.PutMetricAlarmCommand(input));
  } catch (error) {
    const permission = deniedPermission(error, 'cloudwatch:PutMetricAlarm');
    if (permission) {
      throw new UserError(autoStopDenied(session.profileName, region, [instanceId], permission), { cause: error });
    }
    throw error;
  }
  // The tag only lets the tree show the alarm without asking CloudWatch: the alarm works without it.
  await tagInstance(session, region, instanceId, `${s.idleMinutes}/${input.Threshold}`).catch(() => undefined);
  return input.AlarmName;
}

/** Deletes the alarms of these instances (those that exist) and their instance tag. Resolves to the names deleted. */
export async function removeAutoStop(session: AwsSession, region: string, instanceIds: readonly string[], untag = true): Promise<string[]> {
  if (!instanceIds.length) return [];
  const [sdk, cw] = await Promise.all([loadSdk(), session.cloudwatch(region)]);
  const names = instanceIds.map(alarmNameOf);
  const existing: string[] = [];
  // DescribeAlarms and DeleteAlarms take at most 100 names.
  for (let i = 0; i < names.length; i += 100) {
    const out = await cw.send(new sdk.DescribeAlarmsCommand({ AlarmNames: names.slice(i, i + 100), AlarmTypes: ['MetricAlarm'] }));
    existing.push(...(out.MetricAlarms ?? []).map((a) => a.AlarmName ?? '').filter(Boolean));
  }
  for (let i = 0; i < existing.length; i += 100) {
    await cw.send(new sdk.DeleteAlarmsCommand({ AlarmNames: existing.slice(i, i + 100) }));
  }
  if (untag) {
    await tagInstance(session, region, [...instanceIds], undefined).catch(() => undefined); // Terminated instances lose tags anyway.
  }
  return existing;
}

/** EC2 Workbench's alarms of the region (all, or those of `instanceIds`). */
export async function listAutoStops(session: AwsSession, region: string, instanceIds?: readonly string[]): Promise<AutoStopAlarm[]> {
  const [sdk, cw] = await Promise.all([loadSdk(), session.cloudwatch(region)]);
  const alarms: MetricAlarm[] = [];
  if (instanceIds) {
    for (let i = 0; i < instanceIds.length; i += 100) {
      const out = await cw.send(
        new sdk.DescribeAlarmsCommand({ AlarmNames: instanceIds.slice(i, i + 100).map(alarmNameOf), AlarmTypes: ['MetricAlarm'] }),
      );
      alarms.push(...(out.MetricAlarms ?? []));
    }
  } else {
    for await (const page of sdk.paginateDescribeAlarms({ client: cw }, { AlarmNamePrefix: ALARM_PREFIX, AlarmTypes: ['MetricAlarm'] })) {
      alarms.push(...(page.MetricAlarms ?? []));
    }
  }
  return alarms.map(toAutoStopAlarm).filter((a): a is AutoStopAlarm => !!a);
}

function toAutoStopAlarm(a: MetricAlarm): AutoStopAlarm | undefined {
  const instanceId = a.Dimensions?.find((d) => d.Name === 'InstanceId')?.Value;
  if (!a.AlarmName?.startsWith(ALARM_PREFIX) || !instanceId) return undefined;
  const state: AutoStopState = a.StateValue === 'ALARM' ? 'stopping' : a.StateValue === 'OK' ? 'ok' : 'waiting';
  return {
    alarmName: a.AlarmName,
    instanceId,
    idleMinutes: ((a.Period ?? PERIOD_SECONDS) * (a.EvaluationPeriods ?? 0)) / 60,
    cpuPercent: a.Threshold ?? DEFAULT_CPU_PERCENT,
    state,
  };
}

/** "60/5" from the instance's tag, or undefined. */
export function autoStopFromTag(tags: Readonly<Record<string, string>>): { idleMinutes: number; cpuPercent: number } | undefined {
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(tags[INSTANCE_AUTO_STOP_TAG] ?? '');
  return m ? { idleMinutes: Number(m[1]), cpuPercent: Number(m[2]) } : undefined;
}

async function tagInstance(session: AwsSession, region: string, instanceIds: string | string[], value: string | undefined): Promise<void> {
  const [sdk, ec2] = await Promise.all([loadSdk(), session.ec2(region)]);
  const Resources = Array.isArray(instanceIds) ? instanceIds : [instanceIds];
  if (value === undefined) {
    await ec2.send(new sdk.DeleteTagsCommand({ Resources, Tags: [{ Key: INSTANCE_AUTO_STOP_TAG }] }));
  } else {
    await ec2.send(new sdk.CreateTagsCommand({ Resources, Tags: [{ Key: INSTANCE_AUTO_STOP_TAG, Value: value }] }));
  }
}
