import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { UserError } from '../../core/aws/session/errors';
import { type CostKind } from '../../core/aws/pricing/regionCosts';
import { type Price } from '../../core/aws/pricing/pricing';
import { perDayText, perHourText, usageNote } from '../../costs/money';
import { readSettings } from '../../shared/settings';
import { type Workbench } from '../../workbench';
import { commandInput } from '../commandInput';
import { alarmsPerHourUsd, FREE_ALARMS, hoursSince } from '../../core/aws/pricing/costSoFar';
import { alarmNameOf } from '../../core/aws/cloudwatch/autoStop';

export interface EstimateCostArgs {
  regions?: string[];
}

export interface CostEstimate {
  /** The sum of the items, in USD per hour (on demand). */
  perHourUsd: number;
  /** `perLcuHourUsd`: an application load balancer's price per LCU-hour, billed by use on top of `perHourUsd`. */
  items: Array<{
    region: string;
    kind: CostKind | 'alarm';
    id: string;
    perHourUsd: number;
    sinceStartUsd?: number;
    runningHours?: number;
    perLcuHourUsd?: number;
  }>;
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Floating-point sums of prices such as 0.0116 are rounded to a millionth of a cent. */
const round = (n: number) => Math.round(n * 1e8) / 1e8;

function kindLabel(kind: CostKind | 'alarm'): string {
  switch (kind) {
    case 'instance':
      return vscode.l10n.t('instance');
    case 'volume':
      return vscode.l10n.t('volume');
    case 'loadBalancer':
      return vscode.l10n.t('load balancer');
    case 'elasticIp':
      return vscode.l10n.t('Elastic IP');
    case 'publicIpv4':
      return vscode.l10n.t('public IPv4 address');
    case 'alarm':
      return vscode.l10n.t('CloudWatch alarm beyond the 10 free ones');
  }
}

/**
 * Issue #31: EC2 Workbench's stop-when-idle alarms beyond the account's 10 free ones (counting
 * ours only: other alarms of the account are not asked for), at CloudWatch's list price.
 */
function alarmItems(wb: Workbench, regions: readonly string[]) {
  const alarmed = regions.flatMap((region) => wb.costs.autoStopInstances(region).map((id) => ({ region, id })));
  const perHour = alarmsPerHourUsd(FREE_ALARMS + 1);
  return alarmed
    .slice(FREE_ALARMS)
    .map((a) => ({ region: a.region, kind: 'alarm' as const, id: alarmNameOf(a.id), perHour, currency: 'USD' }));
}

/** Issue #31: a running instance's hours since its last start and their on-demand estimate. */
function sinceStart(wb: Workbench, i: { region: string; kind: CostKind | 'alarm'; id: string; perHour: number }) {
  const started = i.kind === 'instance' ? wb.costs.lastStart(i.region, i.id) : undefined;
  if (!started) return {};
  const runningHours = hoursSince(started);
  return { runningHours: Math.round(runningHours * 1e4) / 1e4, sinceStartUsd: round(i.perHour * runningHours) };
}

/**
 * What the resources of the given regions (else the regions the view shows) cost per hour, on
 * demand, at AWS's list prices. From the palette or the status bar: the same figures in a list.
 */
export async function estimateCostCommand(wb: Workbench, arg?: unknown): Promise<CostEstimate> {
  const { args, interactive } = commandInput<EstimateCostArgs>(arg, { fields: { regions: 'string[]' } });
  const bad = args.regions?.find((r) => !REGION_NAME.test(r));
  if (bad !== undefined) {
    throw new UserError(vscode.l10n.t('"{0}" is not a region code such as eu-west-3.', bad));
  }
  const session = wb.sessions.session;
  let regions = args.regions;
  if (!regions) {
    const shown = readSettings().regions;
    regions = (await session.listRegions()).filter((r) => shown.length === 0 || shown.includes(r));
  }
  const estimates = await ui.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading prices…') }, () =>
    wb.costs.estimate(regions),
  );
  const all: Array<{ region: string; kind: CostKind | 'alarm'; id: string; perHour: number; currency: string; usagePrice?: Price }> = [
    ...estimates.flatMap((e) => e.items),
    ...alarmItems(wb, regions),
  ];
  const usd = all.filter((i) => i.currency === 'USD');
  const result: CostEstimate = {
    perHourUsd: round(usd.reduce((s, i) => s + i.perHour, 0)),
    items: usd.map((i) => ({
      region: i.region,
      kind: i.kind,
      id: i.id,
      perHourUsd: round(i.perHour),
      ...sinceStart(wb, i),
      ...(i.usagePrice?.currency === 'USD' ? { perLcuHourUsd: i.usagePrice.perUnit } : {}),
    })),
  };
  if (interactive) {
    const currency = all[0]?.currency ?? 'USD';
    const total = all.filter((i) => i.currency === currency).reduce((s, i) => s + i.perHour, 0);
    const sorted = [...all].sort((a, b) => b.perHour - a.perHour);
    await vscode.window.showQuickPick(
      sorted.map((i) => ({
        label: i.id,
        description: `${kindLabel(i.kind)} · ${i.region}`,
        detail: [
          perHourText(i.perHour, i.currency),
          perDayText(i.perHour, i.currency),
          ...(i.usagePrice ? [usageNote(i.usagePrice)] : []),
        ].join(' · '),
      })),
      {
        title: vscode.l10n.t('On-demand estimate: {0}, {1}', perHourText(total, currency), perDayText(total, currency)),
        placeHolder: all.length
          ? vscode.l10n.t('What costs by the hour, most expensive first (AWS list prices, without taxes or data transfer)')
          : vscode.l10n.t('Nothing that costs by the hour in these regions'),
        matchOnDescription: true,
      },
    );
  }
  return result;
}
