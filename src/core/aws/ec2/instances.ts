// EC2 instances: listing (all pages) and lifecycle. Returns the project's own Ec2Instance type.
import * as l10n from '@vscode/l10n';
import type { Instance, Reservation } from '@aws-sdk/client-ec2';
import { type AwsSession } from '../session/awsSession';
import { UserError } from '../session/errors';
import { loadSdk } from '../sdk/loadSdk';

export type InstanceState = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export const TRANSITIONAL_STATES: ReadonlySet<string> = new Set(['pending', 'stopping', 'shutting-down']);

export interface Ec2Instance {
  readonly region: string;
  readonly id: string;
  /** The Name tag, if any. */
  readonly name?: string;
  readonly state: InstanceState;
  readonly type?: string;
  readonly availabilityZone?: string;
  readonly imageId?: string;
  readonly keyName?: string;
  readonly publicDnsName?: string;
  readonly publicIp?: string;
  readonly privateIp?: string;
  /** The instance's IPv6 address (an IPv6-only instance has no private IPv4). */
  readonly ipv6Address?: string;
  readonly launchTime?: Date;
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly ownerId?: string;
  readonly platformDetails?: string;
  readonly securityGroups: ReadonlyArray<{ id: string; name?: string }>;
  readonly volumes: ReadonlyArray<{ volumeId: string; device?: string; deleteOnTermination?: boolean }>;
  readonly tags: Readonly<Record<string, string>>;
  /** The describe-instances record, when asked for (the explorer keeps compact records only). */
  readonly raw?: Instance;
}

