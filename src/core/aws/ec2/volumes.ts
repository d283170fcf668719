// EBS volumes.
import * as l10n from '@vscode/l10n';
import type {
  CreateVolumeCommandInput,
  Volume,
  AttachVolumeCommandInput,
  DeleteVolumeCommandInput,
  DetachVolumeCommandInput,
} from '@aws-sdk/client-ec2';
import { type AwsSession } from '../session/awsSession';
import { cliLine, type SdkCall } from '../session/cliTranscript';
import { loadSdk } from '../sdk/loadSdk';
import { MANAGED_TAG, nameTag } from '../session/tags';

export interface Ec2Volume {
  readonly region: string;
  readonly id: string;
  readonly name?: string;
  readonly sizeGiB?: number;
  readonly type?: string;
  readonly state?: string;
  readonly availabilityZone?: string;
  readonly attachment?: { instanceId: string; device?: string; state?: string };
  readonly raw: Volume;
}

export async function listVolumes(session: AwsSession, region: string): Promise<Ec2Volume[]> {
  const [{ paginateDescribeVolumes }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const volumes: Ec2Volume[] = [];
  for await (const page of paginateDescribeVolumes({ client, pageSize: 500 }, {})) {
    for (const raw of page.Volumes ?? []) {
      const attachment = raw.Attachments?.[0];
      volumes.push({
        region,
        id: raw.VolumeId ?? '',
        name: nameTag(raw.Tags),
        sizeGiB: raw.Size,
        type: raw.VolumeType,
        state: raw.State,
        availabilityZone: raw.AvailabilityZone,
        attachment: attachment?.InstanceId
          ? { instanceId: attachment.InstanceId, device: attachment.Device, state: attachment.State }
          : undefined,
        raw,
      });
    }
  }
  return volumes.sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id));
}

export type VolumeType = 'gp3' | 'gp2' | 'standard';

const SIZE_LIMITS: Record<VolumeType, [number, number]> = { gp3: [1, 16384], gp2: [1, 16384], standard: [1, 1024] };

/** Why a size does not fit the volume type, or undefined. */
export function volumeSizeProblem(type: VolumeType, sizeGiB: number): string | undefined {
  const limits = SIZE_LIMITS[type];
  if (!limits) {
    return l10n.t('Unknown volume type "{0}": use gp3, gp2 or standard.', type);
  }
  if (!Number.isInteger(sizeGiB)) {
    return l10n.t('Type a whole number of GiB ({0} to {1} for {2}).', limits[0], limits[1], type);
  }
  if (sizeGiB < limits[0] || sizeGiB > limits[1]) {
    return l10n.t('A {0} volume is {1} to {2} GiB (whole numbers); {3} does not fit.', type, limits[0], limits[1], sizeGiB);
  }
  return undefined;
}

export const DEVICE_NAMES = 'fghijklmnop'.split('').map((c) => `/dev/sd${c}`);

/** The device names AWS recommends for data volumes on Linux: /dev/sdf to /dev/sdp. */
export function deviceProblem(device: string): string | undefined {
  return DEVICE_NAMES.includes(device) ? undefined : l10n.t('Use a device name from /dev/sdf to /dev/sdp (got "{0}").', device);
}

export function nextFreeDevice(used: readonly string[]): string | undefined {
  const taken = new Set(used.map((d) => d.replace('/dev/xvd', '/dev/sd')));
  return DEVICE_NAMES.find((d) => !taken.has(d));
}

// One builder per call: each makes the request sent and the `aws ec2 ...` line shown (summary, log).

export type VolumeSpec = { availabilityZone: string; sizeGiB: number; volumeType: VolumeType; name?: string };

/** CreateVolume, tagged as the product's own (and named when a name is given). */
export function createVolumeCall(region: string, v: VolumeSpec): SdkCall {
  const tags = [{ ...MANAGED_TAG }, ...(v.name ? [{ Key: 'Name', Value: v.name }] : [])];
  const input: CreateVolumeCommandInput = {
    AvailabilityZone: v.availabilityZone,
    Size: v.sizeGiB,
    VolumeType: v.volumeType,
    TagSpecifications: [{ ResourceType: 'volume', Tags: tags }],
  };
  return { service: 'ec2', region, commandName: 'CreateVolumeCommand', input: { ...input } };
}

