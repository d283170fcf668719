// Prices where the user looks: the lines added to the tooltips of instances, volumes, load
// balancers and regions, and the status bar's tooltip. AWS text goes in as text (markdownOfText),
// never as markdown; the only links are AWS's pricing pages.
import * as vscode from 'vscode';
import { type CostItem, type PricedInstance, type RegionEstimate } from '../core/aws/pricing/regionCosts';
import { durationText, hoursSince } from '../core/aws/pricing/costSoFar';
import { pricingPage, type PriceKey } from '../core/aws/pricing/pricing';
import { markdownOfText } from '../core/text/plainText';
import { appendField } from '../explorer/tooltip';
import { formatMoney, perDayText, perHourText, usageNote } from './money';

export function appendInstancePrice(
  tooltip: vscode.TreeItem['tooltip'],
  instance: PricedInstance,
  estimate: RegionEstimate | undefined,
): void {
  if (!estimate || !(tooltip instanceof vscode.MarkdownString)) return;
  const own = itemOf(estimate, 'instance', instance.id);
  const address = itemOf(estimate, 'publicIpv4', instance.id);
  const volumes = estimate.items.filter((i) => i.kind === 'volume' && i.attachedTo === instance.id);
  const volumesPerHour = volumes.reduce((s, i) => s + i.perHour, 0);
  const currency = estimate.currency;
  if (own) {
    const more: string[] = [];
    if (address) more.push(vscode.l10n.t('+ {0} for its public IPv4 address', perHourText(address.perHour, address.currency)));
    if (volumesPerHour > 0) more.push(vscode.l10n.t('+ {0} for its volumes', perHourText(volumesPerHour, currency)));
    appendLine(
      tooltip,
      vscode.l10n.t('Price'),
      vscode.l10n.t('{0} on demand (estimate)', perHourText(own.perHour, own.currency)),
      own.key,
      more,
    );
    // Issue #31: what it has cost since its last start (LaunchTime), at that price.
    const hours = hoursSince(instance.launchTime);
    if (instance.state === 'running' && instance.launchTime) {
      appendField(
        tooltip,
        vscode.l10n.t('Since last start'),
        vscode.l10n.t(
          '{0}, about {1} (on-demand estimate)',
          durationText(hours),
          formatMoney(own.perHour * hours, own.currency, vscode.env.language, true),
        ),
      ).appendMarkdown('  \n');
    }
  } else if (instance.state === 'stopped') {
    const text =
      volumesPerHour > 0
        ? vscode.l10n.t('stopped, the instance costs nothing but its volumes do: {0}', perHourText(volumesPerHour, currency))
        : vscode.l10n.t('stopped, the instance costs nothing but its volumes do');
    appendLine(tooltip, vscode.l10n.t('Price'), text, volumes[0]?.key ?? 'volume:gp3');
  } else if (instance.state === 'running' && (estimate.unknownPlatform ?? []).includes(instance.id)) {
    appendLine(
      tooltip,
      vscode.l10n.t('Price'),
      vscode.l10n.t('unknown: the AWS Price List has no on-demand row for its platform "{0}"', instance.platformDetails ?? '-'),
      `instance:${instance.type ?? ''}`,
    );
  }
}

export function appendPrice(tooltip: vscode.TreeItem['tooltip'], item: CostItem | undefined): void {
  if (item && tooltip instanceof vscode.MarkdownString) {
    appendLine(
      tooltip,
      vscode.l10n.t('Price'),
      vscode.l10n.t('{0} on demand (estimate)', perHourText(item.perHour, item.currency)),
      item.key,
      item.usagePrice ? [usageNote(item.usagePrice)] : [],
    );
  }
}

export function regionTooltip(region: string, estimate: RegionEstimate): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.appendMarkdown('**')
    .appendMarkdown(markdownOfText(region))
    .appendMarkdown('**\n\n')
    .appendMarkdown(
      markdownOfText(
        vscode.l10n.t(
          'On-demand estimate: {0}, {1}',
          perHourText(estimate.perHour, estimate.currency),
          perDayText(estimate.perHour, estimate.currency),
        ),
      ),
    )
    .appendMarkdown(`  \n[${escapeLinkText(vscode.l10n.t('AWS pricing'))}](https://aws.amazon.com/ec2/pricing/on-demand/)`);
  return md;
}

/** The status bar item's tooltip: the total, what it counts, and AWS's pricing page. */
export function statusTooltip(hour: string, day: string, regions: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.appendMarkdown('**')
    .appendMarkdown(markdownOfText(vscode.l10n.t('On-demand estimate: {0}, {1}', hour, day)))
    .appendMarkdown('**\n\n')
    .appendMarkdown(
      markdownOfText(
        vscode.l10n.t(
          'What runs in the {0} regions shown: instances, volumes, load balancers and public IPv4 addresses, at AWS list prices without taxes, data transfer or free tier. Click for the details.',
          regions,
        ),
      ),
    )
    .appendMarkdown(`\n\n[${escapeLinkText(vscode.l10n.t('AWS pricing'))}](https://aws.amazon.com/ec2/pricing/on-demand/)`);
  return md;
}

/** The priced item of one resource in a region's estimate. */
export function itemOf(estimate: RegionEstimate | undefined, kind: CostItem['kind'], id: string): CostItem | undefined {
  return estimate?.items.find((i) => i.kind === kind && i.id === id);
}

/**
 * "**Price:** $0.0116/h on demand (estimate)", then one line for each of `more` ("+ $0.005/h for its
 * public IPv4 address"), the last one followed by the link to AWS's page for what is priced.
 */
function appendLine(md: vscode.MarkdownString, label: string, text: string, key: PriceKey, more: readonly string[] = []): void {
  appendField(md, label, text);
  for (const line of more) {
    md.appendMarkdown('  \n').appendMarkdown(markdownOfText(line));
  }
  md.appendMarkdown(` · [${escapeLinkText(vscode.l10n.t('AWS pricing'))}](${pricingPage(key)})  \n`);
}

function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]()*_`]/g, (c) => `\\${c}`);
}
