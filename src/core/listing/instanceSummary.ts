// What the extension host holds of an instance listed for the tree: what a row shows, sorts, counts,
// filters by state or name and prices. The full record (tags, groups, volumes' devices, addresses)
// stays in the listing worker, asked for on hover or by a command (OffThreadLister.details).
import { INSTANCE_AUTO_STOP_TAG } from '../aws/cloudwatch/autoStop';
import { type Ec2Instance } from '../aws/ec2/instances';

export interface InstanceSummary extends Pick<
  Ec2Instance,
  'region' | 'id' | 'name' | 'state' | 'type' | 'publicIp' | 'publicDnsName' | 'platformDetails' | 'launchTime' | 'ownerId'
> {
  /** The attached volumes (the row expands to them; clean-up prices those deleted with it). */
  readonly volumes: ReadonlyArray<{ readonly volumeId: string; readonly deleteOnTermination?: boolean }>;
  /** The tags a row needs (EC2 Workbench's stop-when-idle tag), not all of them. */
  readonly tags: Readonly<Record<string, string>>;
}

const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

/** The summary of a full record. */
export function summarize(i: Ec2Instance): InstanceSummary {
  const stop = i.tags[INSTANCE_AUTO_STOP_TAG];
  return {
    region: i.region,
    id: i.id,
    name: i.name,
    state: i.state,
    type: i.type,
    publicIp: i.publicIp,
    publicDnsName: i.publicDnsName,
    platformDetails: i.platformDetails,
    launchTime: i.launchTime,
    ownerId: i.ownerId,
    volumes: i.volumes.map((v) => ({ volumeId: v.volumeId, deleteOnTermination: v.deleteOnTermination })),
    tags: stop === undefined ? NO_TAGS : { [INSTANCE_AUTO_STOP_TAG]: stop },
  };
}

/**
 * Shares the values many summaries repeat (region, state, type, platform, owner, no tags) once they
 * reach the host: each message is a copy, so without this every summary holds its own copies.
 */
export function sharedValues(): (s: InstanceSummary) => InstanceSummary {
  const strings = new Map<string, string>();
  const one = <T extends string | undefined>(v: T): T => {
    if (v === undefined) {
      return v;
    }
    let known = strings.get(v);
    if (known === undefined) {
      known = v;
      strings.set(v, v);
    }
    return known as T;
  };
  return (s) => ({
    ...s,
    region: one(s.region),
    state: one(s.state),
    type: one(s.type),
    platformDetails: one(s.platformDetails),
    ownerId: one(s.ownerId),
    tags: Object.keys(s.tags).length === 0 ? NO_TAGS : s.tags,
  });
}
