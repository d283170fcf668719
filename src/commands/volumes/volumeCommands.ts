import * as vscode from 'vscode';
import { CancelledError, UserError } from '../../aws/errors';
import { getInstance, listInstances } from '../../aws/instances';
import {
  attachVolume, createVolume, deleteVolume, detachVolume, deviceProblem, listVolumes, mountCommands, nextFreeDevice, volumeSizeProblem, VolumeType,
} from '../../aws/volumes';
import { Workbench } from '../../workbench';
import { commandInput, requireString } from '../args';
import { confirmOrCancel, orAsk, pickRegion } from '../prompts';
import { stateLabel, stateWithAwsWord } from '../../shared/stateLabel';

export interface CreateVolumeArgs {
  region: string;
  availabilityZone: string;
  sizeGiB: number;
  volumeType?: VolumeType;
  name?: string;
}

/** Creates an EBS volume; interactively, its AZ comes from an instance the user picks (a volume attaches only in its own AZ). */
export async function createVolumeCommand(wb: Workbench, arg?: unknown): Promise<{ volumeId: string }> {
  const { args, interactive } = commandInput<CreateVolumeArgs>(arg);
  const title = vscode.l10n.t('Create Volume');
  const session = wb.sessions.session;
  const region = await orAsk(args.region, () => pickRegion(wb, title));
  const availabilityZone = await orAsk(args.availabilityZone, async () => {
    const instances = (await listInstances(session, region)).filter((i) => i.state !== 'terminated');
    const zones = [...new Set(instances.map((i) => i.availabilityZone).filter(Boolean))] as string[];
    const pick = await vscode.window.showQuickPick(
      [
        ...instances.map((i) => ({ label: i.name ?? i.id, description: `${i.availabilityZone} · ${i.id}`, az: i.availabilityZone! })),
        ...['a', 'b', 'c'].map((s) => `${region}${s}`).filter((z) => !zones.includes(z)).map((z) => ({ label: z, description: vscode.l10n.t('no instance there'), az: z })),
      ],
      { title, placeHolder: vscode.l10n.t('Instance the volume is for (its availability zone)') },
    );
    return pick?.az;
  });
  const volumeType = args.volumeType ?? (interactive
    ? await orAsk(undefined, async () => (await vscode.window.showQuickPick(['gp3', 'gp2', 'standard'], { title, placeHolder: vscode.l10n.t('Volume type (gp3: the current general purpose SSD)') })) as VolumeType | undefined)
    : 'gp3');
  const sizeText = args.sizeGiB !== undefined ? String(args.sizeGiB) : await orAsk(undefined, () =>
    vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Size in GiB'), value: '8', validateInput: (v) => volumeSizeProblem(volumeType, Number(v)) }),
  );
  const sizeGiB = Number(sizeText);
  const problem = volumeSizeProblem(volumeType, sizeGiB);
  if (problem) {
    throw new UserError(problem);
  }
  const name = args.name ?? (interactive ? await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Name tag (optional)') }) : undefined);
  const volumeId = await createVolume(session, region, { availabilityZone, sizeGiB, volumeType, name: name || undefined });
  wb.explorer.refresh(region, 'volumes');
  void vscode.window.showInformationMessage(vscode.l10n.t('Volume {0} ({1} GiB {2}) created in {3}.', volumeId, sizeGiB, volumeType, availabilityZone));
  return { volumeId };
}

export interface AttachVolumeArgs {
  region: string;
  volumeId: string;
  instanceId: string;
  device?: string;
}

/** Attaches a volume to an instance of the same AZ, on the next free /dev/sdf../dev/sdp, then shows how to mount it. */
export async function attachVolumeCommand(wb: Workbench, arg?: unknown): Promise<{ device: string }> {
  const { args } = commandInput<AttachVolumeArgs>(arg, (n) => ({ region: n.region, volumeId: n.resourceId }));
  const region = requireString(args.region, 'region');
  const volumeId = requireString(args.volumeId, 'volumeId');
  const session = wb.sessions.session;
  const volume = (await listVolumes(session, region)).find((v) => v.id === volumeId);
  if (!volume) {
    throw new UserError(vscode.l10n.t('The volume {0} was not found in {1}.', volumeId, region));
  }
  if (volume.state !== 'available') {
    throw new UserError(vscode.l10n.t('The volume {0} is {1}; only an available volume can be attached.', volumeId, stateWithAwsWord(volume.state) ?? '?'));
  }
  const instanceId = await orAsk(args.instanceId, async () => {
    const sameAz = (await listInstances(session, region)).filter((i) => i.availabilityZone === volume.availabilityZone && i.state !== 'terminated');
    if (!sameAz.length) {
      throw new UserError(vscode.l10n.t('No instance runs in {0}, the volume\'s availability zone: a volume attaches only in its own zone.', volume.availabilityZone ?? '?'));
    }
    const pick = await vscode.window.showQuickPick(sameAz.map((i) => ({ label: i.name ?? i.id, description: `${i.id} · ${stateLabel(i.state)}`, id: i.id })), {
      title: vscode.l10n.t('Attach {0}', volumeId),
      placeHolder: vscode.l10n.t('Instance in {0}', volume.availabilityZone ?? ''),
    });
    return pick?.id;
  });
  const instance = await getInstance(session, region, instanceId);
  if (instance.availabilityZone !== volume.availabilityZone) {
    throw new UserError(
      vscode.l10n.t('{0} is in {1} and the volume in {2}: a volume attaches only to an instance of its own availability zone.', instance.name ?? instance.id, instance.availabilityZone ?? '?', volume.availabilityZone ?? '?'),
    );
  }
  const device = args.device ?? nextFreeDevice(instance.volumes.map((v) => v.device ?? ''));
  if (!device) {
    throw new UserError(vscode.l10n.t('{0} has no free device name left from /dev/sdf to /dev/sdp.', instance.id));
  }
  const problem = deviceProblem(device);
  if (problem) {
    throw new UserError(problem);
  }
  if (instance.volumes.some((v) => v.device === device)) {
    throw new UserError(vscode.l10n.t('{0} is already used on {1}. Pick another device name.', device, instance.id));
  }
  await attachVolume(session, region, volumeId, instanceId, device);
  wb.explorer.refresh(region, 'volumes', 'instances');
  const copy = vscode.l10n.t('Copy Mount Commands');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('{0} is attached to {1} as {2}. Format and mount it on the instance to use it.', volumeId, instance.name ?? instance.id, device), copy)
    .then((c) => {
      if (c === copy) {
        void vscode.env.clipboard.writeText(mountCommands(device));
      }
    });
  return { device };
}

