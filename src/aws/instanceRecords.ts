// Condenses a DescribeInstances answer (its raw XML, parsed by the SDK's own XML parser) straight
// into the explorer's compact records. The SDK's generic deserializer builds every field of every
// instance first, which costs about six times as much as this for a page of 1,000 instances.
import { type Ec2Instance, type InstanceState } from './instances';
import { type Sdk } from './loadSdk';

type XmlNode = Record<string, unknown>;

/** The items of an EC2 list element (`<x><item>…</item></x>`): none, one or many. */
function items(list: unknown): XmlNode[] {
  const item = (list as XmlNode | undefined)?.item;
  return item === undefined ? [] : Array.isArray(item) ? (item as XmlNode[]) : [item as XmlNode];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function condenseInstance(region: string, raw: XmlNode, ownerId: string | undefined): Ec2Instance {
  const tags: Record<string, string> = {};
  for (const t of items(raw.tagSet)) {
    tags[String(t.key ?? '')] = String(t.value ?? '');
  }
  const launch = text(raw.launchTime);
  return {
    region,
    id: String(raw.instanceId ?? ''),
    name: tags.Name || undefined,
    state: (text((raw.instanceState as XmlNode | undefined)?.name) ?? 'pending') as InstanceState,
    type: text(raw.instanceType),
    availabilityZone: text((raw.placement as XmlNode | undefined)?.availabilityZone),
    imageId: text(raw.imageId),
    keyName: text(raw.keyName),
    publicDnsName: text(raw.dnsName),
    publicIp: text(raw.ipAddress),
    privateIp: text(raw.privateIpAddress),
    ipv6Address: text(raw.ipv6Address),
    launchTime: launch ? new Date(launch) : undefined,
    vpcId: text(raw.vpcId),
    subnetId: text(raw.subnetId),
    ownerId,
    platformDetails: text(raw.platformDetails),
    securityGroups: items(raw.groupSet).map((g) => ({ id: String(g.groupId ?? ''), name: text(g.groupName) })),
    volumes: items(raw.blockDeviceMapping)
      .filter((m) => text((m.ebs as XmlNode | undefined)?.volumeId))
      .map((m) => {
        const ebs = m.ebs as XmlNode;
        const deleteOnTermination = text(ebs.deleteOnTermination);
        return {
          volumeId: String(ebs.volumeId),
          device: text(m.deviceName),
          deleteOnTermination: deleteOnTermination === undefined ? undefined : deleteOnTermination === 'true',
        };
      }),
    tags,
  };
}

/** The compact records and next token of one DescribeInstances page, from its XML. */
export function condenseDescribeInstances(
  parseXML: Sdk['parseXML'],
  region: string,
  xml: string,
): { instances: Ec2Instance[]; nextToken?: string } {
  const doc = parseXML(xml) as XmlNode;
  const root = (doc.DescribeInstancesResponse ?? Object.values(doc)[0] ?? {}) as XmlNode;
  const instances: Ec2Instance[] = [];
  for (const reservation of items(root.reservationSet)) {
    const owner = text(reservation.ownerId);
    for (const raw of items(reservation.instancesSet)) {
      instances.push(condenseInstance(region, raw, owner));
    }
  }
  return { instances, nextToken: text(root.nextToken) };
}
