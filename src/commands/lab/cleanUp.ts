import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { CancelledError } from '../../core/aws/session/errors';
import {
  type CleanUpItem,
  type CleanUpKind,
  type CleanUpReport,
  deleteLabResources,
  findLabResources,
} from '../../core/aws/ec2/labResources';
import { deleteOwnedKeyFile, keyFileVerdict } from '../../core/keys/ownedKeyFile';
import { tildify } from '../../core/keys/privateKeyFile';
import { type KeptKeyFile, keptKeyFilesSentence } from '../keyPairs/keptKeyFiles';
import { removeSshEntries } from '../../core/ssh/sshConfigFile';
import { sshAlias } from '../../core/ssh/sshHost';
import { sshConfigFile } from '../ssh/sshTarget';
import { type Workbench } from '../../workbench';
import { commandInput } from '../commandInput';
import { perDayText, perHourText } from '../../costs/money';
import { BACK } from '../../shared/prompter';
import { confirmOrCancel } from '../askOrUse';
import { leftSentence, type LeftResource, regionsToReport, whatCleanUpLeft } from './cleanUpLeft';

export interface CleanUpArgs {
  regions?: string[];
  confirmed?: boolean;
  /** Also delete the local private key (.pem) of each key pair deleted (asked when absent, interactively). */
  deleteLocalKeys?: boolean;
}

/** What a clean-up item is, in the display language. */
function kindLabel(kind: CleanUpKind): string {
  switch (kind) {
    case 'loadBalancer':
      return vscode.l10n.t('load balancer');
    case 'targetGroup':
      return vscode.l10n.t('target group');
    case 'instance':
      return vscode.l10n.t('instance');
    case 'volume':
      return vscode.l10n.t('volume');
    case 'securityGroup':
      return vscode.l10n.t('security group');
    case 'keyPair':
      return vscode.l10n.t('key pair');
    case 'alarm':
      return vscode.l10n.t('CloudWatch alarm (its instance is gone)');
  }
}

/** Deletes everything EC2 Workbench created, in all regions (or the given ones), after a review. */
export async function cleanUpCommand(wb: Workbench, arg?: unknown): Promise<CleanUpReport & { left?: LeftResource[] }> {
  const { args, interactive } = commandInput<CleanUpArgs>(arg, {
    fields: { regions: 'string[]', confirmed: 'boolean', deleteLocalKeys: 'boolean' },
  });
  const session = wb.sessions.session;
  const regions = args.regions ?? (await session.listRegions());
  const found = await ui.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for lab resources in {0} regions…', regions.length) },
    () => findLabResources(session, regions),
  );
  let items = found;
  if (items.length === 0) {
    void ui.showInformationMessage(vscode.l10n.t('Nothing to clean up: no resource made by EC2 Workbench was found.'));
    return { deleted: [], failed: [] };
  }
  // What deleting saves, per day (on-demand estimate): shown when the prices come within a moment.
  const costs = interactive || !args.confirmed ? await wb.costs.cleanUpCosts(items) : undefined;
  const perHourOf = (list: readonly CleanUpItem[]) => list.reduce((sum, i) => sum + (costs?.perHour.get(`${i.region}/${i.id}`) ?? 0), 0);
  const saving = (list: readonly CleanUpItem[]) => (costs && perHourOf(list) > 0 ? perDayText(perHourOf(list), costs.currency) : undefined);
  if (interactive) {
    const placeholder = vscode.l10n.t('Untick what to keep; the rest is deleted');
    const picks = await wb.prompter.pickMany<CleanUpItem>({
      title: vscode.l10n.t('Clean Up Lab Resources'),
      step: 1,
      totalSteps: 1,
      placeholder,
      items: items.map((i) => ({
        label: i.label,
        description: [kindLabel(i.kind), i.region, saving([i])].filter(Boolean).join(' · '),
        value: i,
      })),
      picked: () => true,
      describeSelection: (selected) => {
        const saved = saving(selected);
        return saved ? vscode.l10n.t('Deleting the selection saves about {0} (on-demand estimate). {1}', saved, placeholder) : placeholder;
      },
    });
    if (picks === BACK || !picks.length) {
      throw new CancelledError();
    }
    items = picks;
  }
  if (!args.confirmed) {
    const lines = items.map((i) => `• ${kindLabel(i.kind)} ${i.label} (${i.region})`);
    const saved = saving(items);
    if (saved && costs) {
      lines.push(
        '',
        vscode.l10n.t('Deleting these saves about {0} ({1}), on-demand estimate.', saved, perHourText(perHourOf(items), costs.currency)),
      );
    }
    await confirmOrCancel(
      vscode.l10n.t('Delete these lab resources? This cannot be undone.'),
      vscode.l10n.t('Delete {0} Resources', items.length),
      lines.join('\n'),
    );
  }
  const report = await ui.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Cleaning up') },
    (progress) => deleteLabResources(session, items, (message) => progress.report({ message })),
  );
  for (const region of new Set(items.map((i) => i.region))) {
    wb.explorer.refresh(region);
  }
  const kept = await forgetLocalTraces(wb, items, report, interactive ? args.deleteLocalKeys : (args.deleteLocalKeys ?? false));
  // Issue #27: what still costs after the clean-up, and why (not ours, or kept), from the new prices.
  const left = await whatCleanUpLeft(wb, regionsToReport(wb, regions, found), found, report.deleted);
  const stillBilled = leftSentence(left);
  if (left?.left.length) {
    wb.log.info(`Still billed after the clean-up: ${left.left.map((l) => `${l.id} (${l.reason}, ${l.perHourUsd}/h)`).join(', ')}`);
  }
  wb.log.info(
    `Clean-up deleted ${report.deleted.join(', ') || 'nothing'}; failed: ${report.failed.map((f) => `${f.id} (${f.reason})`).join('; ') || 'none'}`,
  );
  if (report.failed.length) {
    void ui.showWarningMessage(
      vscode.l10n.t(
        'Deleted {0} resources; {1} could not be deleted: {2}',
        report.deleted.length,
        report.failed.length,
        report.failed.map((f) => `${f.id}: ${f.reason}`).join(' '),
      ) + [kept, stillBilled].map((s) => (s ? ` ${s}` : '')).join(''),
    );
  } else {
    void ui.showInformationMessage(
      [
        report.deleted.length === 1
          ? vscode.l10n.t('Deleted 1 lab resource.')
          : vscode.l10n.t('Deleted {0} lab resources.', report.deleted.length),
        kept,
        stillBilled,
      ]
        .filter(Boolean)
        .join(' '),
    );
  }
  return left ? { ...report, left: left.left } : report;
}

