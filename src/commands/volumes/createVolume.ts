// ec2Workbench.createVolume: the wizard (AZ from an instance, type, size, name), its summary with
// the CLI line from the same builder as the call (createVolumeCall in aws/volumes.ts).
import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { UserError } from '../../core/aws/session/errors';
import { listInstances } from '../../core/aws/ec2/instances';
import { createVolume, createVolumeCli, volumeSizeProblem, type VolumeType } from '../../core/aws/ec2/volumes';
import { listAvailabilityZones } from '../../core/aws/ec2/network';
import { BACK } from '../../shared/prompter';
import { runWizard, step } from '../../shared/wizard';
import { type Workbench } from '../../workbench';
import { commandInput, requireString } from '../commandInput';
import { askRegion } from '../askOrUse';

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
  wb.log.info(
    `Created ${volumeId}. CLI equivalent: ${createVolumeCli(region, { availabilityZone, sizeGiB, volumeType, name }, session.profileName)}`,
  );
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