export function toEc2Instance(region: string, raw: Instance, reservation?: Reservation, keepRaw = true): Ec2Instance {
  const tags = Object.fromEntries((raw.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  return {
    region,
    id: raw.InstanceId ?? '',
    name: tags.Name || undefined,
    state: (raw.State?.Name ?? 'pending') as InstanceState,
    type: raw.InstanceType,
    availabilityZone: raw.Placement?.AvailabilityZone,
    imageId: raw.ImageId,
    keyName: raw.KeyName,
    publicDnsName: raw.PublicDnsName || undefined,
    publicIp: raw.PublicIpAddress || undefined,
    privateIp: raw.PrivateIpAddress || undefined,
    ipv6Address: raw.Ipv6Address || undefined,
    launchTime: raw.LaunchTime,
    vpcId: raw.VpcId,
    subnetId: raw.SubnetId,
    ownerId: reservation?.OwnerId,
    platformDetails: raw.PlatformDetails,
    securityGroups: (raw.SecurityGroups ?? []).map((g) => ({ id: g.GroupId ?? '', name: g.GroupName })),
    volumes: (raw.BlockDeviceMappings ?? [])
      .filter((m) => m.Ebs?.VolumeId)
      .map((m) => ({ volumeId: m.Ebs?.VolumeId ?? '', device: m.DeviceName, deleteOnTermination: m.Ebs?.DeleteOnTermination })),
    tags,
    raw: keepRaw ? raw : undefined,
  };
}

/** Every instance of the region (all pages), or only `instanceIds`. Terminated instances included. */
export async function listInstances(session: AwsSession, region: string, instanceIds?: string[]): Promise<Ec2Instance[]> {
  const [{ paginateDescribeInstances }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const instances: Ec2Instance[] = [];
  const pages = paginateDescribeInstances(
    { client, pageSize: instanceIds ? undefined : 1000 },
    instanceIds ? { InstanceIds: instanceIds } : {},
  );
  for await (const page of pages) {
    for (const reservation of page.Reservations ?? []) {
      for (const raw of reservation.Instances ?? []) {
        instances.push(toEc2Instance(region, raw, reservation));
      }
    }
  }
  return instances.sort(compareInstances);
}

/** Running first, then by name (instances without a name last), then id. */
export function compareInstances(a: Pick<Ec2Instance, 'state' | 'name' | 'id'>, b: Pick<Ec2Instance, 'state' | 'name' | 'id'>): number {
  const rank = (i: Pick<Ec2Instance, 'state'>) => (i.state === 'terminated' ? 2 : i.state === 'running' ? 0 : 1);
  return rank(a) - rank(b) || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.id.localeCompare(b.id);
}

export interface InstanceFilter {
  /** Matches the Name tag or the id (case-insensitive substring). */
  readonly text?: string;
  readonly state?: string;
  readonly tag?: { key: string; value?: string };
}

/** Parses what a user types in the filter box: `web`, `state:running`, `env=prod`, or several. */
export function parseInstanceFilter(input: string): InstanceFilter {
  let text: string | undefined;
  let state: string | undefined;
  let tag: InstanceFilter['tag'];
  for (const word of input.trim().split(/\s+/).filter(Boolean)) {
    const stateMatch = /^state:(.+)$/i.exec(word);
    if (stateMatch) {
      state = stateMatch[1].toLowerCase();
    } else if (word.includes('=')) {
      const [key, ...rest] = word.split('=');
      tag = { key, value: rest.join('=') || undefined };
    } else {
      text = text ? `${text} ${word}` : word;
    }
  }
  return { text, state, tag };
}

export function matchesFilter(instance: Pick<Ec2Instance, 'state' | 'name' | 'id' | 'tags'>, filter: InstanceFilter): boolean {
  if (filter.state && instance.state !== filter.state) {
    return false;
  }
  if (filter.tag) {
    const value = instance.tags[filter.tag.key];
    if (value === undefined || (filter.tag.value !== undefined && value !== filter.tag.value)) {
      return false;
    }
  }
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    return instance.id.toLowerCase().includes(needle) || (instance.name ?? '').toLowerCase().includes(needle);
  }
  return true;
}

export type LifecycleAction = 'start' | 'stop' | 'reboot' | 'terminate';

/** Starts, stops, reboots or terminates instances (one call for all of them). */
export async function changeInstanceState(
  session: AwsSession,
  region: string,
  action: LifecycleAction,
  instanceIds: string[],
): Promise<void> {
  const [sdk, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const input = { InstanceIds: instanceIds };
  switch (action) {
    case 'start':
      await client.send(new sdk.StartInstancesCommand(input));
      break;
    case 'stop':
      await client.send(new sdk.StopInstancesCommand(input));
      break;
    case 'reboot':
      await client.send(new sdk.RebootInstancesCommand(input));
      break;
    case 'terminate':
      await client.send(new sdk.TerminateInstancesCommand(input));
      break;
  }
}

/** Waits (with the SDK's waiter and its back-off) until the instances are running, or the signal aborts. */
export async function waitUntilRunning(
  session: AwsSession,
  region: string,
  instanceIds: string[],
  abortSignal?: AbortSignal,
  maxWaitTime = 600,
): Promise<void> {
  const [{ waitUntilInstanceRunning }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  await waitUntilInstanceRunning({ client, maxWaitTime, minDelay: 2, maxDelay: 15, abortSignal }, { InstanceIds: instanceIds });
}

export async function getInstance(session: AwsSession, region: string, instanceId: string): Promise<Ec2Instance> {
  const [instance] = await listInstances(session, region, [instanceId]);
  if (!instance) {
    throw new UserError(
      l10n.t('The instance {0} was not found in {1}. It may have been terminated: refresh the view.', instanceId, region),
    );
  }
  return instance;
}

/** The AMI's name and description (to tell its login user), or undefined when it is gone. */
export async function describeImageText(session: AwsSession, region: string, imageId: string): Promise<string | undefined> {
  const [{ DescribeImagesCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  try {
    const out = await client.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
    const image = out.Images?.[0];
    return image ? `${image.Name ?? ''} ${image.Description ?? ''} ${image.PlatformDetails ?? ''}` : undefined;
  } catch {
    return undefined; // A deregistered AMI: the user is asked instead.
  }
}
