// The instance types the launch wizard offers, as the account sees them: the lab's usual small
// types that the region (or the subnet's zone) offers (DescribeInstanceTypeOfferings), with vCPUs,
// memory, architecture and free-tier eligibility as AWS reports them (DescribeInstanceTypes).
import type { _InstanceType } from '@aws-sdk/client-ec2';
import { type AwsSession } from '../session/awsSession';
import { loadSdk } from '../sdk/loadSdk';

/** The small general-purpose types a lab or a side project starts with, x86 and Arm (Graviton). */
export const CANDIDATE_TYPES = ['t3.micro', 't2.micro', 't2.nano', 't4g.micro', 't3.small', 't4g.small', 't3.medium', 't3.large'];

export interface InstanceTypeInfo {
  readonly type: string;
  readonly vcpus?: number;
  readonly memoryMib?: number;
  readonly architectures: string[];
  readonly freeTier: boolean;
}

/** The candidate types offered where the instance would run, in the candidates' order. */
export async function listInstanceTypes(session: AwsSession, region: string, availabilityZone?: string): Promise<InstanceTypeInfo[]> {
  const [sdk, ec2] = await Promise.all([loadSdk(), session.ec2(region)]);
  const offered = await ec2.send(
    new sdk.DescribeInstanceTypeOfferingsCommand({
      LocationType: availabilityZone ? 'availability-zone' : 'region',
      Filters: [
        { Name: 'instance-type', Values: CANDIDATE_TYPES },
        ...(availabilityZone ? [{ Name: 'location', Values: [availabilityZone] }] : []),
      ],
    }),
  );
  const types = CANDIDATE_TYPES.filter((t) => (offered.InstanceTypeOfferings ?? []).some((o) => o.InstanceType === t));
  if (types.length === 0) {
    return [];
  }
  const out = await ec2.send(new sdk.DescribeInstanceTypesCommand({ InstanceTypes: types as _InstanceType[] }));
  const info = new Map((out.InstanceTypes ?? []).map((t) => [t.InstanceType ?? '', t]));
  return types.map((type) => {
    const t = info.get(type);
    return {
      type,
      vcpus: t?.VCpuInfo?.DefaultVCpus,
      memoryMib: t?.MemoryInfo?.SizeInMiB,
      architectures: t?.ProcessorInfo?.SupportedArchitectures ?? [],
      freeTier: t?.FreeTierEligible === true,
    };
  });
}
