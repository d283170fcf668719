import * as vscode from 'vscode';
import { UserError } from '../aws/errors';
import { type CostKind } from '../aws/costs';
import { perDayText, perHourText, usageNote } from '../explorer/costs';
import { readSettings } from '../shared/settings';
import { type Workbench } from '../workbench';
import { commandInput } from './args';

export interface EstimateCostArgs {
  regions?: string[];
}

export interface CostEstimate {
  /** The sum of the items, in USD per hour (on demand). */
  perHourUsd: number;
  /** `perLcuHourUsd`: an application load balancer's price per LCU-hour, billed by use on top of `perHourUsd`. */
  items: Array<{ region: string; kind: CostKind; id: string; perHourUsd: number; perLcuHourUsd?: number }>;
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Floating-point sums of prices such as 0.0116 are rounded to a millionth of a cent. */
const round = (n: number) => Math.round(n * 1e8) / 1e8;

function kindLabel(kind: CostKind): string {
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
  }
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
  const estimates = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading prices…') },
    () => wb.costs.estimate(regions),
  );
  const all = estimates.flatMap((e) => e.items);
  const usd = all.filter((i) => i.currency === 'USD');
  const result: CostEstimate = {
    perHourUsd: round(usd.reduce((s, i) => s + i.perHour, 0)),
    items: usd.map((i) => ({
      region: i.region,
      kind: i.kind,
      id: i.id,
      perHourUsd: round(i.perHour),
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
