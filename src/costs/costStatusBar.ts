// The status bar item: what the regions shown cost per hour, and what their running instances have
// cost today; a click lists it all (EC2: Estimate What It Costs).
import * as vscode from 'vscode';
import { hoursToday } from '../core/aws/pricing/costSoFar';
import { type RegionEstimate, type RegionResources } from '../core/aws/pricing/regionCosts';
import { statusTooltip } from './costTooltips';
import { formatMoney, perDayText, perHourText } from './money';

/** A region's estimate and the resources it was made from. */
export interface RegionCost {
  readonly estimate: RegionEstimate;
  readonly resources: RegionResources;
}

export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ec2Workbench.cost', vscode.StatusBarAlignment.Left, 49);

  constructor() {
    this.item.name = vscode.l10n.t('EC2 Workbench cost estimate');
    this.item.command = 'ec2Workbench.estimateCost';
  }

  /** Shows the total of the regions shown (hidden when none is priced). */
  show(shown: readonly RegionCost[]): void {
    if (!shown.length) {
      this.item.hide();
      return;
    }
    const currency = shown[0].estimate.currency;
    const same = shown.filter((c) => c.estimate.currency === currency);
    const perHour = same.reduce((s, c) => s + c.estimate.perHour, 0);
    const hour = perHourText(perHour, currency);
    const day = perDayText(perHour, currency);
    // Issue #31: what the running instances shown have cost since midnight (or their last start).
    const today = same.reduce((sum, c) => sum + todayOf(c), 0);
    const todayText = vscode.l10n.t({
      message: '{0} today',
      args: [formatMoney(today, currency, vscode.env.language, true)],
      comment: ['What the running instances have cost since midnight: "$0.21 today"'],
    });
    this.item.text = `$(credit-card) ${hour} · ${todayText}`;
    this.item.accessibilityInformation = { label: `${vscode.l10n.t('On-demand estimate: {0}, {1}', hour, day)}, ${todayText}` };
    this.item.tooltip = statusTooltip(hour, day, shown.length);
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** What the running instances of a region have cost today (instances only: they are what a forgotten lab costs). */
function todayOf(cost: RegionCost): number {
  return cost.estimate.items
    .filter((i) => i.kind === 'instance')
    .reduce((sum, i) => {
      const instance = cost.resources.instances.find((x) => x.id === i.id);
      return sum + (instance?.state === 'running' ? i.perHour * hoursToday(instance.launchTime) : 0);
    }, 0);
}
