// The reminder that finds you (issue #31): when EC2 Workbench starts in a window and instances it
// launched are still running (known from the last session's state), one notification says how many,
// for how long and about how much, with Stop / Clean Up / Keep. One DescribeInstances per region
// that had some; nothing at all when the state lists none (extension.ts checks that first).
import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { hoursSince, durationText } from '../../core/aws/pricing/costSoFar';
import { keepInstances, pruneRegion, readLabInstances } from '../../core/aws/ec2/labInstances';
import { type Ec2Instance, toEc2Instance } from '../../core/aws/ec2/instances';
import { loadSdk } from '../../core/aws/sdk/loadSdk';
import { formatMoney } from '../../costs/money';
import { type Workbench } from '../../workbench';
import { commandInput } from '../commandInput';

export interface RemindArgs {
  /** Answers the notification (tests and automation): "stop", "cleanUp" or "keep". */
  answer?: 'stop' | 'cleanUp' | 'keep';
}

export interface Reminder {
  message: string;
  instanceIds: string[];
  choice?: 'stop' | 'cleanUp' | 'keep';
}

export async function remindRunningCommand(wb: Workbench, arg?: unknown): Promise<Reminder | undefined> {
  const { args } = commandInput<RemindArgs>(arg, { fields: { answer: ['stop', 'cleanUp', 'keep'] } });
  const state = wb.context.globalState;
  const session = wb.sessions.session;
  const profile = session.profileName;
  const recorded = readLabInstances(state);
  const regions = Object.entries(recorded.launched[profile] ?? {}).filter(([, ids]) => ids.length);
  if (!regions.length) return undefined;
  const sdk = await loadSdk();
  const running: Ec2Instance[] = [];
  for (const [region, ids] of regions) {
    try {
      const client = await session.ec2(region);
      // A filter, not InstanceIds: an id AWS no longer knows is no error, it is just gone.
      const out = await client.send(new sdk.DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids }] }));
      const found = (out.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => toEc2Instance(region, i, r, false)));
      await pruneRegion(state, profile, region, new Set(found.filter((i) => i.state !== 'terminated').map((i) => i.id)));
      running.push(...found.filter((i) => i.state === 'running' && recorded.kept[i.id] !== i.launchTime?.toISOString()));
    } catch (error) {
      wb.log.warn(`Start-up reminder: ${region} not checked`, error); // Says nothing rather than something wrong.
    }
  }
  if (!running.length) return undefined;
  const hours = Math.max(...running.map((i) => hoursSince(i.launchTime)));
  let cost: { amount: number; currency: string } | undefined;
  for (const i of running) {
    const price = i.type ? await wb.costs.instancePrice(i.region, i.type, i.platformDetails) : undefined;
    if (!price || (cost && cost.currency !== price.currency)) {
      cost = undefined;
      break;
    }
    cost = { amount: (cost?.amount ?? 0) + price.perHour * hoursSince(i.launchTime), currency: price.currency };
  }
  const n = running.length;
  const duration = durationText(hours);
  const about = cost ? formatMoney(cost.amount, cost.currency, vscode.env.language, true) : undefined;
  const message = about
    ? n === 1
      ? vscode.l10n.t('1 lab instance has been running for {0} (about {1}).', duration, about)
      : vscode.l10n.t('{0} lab instances have been running for {1} (about {2}).', n, duration, about)
    : n === 1
      ? vscode.l10n.t('1 lab instance has been running for {0}.', duration)
      : vscode.l10n.t('{0} lab instances have been running for {1}.', n, duration);
  const stop = vscode.l10n.t({ message: 'Stop', comment: ['Button of the start-up reminder: stop the running lab instances'] });
  const cleanUp = vscode.l10n.t({ message: 'Clean Up', comment: ['Button of the start-up reminder: open the clean-up review'] });
  const keep = vscode.l10n.t({
    message: 'Keep',
    comment: ['Button of the start-up reminder: keep them running, no reminder until restarted'],
  });
  const shown = ui.showWarningMessage(message, stop, cleanUp, keep);
  const instanceIds = running.map((i) => i.id);
  wb.lastReminder = { message, instanceIds };
  const picked = args.answer ?? ({ [stop]: 'stop', [cleanUp]: 'cleanUp', [keep]: 'keep' } as const)[(await shown) ?? ''];
  const byRegion = new Map<string, string[]>();
  for (const i of running) byRegion.set(i.region, [...(byRegion.get(i.region) ?? []), i.id]);
  if (picked === 'stop') {
    for (const [region, ids] of byRegion) {
      await vscode.commands.executeCommand('ec2Workbench.stopInstances', { region, instanceIds: ids, confirmed: true });
    }
  } else if (picked === 'cleanUp') {
    void vscode.commands.executeCommand('ec2Workbench.cleanUp', { regions: [...byRegion.keys()], interactive: true });
  } else if (picked === 'keep') {
    await keepInstances(state, Object.fromEntries(running.map((i) => [i.id, i.launchTime?.toISOString() ?? ''])));
  }
  return { message, instanceIds, choice: picked };
}
