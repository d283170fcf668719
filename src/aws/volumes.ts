// EBS volumes.
import type { Volume } from '@aws-sdk/client-ec2';
import { AwsSession } from './awsSession';
import { loadSdk } from './loadSdk';

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
        name: raw.Tags?.find((t) => t.Key === 'Name')?.Value || undefined,
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
