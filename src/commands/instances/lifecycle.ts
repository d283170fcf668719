import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { removeAutoStop } from '../../core/aws/cloudwatch/autoStop';
import { CancelledError, describeError, UserError } from '../../core/aws/session/errors';
import { changeInstanceState, type LifecycleAction, listInstances } from '../../core/aws/ec2/instances';
import { isResourceNode } from '../../explorer/resourceNode';
import { type Workbench } from '../../workbench';
import { commandInput, requireString } from '../commandInput';
import { confirmOrCancel, pickInstance } from '../askOrUse';
import { stateLabel } from '../../shared/stateLabel';

export interface LifecycleArgs {
  region: string;
  instanceIds: string[];
  confirmed?: boolean;
}

/** The instances a command applies to: the selection of the tree, one node, or `{ region, instanceIds }`. */
async function targets(
  wb: Workbench,
  arg: unknown,
  selection: unknown,
  title: string,
): Promise<{ args: Partial<LifecycleArgs>; interactive: boolean }> {
  const nodes = (Array.isArray(selection) ? selection : [arg]).filter(isResourceNode).filter((n) => n.kind === 'instance');
  if (nodes.length) {
    const regions = new Set(nodes.map((n) => n.region));
    if (regions.size > 1) {
      throw new UserError(vscode.l10n.t('Select instances of one region at a time.'));
    }
    return { args: { region: nodes[0].region, instanceIds: nodes.map((n) => n.resourceId) }, interactive: true };
  }
  if (typeof arg === 'object' && arg !== null && !('treeItem' in arg)) {
    return commandInput<LifecycleArgs>(arg, { fields: { region: 'string', instanceIds: 'string[]', confirmed: 'boolean' } });
  }
  const picked = await pickInstance(wb, title);
  if (!picked) {
    throw new CancelledError();
  }
  return { args: { region: picked.region, instanceIds: [picked.instanceId] }, interactive: true };
}

const TITLES: Record<LifecycleAction, () => string> = {
  start: () => vscode.l10n.t('Start Instances'),
  stop: () => vscode.l10n.t('Stop Instances'),
  reboot: () => vscode.l10n.t('Reboot Instances'),
  terminate: () => vscode.l10n.t('Terminate Instances'),
};

/** Start, stop, reboot or terminate one or several instances; stop and terminate confirm first. */
export function lifecycleCommand(action: LifecycleAction) {
  return async (wb: Workbench, arg?: unknown, selection?: unknown): Promise<void> => {
    const { args } = await targets(wb, arg, selection, TITLES[action]());
    const region = requireString(args.region, 'region');
    const ids = args.instanceIds ?? [];
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => !/^i-[0-9a-f]+$/.test(id))) {
      throw new UserError(vscode.l10n.t('instanceIds must be a list of instance ids (i-…).'));
    }
    const session = wb.sessions.session;
    if ((action === 'terminate' || action === 'stop') && !args.confirmed) {
      const instances = await listInstances(session, region, ids);
      const lines = instances.map((i) => `• ${i.name ? `${i.name} (${i.id})` : i.id} · ${stateLabel(i.state)}`);
      let detail = lines.join('\n');
      if (action === 'terminate') {
        const doomed = instances.flatMap((i) =>
          (i.raw?.BlockDeviceMappings ?? []).filter((m) => m.Ebs?.DeleteOnTermination).map((m) => `${m.Ebs?.VolumeId} (${m.DeviceName})`),
        );
        if (doomed.length) {
          detail += `\n\n${ids.length === 1 ? vscode.l10n.t('Deleted with it: {0}', doomed.join(', ')) : vscode.l10n.t('Deleted with them: {0}', doomed.join(', '))}`;
        }
      }
      const button = action === 'terminate' ? vscode.l10n.t('Terminate') : vscode.l10n.t('Stop');
      const one = ids.length === 1;
      const question =
        action === 'terminate'
          ? one
            ? vscode.l10n.t('Terminate 1 instance in {0}? This cannot be undone.', region)
            : vscode.l10n.t('Terminate {0} instances in {1}? This cannot be undone.', ids.length, region)
          : one
            ? vscode.l10n.t('Stop 1 instance in {0}?', region)
            : vscode.l10n.t('Stop {0} instances in {1}?', ids.length, region);
      await confirmOrCancel(question, button, detail);
    }
    await changeInstanceState(session, region, action, ids);
    if (action === 'terminate') {
      // Their stop-when-idle alarms go too (issue #31); a failure is said, the termination stands.
      await removeAutoStop(session, region, ids, false).catch((error: unknown) => {
        const sentence = vscode.l10n.t(
          'Terminated, but the stop-when-idle alarms of {0} were not deleted: {1} Clean Up finds them later.',
          ids.join(', '),
          describeError(error),
        );
        wb.log.warn(sentence, error);
        void ui.showWarningMessage(sentence);
      });
    }
    wb.log.info(
      `${action} ${ids.join(', ')} in ${region} (aws ec2 ${action}-instances --region ${region} --instance-ids ${ids.join(' ')})`,
    );
    wb.explorer.refresh(region); // Polls while the instances are in transition.
  };
}