/**
 * What the deleted resources left on this machine: the SSH entries of the terminated instances go
 * (they only point at addresses AWS recycles), and the private keys of the deleted key pairs are
 * deleted when asked (`deleteLocal`, else a question), but only those EC2 Workbench wrote itself and
 * that are unchanged since: a key pair's tag never makes a local file deletable. Returns the
 * sentence naming the files kept for that reason, when deleting was not declined.
 */
async function forgetLocalTraces(
  wb: Workbench,
  items: CleanUpItem[],
  report: CleanUpReport,
  deleteLocal: boolean | undefined,
): Promise<string | undefined> {
  const deleted = new Set(report.deleted);
  const terminated = new Set(items.filter((i) => i.kind === 'instance' && deleted.has(i.id)).map((i) => sshAlias(i.region, i.id)));
  if (terminated.size) {
    const removed = await removeSshEntries(sshConfigFile(), (e) => terminated.has(e.alias));
    if (removed.length) {
      wb.log.info(`SSH entries of terminated instances removed: ${removed.join(', ')}`);
    }
  }
  const profile = wb.sessions.session.profileName;
  const keys = await Promise.all(
    items
      .filter((i) => i.kind === 'keyPair' && deleted.has(i.id))
      .map(async (item) => {
        const entry = wb.keyFiles.entry(profile, item.region, item.id);
        return { item, entry, verdict: entry ? await keyFileVerdict(entry) : ('missing' as const) };
      }),
  );
  const deletable = keys.filter((k) => k.verdict === 'deletable').map((k) => k.entry!.file);
  const kept: KeptKeyFile[] = keys
    .filter((k) => k.entry && (k.verdict === 'notOurs' || k.verdict === 'changed'))
    .map((k) => ({ file: k.entry!.file, verdict: k.verdict }));
  if (deletable.length && deleteLocal === undefined) {
    const remove = vscode.l10n.t('Delete Private Keys');
    const choice = await ui.showWarningMessage(
      vscode.l10n.t('The deleted key pairs leave their private keys on this machine. Delete them too?'),
      { modal: true, detail: [...deletable.map((f) => `• ${tildify(f)}`), keptKeyFilesSentence(kept) ?? ''].join('\n').trim() },
      remove,
    );
    deleteLocal = choice === remove;
  }
  for (const { item, entry } of keys) {
    if (entry && deleteLocal) {
      const outcome = await deleteOwnedKeyFile(entry);
      const done = kept.find((k) => k.file === entry.file);
      if (outcome === 'deleted') {
        wb.log.info(`Private key ${entry.file} of the deleted key pair ${item.id} removed.`);
      } else if (outcome !== 'missing' && !done) {
        kept.push({ file: entry.file, verdict: outcome }); // Changed between the question and now.
      }
    }
    await wb.keyFiles.set(profile, item.region, item.id, undefined);
  }
  if (kept.length) {
    wb.log.info(`Private keys kept (not written by EC2 Workbench, or changed since): ${kept.map((k) => k.file).join(', ')}`);
  }
  return deleteLocal === false ? undefined : keptKeyFilesSentence(kept);
}
