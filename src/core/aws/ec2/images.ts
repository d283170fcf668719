// The images (AMIs) the launch wizard offers: the current release of each distribution, resolved as
// the AWS console's Quick Start does, through AWS's public SSM parameters (one GetParameters call),
// for the architecture of the chosen instance type. When SSM is denied, the same releases are found
// with DescribeImages (owner and exact name prefix, newest per release); so is a release whose
// parameter SSM lists in InvalidParameters (not published in that region), that release alone.
// Amazon's images are looked up by the owner alias `amazon`: in opt-in regions (af-south-1,
// ap-east-1, eu-south-1, me-south-1, ap-southeast-3...) they belong to other accounts than
// 137112412989 (AWS's guide "Find the latest Amazon Linux AMI" uses `--owners amazon`).
import * as l10n from '@vscode/l10n';
import { type AwsSession } from '../session/awsSession';
import { describeError, UserError } from '../session/errors';
import { loadSdk } from '../sdk/loadSdk';

export type Architecture = 'x86_64' | 'arm64';

export interface ImageRelease {
  readonly key: string;
  readonly label: string;
  /** The login user of the distribution's images. */
  readonly user: string;
  parameter(arch: Architecture): string;
  /** Owner (account or alias) and name prefix of the release's images, for DescribeImages. */
  readonly owner: string;
  namePrefix(arch: Architecture): string;
}

const deb = (arch: Architecture) => (arch === 'arm64' ? 'arm64' : 'amd64');

/** The lab's choice (Ubuntu) first. */
export const IMAGE_RELEASES: readonly ImageRelease[] = [
  {
    key: 'ubuntu-24.04',
    label: 'Ubuntu Server 24.04 LTS',
    user: 'ubuntu',
    parameter: (a) => `/aws/service/canonical/ubuntu/server/24.04/stable/current/${deb(a)}/hvm/ebs-gp3/ami-id`,
    owner: '099720109477',
    namePrefix: (a) => `ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${deb(a)}-server-`,
  },
  {
    key: 'ubuntu-22.04',
    label: 'Ubuntu Server 22.04 LTS',
    user: 'ubuntu',
    parameter: (a) => `/aws/service/canonical/ubuntu/server/22.04/stable/current/${deb(a)}/hvm/ebs-gp2/ami-id`,
    owner: '099720109477',
    namePrefix: (a) => `ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-${deb(a)}-server-`,
  },
  {
    key: 'al2023',
    label: 'Amazon Linux 2023',
    user: 'ec2-user',
    parameter: (a) => `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${a}`,
    owner: 'amazon',
    namePrefix: () => 'al2023-ami-2023.',
  },
  {
    key: 'debian-13',
    label: 'Debian 13',
    user: 'admin',
    parameter: (a) => `/aws/service/debian/release/13/latest/${deb(a)}`,
    owner: '136693071363',
    namePrefix: (a) => `debian-13-${deb(a)}-`,
  },
  {
    key: 'debian-12',
    label: 'Debian 12',
    user: 'admin',
    parameter: (a) => `/aws/service/debian/release/12/latest/${deb(a)}`,
    owner: '136693071363',
    namePrefix: (a) => `debian-12-${deb(a)}-`,
  },
];

export interface ReleaseImage {
  readonly release: ImageRelease;
  readonly imageId: string;
}

export interface ImageListing {
  readonly images: ReleaseImage[];
  /** Set when SSM could not be used and the images were found with DescribeImages instead. */
  readonly fallbackReason?: string;
}

/** Graviton and other Arm types: the families whose name has a "g" after the generation digit (t4g, m7g, c7gn...), and a1. */
export function architectureOf(instanceType: string): Architecture {
  const family = instanceType.split('.')[0] ?? '';
  return family === 'a1' || /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? 'arm64' : 'x86_64';
}

/** The current image of each release for the architecture: SSM public parameters in one call, else DescribeImages. */
export async function listReleaseImages(session: AwsSession, region: string, arch: Architecture): Promise<ImageListing> {
  try {
    const [sdk, ssm] = await Promise.all([loadSdk(), session.ssm(region)]);
    const names = IMAGE_RELEASES.map((r) => r.parameter(arch));
    const out = await ssm.send(new sdk.GetParametersCommand({ Names: names }));
    const values = new Map((out.Parameters ?? []).map((p) => [p.Name ?? '', p.Value ?? '']));
    // A parameter not published in this region: that release is looked for with DescribeImages.
    const unpublished = new Set(out.InvalidParameters ?? []);
    const fallback = await describeReleaseImages(
      session,
      region,
      arch,
      IMAGE_RELEASES.filter((r) => unpublished.has(r.parameter(arch))),
    ).catch(() => [] as ReleaseImage[]); // DescribeImages denied too: the releases SSM did resolve are offered

    const images = IMAGE_RELEASES.map(
      (release) =>
        fallback.find((i) => i.release === release) ?? {
          release,
          imageId: values.get(release.parameter(arch)) ?? '',
        },
    ).filter((i) => /^ami-[0-9a-f]+$/.test(i.imageId));
    return { images };
  } catch (error) {
    const reason = describeError(error, { region });
    return { images: await describeReleaseImages(session, region, arch), fallbackReason: reason };
  }
}

