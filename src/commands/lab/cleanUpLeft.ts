// After Clean Up: what still costs in the regions it looked at, and why it is still there (issue
// #27). Clean Up deletes only what EC2 Workbench made (its tag): the rest of the total is either
// what the user unticked, what failed, or resources it did not create (a sandbox's seeded ones, a
// classmate's, the console's). One sentence says which, with their names and their price per hour.
import * as vscode from 'vscode';
import { type CleanUpItem } from '../../core/aws/ec2/labResources';
import { type CostItem } from '../../core/aws/pricing/regionCosts';
import { perHourText } from '../../costs/money';
import { type Workbench } from '../../workbench';

/** How long the sentence waits for the new prices before the clean-up's message goes without it. */
const LEFT_WAIT_MS = 8_000;

export interface LeftResource {
  readonly region: string;
  readonly id: string;
  readonly name: string;
  readonly perHourUsd: number;
  /** `kept`: unticked in the review or failed to delete; `notOurs`: EC2 Workbench did not create it. */
  readonly reason: 'kept' | 'notOurs';
}

/**
 * What still costs in `regions` once the clean-up is done, one entry per resource (an instance
 * with its public address and attached volumes), from the same estimate as the tree's total.
 */
export async function whatCleanUpLeft(
  wb: Workbench,
  regions: readonly string[],
  found: readonly CleanUpItem[],
  deleted: readonly string[],
): Promise<{ left: LeftResource[]; currency: string } | undefined> {
  const gone = new Set(deleted);
  // Ours but not deleted: unticked in the review, or failed. Matched by id, name (a load balancer's) or ARN.
  const kept = new Set(found.filter((i) => !gone.has(i.id)).flatMap((i) => [i.id, i.label, i.id.split('/')[2] ?? i.id]));
  const estimates = await Promise.race([
    wb.costs.estimate(regions).catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LEFT_WAIT_MS)),
  ]);
  if (!estimates) return undefined;
  const left: LeftResource[] = [];
  for (const estimate of estimates) {
    const names = await namesIn(wb, estimate.region);
    const byOwner = new Map<string, CostItem[]>();
    for (const item of estimate.items.filter((i) => !gone.has(i.id))) {
      // A public address or an attached volume is part of its instance's cost.
      const owner = item.kind === 'instance' || item.kind === 'loadBalancer' ? item.id : (item.attachedTo ?? item.id);
      if (gone.has(owner)) continue;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), item]);
    }
    for (const [id, items] of byOwner) {
      const perHourUsd = items.reduce((s, i) => s + i.perHour, 0);
      if (perHourUsd > 0) {
        left.push({ region: estimate.region, id, name: names.get(id) ?? id, perHourUsd, reason: kept.has(id) ? 'kept' : 'notOurs' });
      }
    }
  }
  return { left, currency: estimates[0]?.currency ?? 'USD' };
}

/** The sentence for the clean-up's message: what still costs, and why (none when nothing does). */
export function leftSentence(result: { left: readonly LeftResource[]; currency: string } | undefined): string | undefined {
  if (!result?.left.length) return undefined;
  const part = (reason: LeftResource['reason']) => {
    const list = result.left.filter((l) => l.reason === reason);
    return list.length ? { names: list.map((l) => l.name).join(', '), perHour: list.reduce((s, l) => s + l.perHourUsd, 0) } : undefined;
  };
  const notOurs = part('notOurs');
  const kept = part('kept');
  return [
    notOurs &&
      vscode.l10n.t(
        'Still billed: about {0} for {1}, which EC2 Workbench did not create (it deletes only what it made; delete them from the tree if they are yours).',
        perHourText(notOurs.perHour, result.currency),
        notOurs.names,
      ),
    kept && vscode.l10n.t('Still billed: about {0} for {1}, kept.', perHourText(kept.perHour, result.currency), kept.names),
  ]
    .filter(Boolean)
    .join(' ');
}

/** The Name tags (instances) and names (load balancers) of a region as the tree has them. */
async function namesIn(wb: Workbench, region: string): Promise<Map<string, string>> {
  const node = wb.explorer.regionNode(region);
  const names = new Map<string, string>();
  if (!node) return names;
  const [instances, balancers] = await Promise.all([
    node.data.get('instances').catch(() => []),
    node.data.get('loadBalancers').catch(() => []),
  ]);
  for (const i of instances) names.set(i.id, i.name ? `${i.name} (${i.id})` : i.id);
  for (const b of balancers) names.set(b.name, b.name);
  return names;
}

/** The regions whose total the user sees (status bar) among those cleaned, and those with something deleted. */
export function regionsToReport(wb: Workbench, scanned: readonly string[], found: readonly CleanUpItem[]): string[] {
  return scanned.filter((r) => !!wb.costs.regionEstimate(r) || found.some((i) => i.region === r));
}
