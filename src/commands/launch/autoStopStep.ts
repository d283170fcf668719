// The "stop when idle" question, its summary and CLI lines, and what runs after a launch: one
// self-contained unit shared by the launch wizard and the Stop When Idle... command.
import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import {
  type AutoStop,
  autoStopDenied,
  autoStopProblem,
  DEFAULT_CPU_PERCENT,
  DEFAULT_IDLE_MINUTES,
  deniedPermission,
  putAlarmCli,
  putAutoStop,
} from '../../core/aws/cloudwatch/autoStop';
import { describeError, isUserError, UserError } from '../../core/aws/session/errors';
import { BACK, type Back, type PickItem, type Prompter } from '../../shared/prompter';
import { SECTION } from '../../shared/settings';
import { type StepAt, type WizardStep } from '../../shared/wizard';
import { type Workbench } from '../../workbench';

/** What the launch context gains: the alarm to make, or false for none. */
export interface AutoStopContext {
  autoStop?: AutoStop | false;
}

/** The default for launches (settings ec2Workbench.autoStop.idleMinutes, 0 = off, and .cpuPercent). */
export function autoStopDefault(): AutoStop | false {
  const c = vscode.workspace.getConfiguration(SECTION);
  const idleMinutes = c.get<unknown>('autoStop.idleMinutes');
  const cpuPercent = c.get<unknown>('autoStop.cpuPercent');
  if (idleMinutes === 0) return false;
  const value = {
    idleMinutes: typeof idleMinutes === 'number' ? idleMinutes : DEFAULT_IDLE_MINUTES,
    cpuPercent: typeof cpuPercent === 'number' ? cpuPercent : DEFAULT_CPU_PERCENT,
  };
  // A setting out of range falls back to the built-in default rather than failing every launch.
  return autoStopProblem(value) ? { idleMinutes: DEFAULT_IDLE_MINUTES, cpuPercent: DEFAULT_CPU_PERCENT } : value;
}

/** "stops after 60 min below 5% CPU" or "no auto-stop", for summaries and the tree. */
export function describeAutoStop(a: AutoStop | false | undefined): string {
  return a
    ? vscode.l10n.t('stops after {0} min below {1}% CPU', a.idleMinutes, a.cpuPercent ?? DEFAULT_CPU_PERCENT)
    : vscode.l10n.t('no auto-stop');
}

/** The put-metric-alarm line (one per instance; the id is known once launched). */
export function autoStopCli(
  region: string,
  a: AutoStop | false | undefined,
  profile: string,
  instanceId = 'INSTANCE_ID',
): string | undefined {
  return a ? putAlarmCli(region, instanceId, a, profile) : undefined;
}

const OTHER = '$other';
const OFF = '$off';

/** Asks for the idle time (presets, another value, or off); `current` is preselected. */
export async function askAutoStop(
  p: Prompter,
  at: StepAt,
  current: AutoStop | false | undefined,
  offLabel = vscode.l10n.t('$(circle-slash) Do not stop it automatically'),
): Promise<AutoStop | false | Back> {
  const cpu = (current ? current.cpuPercent : undefined) ?? autoStopDefaultCpu();
  const presets = [30, 60, 120, 240];
  const base = current ? current.idleMinutes : DEFAULT_IDLE_MINUTES;
  const minutes = [...new Set([...presets, base])].sort((a, b) => a - b);
  const items: Array<PickItem<number | string>> = [
    ...minutes.map((m) => ({
      label: vscode.l10n.t('$(clock) Stop after {0} minutes below {1}% CPU', m, cpu),
      detail: m === base ? vscode.l10n.t('a CloudWatch alarm with the EC2 stop action (10 alarms free, then $0.10 a month)') : undefined,
      value: m,
    })),
    { label: vscode.l10n.t('Another idle time or CPU threshold…'), value: OTHER },
    { label: offLabel, value: OFF },
  ];
  const v = await p.pick<number | string>({
    ...at,
    placeholder: vscode.l10n.t('Stop the instance when idle (average CPU measured every 5 minutes)'),
    items,
    active: (x) => (current === false ? x === OFF : x === base),
  });
  if (v === BACK) return BACK;
  if (v === OFF) return false;
  if (typeof v === 'number') return { idleMinutes: v, cpuPercent: cpu };
  const typed = await p.input({
    ...at,
    prompt: vscode.l10n.t('Idle minutes, then the CPU threshold in percent (for example "90 10")'),
    value: `${base} ${cpu}`,
    validate: (s) => autoStopProblem(parseTyped(s)),
  });
  if (typed === BACK) return BACK;
  return parseTyped(typed);
}

