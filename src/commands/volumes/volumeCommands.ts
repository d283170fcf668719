import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { CancelledError, UserError } from '../../core/aws/session/errors';
import { getInstance, listInstances } from '../../core/aws/ec2/instances';
import {
  attachVolume,
  createVolume,
  createVolumeCli,
  deleteVolume,
  detachVolume,
  deviceProblem,
  listVolumes,
  mountCommands,
  nextFreeDevice,
  volumeSizeProblem,
  type VolumeType,
} from '../../core/aws/ec2/volumes';
import { listAvailabilityZones } from '../../core/aws/ec2/network';
import { BACK } from '../../shared/prompter';
import { runWizard, step } from '../../shared/wizard';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../commandInput';
import { askRegion, confirmOrCancel } from '../askOrUse';
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
  const { args, interactive } = commandInput<CreateVolumeArgs>(arg, {
    fields: { region: 'string', availabilityZone: 'string', sizeGiB: 'number', volumeType: ['gp3', 'gp2', 'standard'], name: 'string' },
  });
  const session = wb.sessions.session;
  const ctx: Partial<CreateVolumeArgs> = { ...args };
  await runWizard(
    wb.prompter,
    vscode.l10n.t('Create Volume'),
    ctx,
    [
      step('region', (c, at) => askRegion(wb, c, at)),
      step('availabilityZone', async (c, at) => {
        const items = Promise.all([listInstances(session, c.region!), listAvailabilityZones(session, c.region!)]).then(([all, zones]) => {
          const instances = all.filter((i) => i.state !== 'terminated' && i.availabilityZone);
          return [
            ...instances.map((i) => ({
              label: i.name ?? i.id,
              description: `${i.availabilityZone} · ${i.id}`,
              value: i.availabilityZone!,
            })),
            ...zones
              .filter((z) => !instances.some((i) => i.availabilityZone === z))
              .map((z) => ({ label: z, description: vscode.l10n.t('no instance there'), value: z })),
          ];
        });
        const v = await wb.prompter.pick<string>({
          ...at,
          placeholder: vscode.l10n.t('Instance the volume is for (its availability zone)'),
          items,
          active: (z) => z === c.availabilityZone,
        });
        if (v === BACK) return BACK;
        c.availabilityZone = v;
      }),
      step(
        'volumeType',
        async (c, at) => {
          const v = await wb.prompter.pick<VolumeType>({
            ...at,
            placeholder: vscode.l10n.t('Volume type'),
            items: [
              { label: 'gp3', description: vscode.l10n.t('general purpose SSD, the current default'), value: 'gp3' },
              { label: 'gp2', description: vscode.l10n.t('general purpose SSD, previous generation'), value: 'gp2' },
              { label: 'standard', description: vscode.l10n.t('magnetic, previous generation'), value: 'standard' },
            ],
            active: (t) => t === (c.volumeType ?? 'gp3'),
          });
          if (v === BACK) return BACK;
          c.volumeType = v;
        },
        true,
      ),
      step('sizeGiB', async (c, at) => {
        const type = c.volumeType ?? 'gp3';
        const v = await wb.prompter.input({
          ...at,
          prompt: vscode.l10n.t('Size in GiB'),
          value: String(c.sizeGiB ?? 8),
          validate: (text) => volumeSizeProblem(type, sizeOf(text)),
        });
        if (v === BACK) return BACK;
        c.sizeGiB = sizeOf(v);
      }),
      step(
        'name',
        async (c, at) => {
          const v = await wb.prompter.input({
            ...at,
            prompt: vscode.l10n.t('Name tag (optional)'),
            value: c.name ?? '',
            validate: (text) => (text.length > 255 ? vscode.l10n.t('1 to 255 characters.') : undefined),
          });
          if (v === BACK) return BACK;
          c.name = v.trim();
        },
        true,
      ),
    ],
    {
      interactive,
      summary: {
        action: vscode.l10n.t('$(add) Create Volume'),
        describe: (c) =>
          [
            vscode.l10n.t('{0} GiB {1} in {2}', c.sizeGiB!, c.volumeType ?? 'gp3', c.availabilityZone!),
            c.name ? vscode.l10n.t('named {0}', c.name) : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
        cli: (c) =>
          createVolumeCli(
            c.region!,
            { availabilityZone: c.availabilityZone!, sizeGiB: c.sizeGiB!, volumeType: c.volumeType ?? 'gp3', name: c.name || undefined },
            session.profileName,
          ),
      },
    },
  );
  const region = requireString(ctx.region, 'region');
  const availabilityZone = requireString(ctx.availabilityZone, 'availabilityZone');
  const volumeType = ctx.volumeType ?? 'gp3';
  const sizeGiB = typeof ctx.sizeGiB === 'number' ? ctx.sizeGiB : Number.NaN;
  const problem = volumeSizeProblem(volumeType, sizeGiB);
  if (problem) {
    throw new UserError(problem);
  }
  const name = ctx.name || undefined;
  const volumeId = await createVolume(session, region, { availabilityZone, sizeGiB, volumeType, name });
  wb.explorer.refresh(region, 'volumes');
  void ui.showInformationMessage(
    vscode.l10n.t('Volume {0} ({1} GiB {2}) created in {3}.', volumeId, sizeGiB, volumeType, availabilityZone),
  );
  return { volumeId };
}

/** "8" is 8; "8.5", "eight" or "" are not whole numbers (NaN says so in the message). */
function sizeOf(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

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
  wb.explorer.refresh(region, 'volumes', 'instances');
}

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
  wb.explorer.refresh(region, 'volumes');
}
