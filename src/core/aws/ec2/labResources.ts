// "Clean up lab resources": find what EC2 Workbench created (tag ec2-workbench=lab) and delete it
// in dependency order: load balancers (an application one with its listeners), target groups,
// instances (waited until terminated), volumes, security groups, key pairs. What cannot be deleted is reported with the reason.
import * as l10n from '@vscode/l10n';
import {
  deleteApplicationLoadBalancer,
  deleteTargetGroup,
  listApplicationLoadBalancers,
  listTargetGroups,
} from '../elb/applicationLoadBalancers';
import { type AwsSession } from '../session/awsSession';
import { describeError } from '../session/errors';
import { listInstances } from './instances';
import { isManaged, MANAGED_TAG, nameTag } from '../session/tags';
import { loadSdk } from '../sdk/loadSdk';
import { mapLimit } from '../session/concurrency';
import { listAutoStops, removeAutoStop } from '../cloudwatch/autoStop';

export type CleanUpKind = 'loadBalancer' | 'targetGroup' | 'instance' | 'volume' | 'securityGroup' | 'keyPair' | 'alarm';

export interface CleanUpItem {
  readonly region: string;
  readonly kind: CleanUpKind;
  /** Id; name for classic load balancers and key pairs; ARN for application load balancers and target groups. */
  readonly id: string;
  readonly label: string;
}

const ORDER: CleanUpKind[] = ['loadBalancer', 'targetGroup', 'instance', 'volume', 'securityGroup', 'keyPair', 'alarm'];

export async function findLabResources(session: AwsSession, regions: string[]): Promise<CleanUpItem[]> {
  const sdk = await loadSdk();
  const perRegion = await mapLimit(regions, 8, async (region) => {
    const ec2 = await session.ec2(region);
    const elb = await session.elb(region);
    const filter = [{ Name: `tag:${MANAGED_TAG.Key}`, Values: [MANAGED_TAG.Value] }];
    const [instances, volumes, groups, keys, lbs] = await Promise.all([
      listInstances(session, region),
      ec2.send(new sdk.DescribeVolumesCommand({ Filters: filter })),
      ec2.send(new sdk.DescribeSecurityGroupsCommand({ Filters: filter })),
      ec2.send(new sdk.DescribeKeyPairsCommand({})),
      elb.send(new sdk.DescribeLoadBalancersCommand({})),
    ]);
    const items: CleanUpItem[] = [];
    const lbNames = (lbs.LoadBalancerDescriptions ?? []).map((l) => l.LoadBalancerName ?? '').filter(Boolean);
    // DescribeTags takes at most 20 names per call.
    for (let i = 0; i < lbNames.length; i += 20) {
      const tags = await elb.send(new sdk.DescribeElbTagsCommand({ LoadBalancerNames: lbNames.slice(i, i + 20) }));
      for (const d of tags.TagDescriptions ?? []) {
        if (isManaged(d.Tags)) {
          items.push({ region, kind: 'loadBalancer', id: d.LoadBalancerName ?? '', label: d.LoadBalancerName ?? '' });
        }
      }
    }
    items.push(...(await findApplicationResources(session, region)));
    for (const i of instances) {
      if (i.state !== 'terminated' && i.tags[MANAGED_TAG.Key] === MANAGED_TAG.Value) {
        items.push({ region, kind: 'instance', id: i.id, label: i.name ? `${i.name} (${i.id})` : i.id });
      }
    }
    for (const v of volumes.Volumes ?? []) {
      // A volume deleted with its instance is not listed apart.
      if (isManaged(v.Tags) && !(v.Attachments ?? []).some((a) => a.DeleteOnTermination)) {
        items.push({
          region,
          kind: 'volume',
          id: v.VolumeId ?? '',
          label: nameTag(v.Tags) ? `${nameTag(v.Tags)} (${v.VolumeId})` : (v.VolumeId ?? ''),
        });
      }
    }
    for (const g of groups.SecurityGroups ?? []) {
      if (isManaged(g.Tags)) {
        items.push({ region, kind: 'securityGroup', id: g.GroupId ?? '', label: `${g.GroupName} (${g.GroupId})` });
      }
    }
    for (const k of keys.KeyPairs ?? []) {
      if (isManaged(k.Tags)) {
        items.push({ region, kind: 'keyPair', id: k.KeyName ?? '', label: k.KeyName ?? '' });
      }
    }
    // Stop-when-idle alarms whose instance is gone (those of the instances listed go with them).
    const alive = new Set(instances.filter((i) => i.state !== 'terminated').map((i) => i.id));
    const alarms = await listAutoStops(session, region).catch(() => []); // Without cloudwatch:DescribeAlarms, none are found.
    for (const a of alarms) {
      if (!alive.has(a.instanceId)) {
        items.push({ region, kind: 'alarm', id: a.instanceId, label: a.alarmName });
      }
    }
    return items;
  });
  return perRegion.flat().sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.region.localeCompare(b.region));
}