/** The newest available image of each release (all by default), by owner and exact name prefix (no SSM needed). */
export async function describeReleaseImages(
  session: AwsSession,
  region: string,
  arch: Architecture,
  releases: readonly ImageRelease[] = IMAGE_RELEASES,
): Promise<ReleaseImage[]> {
  if (!releases.length) {
    return [];
  }
  const [sdk, ec2] = await Promise.all([loadSdk(), session.ec2(region)]);
  const found = await Promise.all(
    releases.map(async (release) => {
      const out = await ec2.send(
        new sdk.DescribeImagesCommand({
          Owners: [release.owner],
          Filters: [
            { Name: 'name', Values: [`${release.namePrefix(arch)}*`] },
            { Name: 'architecture', Values: [arch] },
            { Name: 'state', Values: ['available'] },
          ],
        }),
      );
      const newest = (out.Images ?? [])
        .filter((i) => (i.Name ?? '').startsWith(release.namePrefix(arch)))
        .sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
      return newest?.ImageId ? { release, imageId: newest.ImageId } : undefined;
    }),
  );
  return found.filter((i): i is ReleaseImage => !!i);
}

/** The publishers of the releases above, by account (AWS's alias is "amazon" or absent for them). */
const PUBLISHERS: Readonly<Record<string, string>> = { '099720109477': 'Canonical', '137112412989': 'Amazon', '136693071363': 'Debian' };

export interface ImageFacts {
  readonly imageId: string;
  readonly name?: string;
  readonly ownerId?: string;
  readonly ownerAlias?: string;
  /** Who published it: Canonical, Amazon or Debian for their accounts, else AWS's alias or the account. */
  readonly publisher?: string;
  readonly created?: string;
  readonly architecture?: string;
  readonly description?: string;
  /** "Linux/UNIX", "Windows", "Red Hat Enterprise Linux"...: the platform of its billing code. */
  readonly platformDetails?: string;
}

/** Name, owner, date and architecture of images by id (ids AWS does not know are left out). */
export async function describeImages(session: AwsSession, region: string, imageIds: string[]): Promise<Map<string, ImageFacts>> {
  const [sdk, ec2] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await ec2.send(new sdk.DescribeImagesCommand({ ImageIds: imageIds }));
  return new Map(
    (out.Images ?? []).map((i) => [
      i.ImageId ?? '',
      {
        imageId: i.ImageId ?? '',
        name: i.Name,
        ownerId: i.OwnerId,
        ownerAlias: i.ImageOwnerAlias,
        publisher: PUBLISHERS[i.OwnerId ?? ''] ?? (i.ImageOwnerAlias === 'amazon' ? 'Amazon' : i.ImageOwnerAlias) ?? i.OwnerId,
        created: i.CreationDate,
        architecture: i.Architecture,
        description: i.Description,
        platformDetails: i.PlatformDetails,
      },
    ]),
  );
}

/** One image typed or pasted by the user: its facts, or a sentence saying it cannot be used here. */
export async function describeTypedImage(session: AwsSession, region: string, imageId: string, arch: Architecture): Promise<ImageFacts> {
  let facts: ImageFacts | undefined;
  try {
    facts = (await describeImages(session, region, [imageId])).get(imageId);
  } catch (error) {
    if (!/InvalidAMIID/.test((error as { name?: string }).name ?? '')) {
      throw error;
    }
  }
  if (!facts) {
    throw new UserError(l10n.t('The image {0} does not exist in {1} (AMI ids differ from region to region).', imageId, region));
  }
  if (facts.architecture && facts.architecture !== arch) {
    throw new UserError(
      l10n.t(
        'The image {0} is for {1}, but the instance type runs {2}. Pick an image for {2} or another type.',
        imageId,
        facts.architecture,
        arch,
      ),
    );
  }
  return facts;
}
