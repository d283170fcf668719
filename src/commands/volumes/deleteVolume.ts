// ec2Workbench.deleteVolume: only an available (detached) volume, after confirmation.
import * as vscode from 'vscode';
import { UserError } from '../../core/aws/session/errors';
import { deleteVolume, deleteVolumeCall, listVolumes, volumeCli } from '../../core/aws/ec2/volumes';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../commandInput';
import { confirmOrCancel } from '../askOrUse';
import { stateWithAwsWord } from '../../shared/stateLabel';

export async function deleteVolumeCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args } = commandInput<{ region: string; volumeId: string; confirmed?: boolean }>(arg, {
    fields: { region: 'string', volumeId: 'string', confirmed: 'boolean' },
    fromNode: regionAnd('volumeId'),
  });
  const region = requireString(args.region, 'region');
  const volumeId = requireString(args.volumeId, 'volumeId');
  const volume = (await listVolumes(wb.sessions.session, region)).find((v) => v.id === volumeId);
  if (volume && volume.state !== 'available') {
    throw new UserError(
      vscode.l10n.t('The volume {0} is {1}: detach it first, then delete it.', volumeId, stateWithAwsWord(volume.state) ?? '?'),
    );
  }
  if (!args.confirmed) {
    await confirmOrCancel(vscode.l10n.t('Delete {0}? Its data is lost for good.', volumeId), vscode.l10n.t('Delete Volume'));
  }
  await deleteVolume(wb.sessions.session, region, volumeId);
  wb.log.info(`Deleted ${volumeId}. CLI equivalent: ${volumeCli(deleteVolumeCall(region, volumeId), wb.sessions.session.profileName)}`);
  wb.explorer.refresh(region, 'volumes');
}