/** Tagged application load balancers and target groups of the region (DescribeTags takes 20 ARNs a call). */
async function findApplicationResources(session: AwsSession, region: string): Promise<CleanUpItem[]> {
  const [sdk, client] = await Promise.all([loadSdk(), session.elbv2(region)]);
  const balancers = await listApplicationLoadBalancers(session, region);
  const groups = await listTargetGroups(session, region);
  const candidates: CleanUpItem[] = [
    ...balancers.map((lb) => ({ region, kind: 'loadBalancer' as const, id: lb.arn, label: lb.name })),
    ...groups.map((g) => ({ region, kind: 'targetGroup' as const, id: g.arn, label: g.name })),
  ];
  const managed = new Set<string>();
  for (let i = 0; i < candidates.length; i += 20) {
    const out = await client.send(new sdk.DescribeV2TagsCommand({ ResourceArns: candidates.slice(i, i + 20).map((c) => c.id) }));
    for (const d of out.TagDescriptions ?? []) {
      if (isManaged(d.Tags) && d.ResourceArn) {
        managed.add(d.ResourceArn);
      }
    }
  }
  return candidates.filter((c) => managed.has(c.id));
}

export interface CleanUpReport {
  readonly deleted: string[];
  readonly failed: Array<{ id: string; reason: string }>;
}

export async function deleteLabResources(
  session: AwsSession,
  items: CleanUpItem[],
  onStep?: (message: string) => void,
): Promise<CleanUpReport> {
  const sdk = await loadSdk();
  const deleted: string[] = [];
  const failed: Array<{ id: string; reason: string }> = [];
  const attempt = async (item: CleanUpItem, work: () => Promise<unknown>) => {
    onStep?.(l10n.t('Deleting {0}', item.label));
    try {
      await work();
      deleted.push(item.id);
    } catch (error) {
      failed.push({ id: item.id, reason: describeError(error, { region: item.region, profile: session.profileName }) });
    }
  };
  const of = (kind: CleanUpKind) => items.filter((i) => i.kind === kind);
  for (const lb of of('loadBalancer')) {
    await attempt(lb, async () =>
      lb.id.startsWith('arn:')
        ? deleteApplicationLoadBalancer(session, lb.region, lb.id)
        : (await session.elb(lb.region)).send(new sdk.DeleteLoadBalancerCommand({ LoadBalancerName: lb.id })),
    );
  }
  for (const g of of('targetGroup')) {
    await attempt(g, () => deleteTargetGroup(session, g.region, g.id));
  }
  const byRegion = new Map<string, CleanUpItem[]>();
  for (const i of of('instance')) {
    byRegion.set(i.region, [...(byRegion.get(i.region) ?? []), i]);
  }
  for (const [region, instances] of byRegion) {
    const client = await session.ec2(region);
    const ids = instances.map((i) => i.id);
    try {
      onStep?.(
        ids.length === 1 ? l10n.t('Terminating 1 instance in {0}', region) : l10n.t('Terminating {0} instances in {1}', ids.length, region),
      );
      await client.send(new sdk.TerminateInstancesCommand({ InstanceIds: ids }));
      await sdk.waitUntilInstanceTerminated({ client, maxWaitTime: 600, minDelay: 2, maxDelay: 15 }, { InstanceIds: ids });
      deleted.push(...ids);
    } catch (error) {
      const reason = describeError(error, { region, profile: session.profileName });
      failed.push(...ids.map((id) => ({ id, reason })));
      continue;
    }
    try {
      // Their stop-when-idle alarms go with them (a terminated instance loses its tags by itself).
      await removeAutoStop(session, region, ids, false);
    } catch (error) {
      failed.push({
        id: ids.map((id) => `ec2-workbench-idle-${id}`).join(', '),
        reason: describeError(error, { region, profile: session.profileName }),
      });
    }
  }
  // Alarms whose instance was already gone: the item's id is the instance id.
  const orphans = new Map<string, CleanUpItem[]>();
  for (const a of of('alarm')) {
    orphans.set(a.region, [...(orphans.get(a.region) ?? []), a]);
  }
  for (const [region, alarms] of orphans) {
    try {
      await removeAutoStop(
        session,
        region,
        alarms.map((a) => a.id),
        false,
      );
      deleted.push(...alarms.map((a) => a.id));
    } catch (error) {
      const reason = describeError(error, { region, profile: session.profileName });
      failed.push(...alarms.map((a) => ({ id: a.label, reason })));
    }
  }
  for (const v of of('volume')) {
    await attempt(v, async () => {
      try {
        await (await session.ec2(v.region)).send(new sdk.DeleteVolumeCommand({ VolumeId: v.id }));
      } catch (error) {
        // A root volume goes with its instance: already gone is done.
        if ((error as { name?: string }).name !== 'InvalidVolume.NotFound') {
          throw error;
        }
      }
    });
  }
  for (const g of of('securityGroup')) {
    await attempt(g, async () => (await session.ec2(g.region)).send(new sdk.DeleteSecurityGroupCommand({ GroupId: g.id })));
  }
  for (const k of of('keyPair')) {
    await attempt(k, async () => (await session.ec2(k.region)).send(new sdk.DeleteKeyPairCommand({ KeyName: k.id })));
  }
  return { deleted, failed };
}