export async function detachVolumeCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args } = commandInput<{ region: string; volumeId: string; force?: boolean; confirmed?: boolean }>(arg, (n) => ({ region: n.region, volumeId: n.resourceId }));
  const region = requireString(args.region, 'region');
  const volumeId = requireString(args.volumeId, 'volumeId');
  let force = args.force ?? false;
  if (!args.confirmed) {
    const detach = vscode.l10n.t('Detach');
    const forced = vscode.l10n.t('Force Detach');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Detach {0}?', volumeId),
      { modal: true, detail: vscode.l10n.t('Unmount it on the instance first (sudo umount /data). Force detach only when the instance does not answer: it can lose data.') },
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
  wb.explorer.refresh(region, 'volumes', 'instances');
}

export async function deleteVolumeCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args } = commandInput<{ region: string; volumeId: string; confirmed?: boolean }>(arg, (n) => ({ region: n.region, volumeId: n.resourceId }));
  const region = requireString(args.region, 'region');
  const volumeId = requireString(args.volumeId, 'volumeId');
  const volume = (await listVolumes(wb.sessions.session, region)).find((v) => v.id === volumeId);
  if (volume && volume.state !== 'available') {
    throw new UserError(vscode.l10n.t('The volume {0} is {1}: detach it first, then delete it.', volumeId, stateWithAwsWord(volume.state) ?? '?'));
  }
  if (!args.confirmed) {
    await confirmOrCancel(vscode.l10n.t('Delete {0}? Its data is lost for good.', volumeId), vscode.l10n.t('Delete Volume'));
  }
  await deleteVolume(wb.sessions.session, region, volumeId);
  wb.explorer.refresh(region, 'volumes');
}
