import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import {
  type AutoStop,
  autoStopFromTag,
  autoStopProblem,
  DEFAULT_CPU_PERCENT,
  putAlarmCli,
  putAutoStop,
  removeAutoStop,
} from '../../core/aws/cloudwatch/autoStop';
import { CancelledError, UserError } from '../../core/aws/session/errors';
import { listInstances } from '../../core/aws/ec2/instances';
import { BACK } from '../../shared/prompter';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../commandInput';
import { askAutoStop } from '../launch/autoStopStep';
import { orAsk, pickInstance } from '../askOrUse';

export interface SetAutoStopArgs {
  region: string;
  instanceId: string;
  idleMinutes?: number;
  cpuPercent?: number;
  off?: boolean;
}

/**
 * Stop When Idle...: makes, changes or removes the instance's CloudWatch alarm. From the menu it asks
 * (the current setting preselected); an argument object says it all: `{ region, instanceId, idleMinutes }`
 * or `{ region, instanceId, off: true }`.
 */
export async function setAutoStopCommand(wb: Workbench, arg?: unknown): Promise<{ alarmName?: string }> {
  const { args, interactive } = commandInput<SetAutoStopArgs>(arg, {
    fields: { region: 'string', instanceId: 'string', idleMinutes: 'number', cpuPercent: 'number', off: 'boolean' },
    conflicts: [
      ['off', 'idleMinutes'],
      ['off', 'cpuPercent'],
    ],
    fromNode: regionAnd('instanceId'),
  });
  const title = vscode.l10n.t('Stop When Idle');
  const target =
    args.region && args.instanceId
      ? { region: requireString(args.region, 'region'), instanceId: requireString(args.instanceId, 'instanceId') }
      : await orAsk(undefined, () => pickInstance(wb, title, ['pending', 'running', 'stopping', 'stopped']));
  if (!/^i-[0-9a-f]{8,17}$/.test(target.instanceId)) {
    throw new UserError(vscode.l10n.t('"{0}" is not an instance id (i- followed by 8 or 17 hex digits).', target.instanceId));
  }
  let choice: AutoStop | false;
  if (args.off) {
    choice = false;
  } else if (args.idleMinutes !== undefined) {
    choice = { idleMinutes: args.idleMinutes, cpuPercent: args.cpuPercent };
  } else if (!interactive) {
    throw new UserError(vscode.l10n.t('The argument object needs "idleMinutes" (a multiple of 5 from 5 to 1440) or "off": true.'));
  } else {
    const session = wb.sessions.session;
    const [instance] = await listInstances(session, target.region, [target.instanceId]);
    const current = instance ? autoStopFromTag(instance.tags) : undefined;
    const v = await askAutoStop(
      wb.prompter,
      { title: `${title}: ${instance?.name ?? target.instanceId}`, step: 1, totalSteps: 1 },
      current ?? (args.cpuPercent !== undefined ? { idleMinutes: 60, cpuPercent: args.cpuPercent } : undefined),
      current
        ? vscode.l10n.t('$(circle-slash) Turn off (delete the alarm)')
        : vscode.l10n.t('$(circle-slash) Do not stop it automatically'),
    );
    if (v === BACK) throw new CancelledError();
    if (v === false && !current) return {};
    choice = v;
  }
  const session = wb.sessions.session;
  if (choice === false) {
    const removed = await removeAutoStop(session, target.region, [target.instanceId]);
    wb.log.info(`Auto-stop of ${target.instanceId} off: ${removed.join(', ') || 'no alarm'} deleted.`);
    wb.explorer.refresh(target.region);
    if (interactive) {
      void ui.showInformationMessage(vscode.l10n.t('{0} no longer stops when idle.', target.instanceId));
    }
    return {};
  }
  const problem = autoStopProblem(choice);
  if (problem) throw new UserError(problem);
  const alarmName = await putAutoStop(session, target.region, target.instanceId, choice);
  wb.log.info(
    `Auto-stop of ${target.instanceId}. CLI equivalent: ${putAlarmCli(target.region, target.instanceId, choice, session.profileName)}`,
  );
  wb.explorer.refresh(target.region);
  if (interactive) {
    void ui.showInformationMessage(
      vscode.l10n.t(
        '{0} will stop after {1} minutes below {2}% CPU (CloudWatch alarm {3}).',
        target.instanceId,
        choice.idleMinutes,
        choice.cpuPercent ?? DEFAULT_CPU_PERCENT,
        alarmName,
      ),
    );
  }
  return { alarmName };
}