export function attachVolumeCall(region: string, volumeId: string, instanceId: string, device: string): SdkCall {
  const input: AttachVolumeCommandInput = { VolumeId: volumeId, InstanceId: instanceId, Device: device };
  return { service: 'ec2', region, commandName: 'AttachVolumeCommand', input: { ...input } };
}

/** Detaches; naming the instance and device (optional for AWS) also suits emulators that require them. */
export function detachVolumeCall(
  region: string,
  volumeId: string,
  force: boolean,
  attachment?: { instanceId: string; device?: string },
): SdkCall {
  const input: DetachVolumeCommandInput = {
    VolumeId: volumeId,
    Force: force,
    InstanceId: attachment?.instanceId,
    Device: attachment?.device,
  };
  return { service: 'ec2', region, commandName: 'DetachVolumeCommand', input: { ...input } };
}

export function deleteVolumeCall(region: string, volumeId: string): SdkCall {
  const input: DeleteVolumeCommandInput = { VolumeId: volumeId };
  return { service: 'ec2', region, commandName: 'DeleteVolumeCommand', input: { ...input } };
}

/** The `aws ec2 ...` line of one of the calls above. */
export function volumeCli(call: SdkCall, profile: string): string {
  return cliLine(call, { profile });
}

/** `aws ec2 create-volume ...` for the wizard's summary. */
export function createVolumeCli(region: string, v: VolumeSpec, profile: string): string {
  return volumeCli(createVolumeCall(region, v), profile);
}

export async function createVolume(session: AwsSession, region: string, v: VolumeSpec): Promise<string> {
  const [{ CreateVolumeCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new CreateVolumeCommand(createVolumeCall(region, v).input as unknown as CreateVolumeCommandInput));
  return out.VolumeId ?? '';
}

export async function attachVolume(
  session: AwsSession,
  region: string,
  volumeId: string,
  instanceId: string,
  device: string,
): Promise<void> {
  const [{ AttachVolumeCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  await client.send(
    new AttachVolumeCommand(attachVolumeCall(region, volumeId, instanceId, device).input as unknown as AttachVolumeCommandInput),
  );
}

export async function detachVolume(
  session: AwsSession,
  region: string,
  volumeId: string,
  force: boolean,
  attachment?: { instanceId: string; device?: string },
): Promise<void> {
  const [{ DetachVolumeCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  await client.send(
    new DetachVolumeCommand(detachVolumeCall(region, volumeId, force, attachment).input as unknown as DetachVolumeCommandInput),
  );
}

export async function deleteVolume(session: AwsSession, region: string, volumeId: string): Promise<void> {
  const [{ DeleteVolumeCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  await client.send(new DeleteVolumeCommand(deleteVolumeCall(region, volumeId).input as unknown as DeleteVolumeCommandInput));
}

/** The shell commands that format and mount a new volume (the device shows as nvme on Nitro types). */
/**
 * Shell lines that mount this volume at /data. The disk is named by the volume's id (Nitro
 * instances show it as /dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol…), not guessed from
 * "the first nvme disk", which on an instance with another data volume would be the wrong one;
 * the device name is the fallback on older (Xen) instances. mkfs runs only on a disk without a
 * filesystem, so running the lines twice, or on a volume with data, formats nothing.
 */
export function mountCommands(device: string, volumeId: string): string {
  const letter = device.slice(-1);
  const byId = `/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${volumeId.replace('-', '')}`;
  return [
    `DEV=${byId}   # ${l10n.t('this volume, by its id (Nitro instances)')}`,
    `[ -e "$DEV" ] || DEV=/dev/xvd${letter}; [ -e "$DEV" ] || DEV=/dev/sd${letter}`,
    'lsblk -f "$DEV"',
    `[ -z "$(lsblk -no FSTYPE "$DEV")" ] && sudo mkfs -t ext4 "$DEV"   # ${l10n.t('only when the disk has no filesystem yet')}`,
    'sudo mkdir -p /data && sudo mount "$DEV" /data',
    'grep -q " /data " /etc/fstab || echo "UUID=$(sudo blkid -s UUID -o value "$DEV") /data ext4 defaults,nofail 0 2" | sudo tee -a /etc/fstab',
  ].join('\n');
}
