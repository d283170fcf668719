import * as vscode from 'vscode';
import * as ui from '../shared/ui';
import { CancelledError } from '../core/aws/session/errors';
import { listInstances } from '../core/aws/ec2/instances';
import { BACK, type Back } from '../shared/prompter';
import { readSettings } from '../shared/settings';
import { type StepAt } from '../shared/wizard';
import { type Workbench } from '../workbench';
import { stateLabel } from '../shared/stateLabel';

/** A value from the argument object, or else the answer to a prompt; cancelling a prompt cancels the command. */
export async function orAsk<T>(value: T | undefined, ask: () => Thenable<T | undefined>): Promise<T> {
  if (value !== undefined) {
    return value;
  }
  const answer = await ask();
  if (answer === undefined) {
    throw new CancelledError();
  }
  return answer;
}

/** A modal warning with one action button; anything but that button cancels the command. */
export async function confirmOrCancel(question: string, action: string, detail?: string): Promise<void> {
  if ((await ui.showWarningMessage(question, { modal: true, detail }, action)) !== action) {
    throw new CancelledError();
  }
}

/** The region step of a wizard: the account's regions, the profile's default first. */
export async function askRegion(wb: Workbench, ctx: { region?: string }, at: StepAt): Promise<void | Back> {
  const session = wb.sessions.session;
  const shown = readSettings().regions;
  const items = Promise.all([session.listRegions(), session.defaultRegion()]).then(([regions, home]) => [
    { label: home, description: vscode.l10n.t('profile default'), value: home },
    ...regions.filter((r) => r !== home && (shown.length === 0 || shown.includes(r))).map((r) => ({ label: r, value: r })),
  ]);
  const v = await wb.prompter.pick<string>({ ...at, placeholder: vscode.l10n.t('Region'), items, active: (r) => r === ctx.region });
  if (v === BACK) return BACK;
  ctx.region = v;
}

/** QuickPick of the account's regions, the profile's default region first. */
export async function pickRegion(wb: Workbench, title: string): Promise<string | undefined> {
  const session = wb.sessions.session;
  const regionsAndDefault = Promise.all([session.listRegions(), session.defaultRegion()]);
  const pick = await vscode.window.showQuickPick<vscode.QuickPickItem>(
    regionsAndDefault.then(([regions, home]): vscode.QuickPickItem[] => [
      { label: home, description: vscode.l10n.t('profile default') },
      ...regions.filter((r) => r !== home).map((r) => ({ label: r })),
    ]),
    { title, placeHolder: vscode.l10n.t('Region') },
  );
  return pick?.label;
}

/** Shows an error or warning as advice that does not block the command (argument-object calls). */
export function advise(message: string): void {
  void ui.showWarningMessage(message);
}

/** Region, then one of its instances (optionally only some states). */
export async function pickInstance(
  wb: Workbench,
  title: string,
  states?: string[],
): Promise<{ region: string; instanceId: string } | undefined> {
  const region = await pickRegion(wb, title);
  if (!region) {
    return undefined;
  }
  const items = listInstances(wb.sessions.session, region).then((all) =>
    all
      .filter((i) => !states || states.includes(i.state))
      .map((i) => ({
        label: i.name ?? i.id,
        description: `${i.id} · ${stateLabel(i.state)}`,
        detail: i.publicDnsName ?? i.publicIp,
        id: i.id,
      })),
  );
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Instance in {0}', region) });
  return pick ? { region, instanceId: pick.id } : undefined;
}
