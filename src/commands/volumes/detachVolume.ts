// ec2Workbench.detachVolume: confirms (force only when the instance does not answer), then detaches.
import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { CancelledError, UserError } from '../../core/aws/session/errors';
import { detachVolume, detachVolumeCall, listVolumes, volumeCli } from '../../core/aws/ec2/volumes';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../commandInput';

export async function detachVolumeCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args } = commandInput<{ region: string; volumeId: string; force?: boolean; confirmed?: boolean }>(arg, {
    fields: { region: 'string', volumeId: 'string', force: 'boolean', confirmed: 'boolean' },
    fromNode: regionAnd('volumeId'),
  });
  const region = requireString(args.region, 'region');
  const volumeId = requireString(args.volumeId, 'volumeId');
  let force = args.force ?? false;
  if (!args.confirmed) {
    const detach = vscode.l10n.t('Detach');
    const forced = vscode.l10n.t('Force Detach');
    const choice = await ui.showWarningMessage(
      vscode.l10n.t('Detach {0}?', volumeId),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Unmount it on the instance first (sudo umount /data). Force detach only when the instance does not answer: it can lose data.',
        ),
      },
      detach,
      forced,
    );
    if (!choice) {
      throw new CancelledError();
    }
    force ||= choice === forced;
  }
  const volume = (await listVolumes(wb.sessions.session, region)).find((v) => v.id === volumeId);
  if (!volume?.attachment) {
    throw new UserError(vscode.l10n.t('The volume {0} is not attached.', volumeId));
  }
  await detachVolume(wb.sessions.session, region, volumeId, force, volume.attachment);
  const cli = volumeCli(detachVolumeCall(region, volumeId, force, volume.attachment), wb.sessions.session.profileName);
  wb.log.info(`Detached ${volumeId}. CLI equivalent: ${cli}`);
  wb.explorer.refresh(region, 'volumes', 'instances');
}
