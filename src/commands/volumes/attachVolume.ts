// ec2Workbench.attachVolume: an instance of the volume's own AZ, the next free device, then the mount commands.
import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { UserError } from '../../core/aws/session/errors';
import { getInstance, listInstances } from '../../core/aws/ec2/instances';
import {
  attachVolume,
  attachVolumeCall,
  deviceProblem,
  listVolumes,
  mountCommands,
  nextFreeDevice,
  volumeCli,
} from '../../core/aws/ec2/volumes';
import { BACK } from '../../shared/prompter';
import { runWizard, step } from '../../shared/wizard';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../commandInput';
import { stateLabel, stateWithAwsWord } from '../../shared/stateLabel';

export interface AttachVolumeArgs {
  region: string;
  volumeId: string;
  instanceId: string;
  device?: string;
}

/** Attaches a volume to an instance of the same AZ, on the next free /dev/sdf../dev/sdp, then shows how to mount it. */
export async function attachVolumeCommand(wb: Workbench, arg?: unknown): Promise<{ device: string }> {
  const { args, interactive } = commandInput<AttachVolumeArgs>(arg, {
    fields: { region: 'string', volumeId: 'string', instanceId: 'string', device: 'string' },
    fromNode: regionAnd('volumeId'),
  });
  const region = requireString(args.region, 'region');
  const volumeId = requireString(args.volumeId, 'volumeId');
  const session = wb.sessions.session;
  const volume = (await listVolumes(session, region)).find((v) => v.id === volumeId);
  if (!volume) {
    throw new UserError(vscode.l10n.t('The volume {0} was not found in {1}.', volumeId, region));
  }
  if (volume.state !== 'available') {
    throw new UserError(
      vscode.l10n.t('The volume {0} is {1}; only an available volume can be attached.', volumeId, stateWithAwsWord(volume.state) ?? '?'),
    );
  }
  const sameAz = listInstances(session, region).then((all) =>
    all.filter((i) => i.availabilityZone === volume.availabilityZone && i.state !== 'terminated'),
  );
  const ctx: Partial<AttachVolumeArgs> = { ...args };
  await runWizard(
    wb.prompter,
    vscode.l10n.t('Attach {0}', volumeId),
    ctx,
    [
      step('instanceId', async (c, at) => {
        const candidates = await sameAz;
        if (!candidates.length) {
          throw new UserError(
            vscode.l10n.t(
              "No instance runs in {0}, the volume's availability zone: a volume attaches only in its own zone.",
              volume.availabilityZone ?? '?',
            ),
          );
        }
        const v = await wb.prompter.pick<string>({
          ...at,
          placeholder: vscode.l10n.t('Instance in {0}', volume.availabilityZone ?? ''),
          items: candidates.map((i) => ({ label: i.name ?? i.id, description: `${i.id} · ${stateLabel(i.state)}`, value: i.id })),
          active: (id) => id === c.instanceId,
        });
        if (v === BACK) return BACK;
        c.instanceId = v;
      }),
      step(
        'device',
        async (c, at) => {
          const instance = (await sameAz).find((i) => i.id === c.instanceId);
          const used = instance?.volumes.map((v) => v.device ?? '') ?? [];
          const v = await wb.prompter.input({
            ...at,
            prompt: vscode.l10n.t('Device name (the next free one is filled in)'),
            value: c.device ?? nextFreeDevice(used) ?? '',
            validate: (d) =>
              deviceProblem(d) ??
              (used.includes(d) ? vscode.l10n.t('{0} is already used on {1}. Pick another device name.', d, c.instanceId!) : undefined),
          });
          if (v === BACK) return BACK;
          c.device = v;
        },
        true,
      ),
    ],
    { interactive },
  );
  const instanceId = requireString(ctx.instanceId, 'instanceId');
  const instance = await getInstance(session, region, instanceId);
  if (instance.availabilityZone !== volume.availabilityZone) {
    throw new UserError(
      vscode.l10n.t(
        '{0} is in {1} and the volume in {2}: a volume attaches only to an instance of its own availability zone.',
        instance.name ?? instance.id,
        instance.availabilityZone ?? '?',
        volume.availabilityZone ?? '?',
      ),
    );
  }
  const device = ctx.device ?? nextFreeDevice(instance.volumes.map((v) => v.device ?? ''));
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
  wb.log.info(
    `Attached ${volumeId}. CLI equivalent: ${volumeCli(attachVolumeCall(region, volumeId, instanceId, device), session.profileName)}`,
  );
  wb.explorer.refresh(region, 'volumes', 'instances');
  const copy = vscode.l10n.t('Copy Mount Commands');
  void ui
    .showInformationMessage(
      vscode.l10n.t(
        '{0} is attached to {1} as {2}. Format and mount it on the instance to use it.',
        volumeId,
        instance.name ?? instance.id,
        device,
      ),
      copy,
    )
    .then((c) => {
      if (c === copy) {
        void vscode.env.clipboard.writeText(mountCommands(device, volumeId));
      }
    });
  return { device };
}
