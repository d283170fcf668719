import * as assert from 'assert';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { type SdkCall } from '../../../src/core/aws/session/cliTranscript';
import { describeError } from '../../../src/core/aws/session/errors';
import { architectureOf, describeTypedImage, IMAGE_RELEASES, listReleaseImages } from '../../../src/core/aws/ec2/images';
import { listInstanceTypes } from '../../../src/core/aws/ec2/instanceTypes';
import { AwsStandIn, publicParameters } from '../../support/awsStandIn';
import { ec2, motoUrl } from '../../support/moto';
import { ubuntuImage } from '../../support/seed';

const UBUNTU_24_ARM64 = '/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id';
const AL2023_ARM64 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';

describe('Launch choices from the account', () => {
  let proxy: AwsStandIn;
  let calls: SdkCall[];
  let session: AwsSession;
  let ubuntu: string;
  let arm: string;

  before(async () => {
    ubuntu = await ubuntuImage('eu-west-3');
    const { Images = [] } = await ec2('eu-west-3').send(
      new DescribeImagesCommand({ Filters: [{ Name: 'architecture', Values: ['arm64'] }] }),
    );
    arm = Images[0].ImageId!;
  });
  beforeEach(async () => {
    proxy = await new AwsStandIn(motoUrl()).start();
    calls = [];
    session = new AwsSession({ profile: 'moto', endpointUrl: proxy.url, maxAttempts: 1, onCall: (c) => calls.push(c) });
  });
  afterEach(async () => {
    session.dispose();
    await proxy.close();
  });

  it('resolves the current image of each release through the public SSM parameters, in one call, Ubuntu first', async () => {
    // Every release published in the region (as AWS does in eu-west-3): nothing else is asked.
    const published = Object.fromEntries(
      IMAGE_RELEASES.map((r, n) => [r.parameter('x86_64'), n === 0 ? ubuntu : `ami-0${n}`.padEnd(21, '0')]),
    );
    proxy.rules.push(publicParameters(published));
    const listing = await listReleaseImages(session, 'eu-west-3', 'x86_64');
    assert.strictEqual(listing.fallbackReason, undefined);
    assert.deepStrictEqual(
      listing.images.map((i) => [i.release.label, i.imageId, i.release.user]),
      IMAGE_RELEASES.map((r) => [r.label, published[r.parameter('x86_64')], r.user]),
    );
    assert.strictEqual(listing.images[0].imageId, ubuntu);
    assert.deepStrictEqual(
      calls.map((c) => [c.service, c.commandName, c.input.Names]),
      [['ssm', 'GetParametersCommand', IMAGE_RELEASES.map((r) => r.parameter('x86_64'))]],
    );
    assert.ok((calls[0].input.Names as string[]).length <= 10, 'GetParameters takes at most 10 names');
    assert.deepStrictEqual(
      IMAGE_RELEASES.map((r) => r.label),
      ['Ubuntu Server 24.04 LTS', 'Ubuntu Server 22.04 LTS', 'Amazon Linux 2023', 'Debian 13', 'Debian 12'],
    );
  });

  it('asks for the Arm images for a Graviton type', async () => {
    proxy.rules.push(publicParameters({ [UBUNTU_24_ARM64]: arm, [AL2023_ARM64]: arm }));
    const listing = await listReleaseImages(session, 'eu-west-3', architectureOf('t4g.micro'));
    assert.deepStrictEqual(
      listing.images.map((i) => i.release.key),
      ['ubuntu-24.04', 'al2023'],
    );
    assert.ok((calls[0].input.Names as string[]).every((n) => /arm64/.test(n)));
    for (const [type, arch] of [
      ['t4g.micro', 'arm64'],
      ['m7g.large', 'arm64'],
      ['c7gn.xlarge', 'arm64'],
      ['im4gn.large', 'arm64'],
      ['a1.medium', 'arm64'],
      ['t3.micro', 'x86_64'],
      ['t2.nano', 'x86_64'],
      ['g5.xlarge', 'x86_64'],
      ['r7iz.large', 'x86_64'],
    ]) {
      assert.strictEqual(architectureOf(type), arch, type);
    }
  });

  it('falls back to DescribeImages per release (owner and exact name prefix) when SSM is denied, and says why', async () => {
    proxy.rules.push({
      match: (r) => r.service === 'ssm',
      fault: {
        kind: 'error',
        status: 400,
        contentType: 'application/x-amz-json-1.1',
        body: JSON.stringify({
          __type: 'AccessDeniedException',
          message: 'User: arn:aws:iam::123456789012:user/student is not authorized to perform: ssm:GetParameters',
        }),
      },
    });
    const listing = await listReleaseImages(session, 'eu-west-3', 'x86_64');
    assert.match(listing.fallbackReason ?? '', /^Access denied in eu-west-3/);
    const described = calls.filter((c) => c.commandName === 'DescribeImagesCommand');
    assert.deepStrictEqual(
      described.map((c) => [c.input.Owners, (c.input.Filters as Array<{ Name: string; Values: string[] }>)[0].Values[0]]),
      [
        [['099720109477'], 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*'],
        [['099720109477'], 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*'],
        [['amazon'], 'al2023-ami-2023.*'],
        [['136693071363'], 'debian-13-amd64-*'],
        [['136693071363'], 'debian-12-amd64-*'],
      ],
    );
    // Of these releases, the emulator's catalogue holds Amazon Linux 2023 images only: the newest is offered.
    assert.deepStrictEqual(
      listing.images.map((i) => i.release.key),
      ['al2023'],
    );
    const { Images = [] } = await ec2('eu-west-3').send(
      new DescribeImagesCommand({
        Owners: ['137112412989'],
        Filters: [
          { Name: 'name', Values: ['al2023-ami-2023.*'] },
          { Name: 'architecture', Values: ['x86_64'] },
        ],
      }),
    );
    const newest = Images.sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
    assert.strictEqual(listing.images[0].imageId, newest.ImageId);
  });

  // Issue #30, point 7. Source checked: the SSM API reference, GetParameters ("InvalidParameters: A list
  // of parameters that aren't formatted correctly or don't run during an execution"; a public parameter
  // not published in a region is listed there, not in Parameters) and botocore's ssm service model.
  it('looks for a release SSM does not publish in the region (InvalidParameters) with DescribeImages, that release alone', async () => {
    const published = Object.fromEntries(
      IMAGE_RELEASES.filter((r) => r.key !== 'al2023').map((r, n) => [r.parameter('x86_64'), `ami-0${n + 1}`.padEnd(21, '0')]),
    );
    proxy.rules.push(publicParameters(published));
    const listing = await listReleaseImages(session, 'eu-west-3', 'x86_64');
    assert.strictEqual(listing.fallbackReason, undefined);
    assert.deepStrictEqual(
      listing.images.map((i) => i.release.key),
      IMAGE_RELEASES.map((r) => r.key),
      'Amazon Linux 2023 is still offered',
    );
    const described = calls.filter((c) => c.commandName === 'DescribeImagesCommand');
    assert.deepStrictEqual(
      described.map((c) => c.input.Owners),
      [['amazon']],
      'one DescribeImages, for the unpublished release only',
    );
    const al2023 = listing.images.find((i) => i.release.key === 'al2023')!;
    const { Images = [] } = await ec2('eu-west-3').send(new DescribeImagesCommand({ ImageIds: [al2023.imageId] }));
    assert.match(Images[0]?.Name ?? '', /^al2023-ami-2023\./);
  });

  // Issue #30, point 4. Source checked: AWS's guide "Find the latest Amazon Linux AMI" (`aws ec2
  // describe-images --owners amazon`) and the EC2 API reference of DescribeImages (Owners takes an
  // account id or the aliases self, amazon, aws-marketplace; an image's ImageOwnerAlias is "amazon").
  // The stand-in answers as EC2 does in an opt-in region where Amazon's images belong to another account.
  it('finds Amazon Linux by the owner alias "amazon", also where Amazon\'s images belong to another account (opt-in regions)', async () => {
    const optInOwner = '111122223333';
    proxy.rules.push(
      {
        match: (r) => r.service === 'ssm',
        fault: {
          kind: 'error',
          status: 400,
          contentType: 'application/x-amz-json-1.1',
          body: JSON.stringify({ __type: 'AccessDeniedException', message: 'not authorized to perform: ssm:GetParameters' }),
        },
      },
      {
        match: (r) => r.region === 'af-south-1' && r.action === 'DescribeImages',
        fault: {
          kind: 'answer',
          answer: (body) => {
            const params = new URLSearchParams(body);
            const owners = [...params.entries()].filter(([k]) => /^Owner\.\d+$/.test(k)).map(([, v]) => v);
            const image = `<item><imageId>ami-0af0000000000a123</imageId><imageLocation>amazon/al2023-ami-2023.6.20250101.0-kernel-6.1-x86_64</imageLocation><imageState>available</imageState><imageOwnerId>${optInOwner}</imageOwnerId><creationDate>2025-01-02T03:04:05.000Z</creationDate><isPublic>true</isPublic><architecture>x86_64</architecture><imageType>machine</imageType><imageOwnerAlias>amazon</imageOwnerAlias><name>al2023-ami-2023.6.20250101.0-kernel-6.1-x86_64</name><rootDeviceType>ebs</rootDeviceType><virtualizationType>hvm</virtualizationType><platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation></item>`;
            const wanted = /al2023/.test(params.get('Filter.1.Value.1') ?? '') && owners.some((o) => o === optInOwner || o === 'amazon');
            return {
              status: 200,
              contentType: 'text/xml;charset=UTF-8',
              body: `<?xml version="1.0" encoding="UTF-8"?><DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>00000000-0000-0000-0000-000000000000</requestId><imagesSet>${wanted ? image : ''}</imagesSet></DescribeImagesResponse>`,
            };
          },
        },
      },
    );
    const listing = await listReleaseImages(session, 'af-south-1', 'x86_64');
    assert.match(listing.fallbackReason ?? '', /Access denied/);
    assert.deepStrictEqual(
      listing.images.map((i) => [i.release.key, i.imageId]),
      [['al2023', 'ami-0af0000000000a123']],
    );
  });

  it('describes an AMI id typed by the user, and refuses an unknown one or one of the other architecture in a sentence', async () => {
    const facts = await describeTypedImage(session, 'eu-west-3', ubuntu, 'x86_64');
    assert.strictEqual(facts.ownerId, '099720109477');
    assert.match(facts.name ?? '', /^ubuntu\/images\//);
    const unknown = await describeTypedImage(session, 'eu-west-3', 'ami-0123456789abcdef0', 'x86_64').catch((e: unknown) =>
      describeError(e),
    );
    assert.strictEqual(unknown, 'The image ami-0123456789abcdef0 does not exist in eu-west-3 (AMI ids differ from region to region).');
    const wrongArch = await describeTypedImage(session, 'eu-west-3', arm, 'x86_64').catch((e: unknown) => describeError(e));
    assert.strictEqual(
      wrongArch,
      `The image ${arm} is for arm64, but the instance type runs x86_64. Pick an image for x86_64 or another type.`,
    );
  });

  it('offers the instance types the region offers, with vCPUs, memory, architecture and free tier as AWS reports them', async () => {
    const types = await listInstanceTypes(session, 'eu-west-3');
    const t3 = types.find((t) => t.type === 't3.micro')!;
    assert.deepStrictEqual([t3.vcpus, t3.memoryMib, t3.architectures], [2, 1024, ['x86_64']]);
    const t4g = types.find((t) => t.type === 't4g.micro')!;
    assert.deepStrictEqual(t4g.architectures, ['arm64']);
    // Free tier as this account's answer says (t3 and t4g, micro and small, today), not as a fixed list would.
    assert.deepStrictEqual(
      types.filter((t) => t.freeTier).map((t) => t.type),
      ['t3.micro', 't4g.micro', 't3.small', 't4g.small'],
    );
    assert.deepStrictEqual(
      calls.map((c) => c.commandName),
      ['DescribeInstanceTypeOfferingsCommand', 'DescribeInstanceTypesCommand'],
    );
  });
});