function parseTyped(s: string): AutoStop {
  const [m, c] = s.trim().split(/[\s,;/]+/);
  return { idleMinutes: Number(m), cpuPercent: c === undefined ? autoStopDefaultCpu() : Number(c.replace(/%$/, '')) };
}

function autoStopDefaultCpu(): number {
  const d = autoStopDefault();
  return d ? (d.cpuPercent ?? DEFAULT_CPU_PERCENT) : DEFAULT_CPU_PERCENT;
}

/** The launch wizard's step: asked when the argument object did not say (its default comes from the setting). */
export function autoStopStep<C extends AutoStopContext>(wb: Workbench): WizardStep<C> {
  return {
    given: (c) => c.autoStop !== undefined,
    optional: true,
    ask: async (c, at) => {
      const v = await askAutoStop(wb.prompter, at, c.autoStop ?? autoStopDefault());
      if (v === BACK) return BACK;
      c.autoStop = v;
    },
  };
}

/**
 * After a launch: one alarm per instance. A failure does not undo the launch: one sentence says the
 * instances run without auto-stop and why (the missing permission when denied). Resolves to the alarm names made.
 */
export async function applyAutoStopAfterLaunch(
  wb: Workbench,
  region: string,
  instanceIds: readonly string[],
  autoStop: AutoStop | false | undefined,
): Promise<string[]> {
  if (!autoStop) return [];
  const session = wb.sessions.session;
  const names: string[] = [];
  for (const id of instanceIds) {
    try {
      names.push(await putAutoStop(session, region, id, autoStop));
      wb.log.info(`Auto-stop for ${id}. CLI equivalent: ${putAlarmCli(region, id, autoStop, session.profileName)}`);
    } catch (error) {
      const permission = deniedPermission((error as Error).cause ?? error, 'cloudwatch:PutMetricAlarm');
      const sentence = permission
        ? autoStopDenied(session.profileName, region, instanceIds.slice(names.length), permission)
        : isUserError(error)
          ? error.message
          : vscode.l10n.t(
              '{0} runs without auto-stop: its CloudWatch alarm could not be made ({1})',
              instanceIds.slice(names.length).join(', '),
              describeError(error, await session.errorContext(region)),
            );
      wb.log.warn(sentence, error);
      void ui.showWarningMessage(sentence);
      break; // Said once for all of them.
    }
  }
  return names;
}

/**
 * Takes `autoStop` out of launchInstance's argument object (it is `false` or an object, which the
 * common argument reader has no type for) and checks it before any call.
 */
export function takeAutoStopArg(arg: unknown): { rest: unknown; autoStop?: AutoStop | false } {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || !('autoStop' in arg) || 'treeItem' in arg) {
    return { rest: arg };
  }
  const { autoStop, ...rest } = arg as { autoStop: unknown };
  if (autoStop === undefined) return { rest };
  if (autoStop === false) return { rest, autoStop: false };
  const fields = typeof autoStop === 'object' && autoStop !== null && !Array.isArray(autoStop) ? Object.keys(autoStop) : undefined;
  if (!fields || fields.some((f) => f !== 'idleMinutes' && f !== 'cpuPercent')) {
    throw new UserError(vscode.l10n.t('The argument object needs "autoStop" to be false or {0}.', '{ idleMinutes, cpuPercent? }'));
  }
  const value = autoStop as AutoStop;
  const problem = autoStopProblem(value);
  if (problem) throw new UserError(problem);
  return { rest, autoStop: { idleMinutes: value.idleMinutes, cpuPercent: value.cpuPercent } };
}
