// The single-pass condenser of DescribeInstances answers (src/core/listing/instanceRecords.ts) against the
// AWS SDK's own parser and deserializer: the same XML goes through the real EC2Client (its
// DescribeInstances deserializer, answered in memory by a request handler) and through toEc2Instance,
// and must give the same records as the condenser. The XML is AWS's layout (4 spaces a level, see
// test/support/fastEc2Server.ts) or one line, with tags holding &, <, non-ASCII text.
import * as assert from 'assert';
import fc from 'fast-check';
import { EC2Client, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { condenseDescribeInstances } from '../../../src/core/listing/instanceRecords';
import { type Ec2Instance, toEc2Instance } from '../../../src/core/aws/ec2/instances';
import { indentXml, startFastEc2Server } from '../../support/fastEc2Server';

const REGION = 'eu-west-3';
const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** What the SDK's deserializer makes of `xml`, through toEc2Instance as the in-thread listing does. */
async function viaSdk(xml: string): Promise<{ instances: Ec2Instance[]; nextToken?: string }> {
  const client = new EC2Client({
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    requestHandler: {
      handle: async () => ({
        response: { statusCode: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: Buffer.from(xml) },
      }),
    } as never,
  });
  const out = await client.send(new DescribeInstancesCommand({}));
  client.destroy();
  const instances = (out.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => toEc2Instance(REGION, i, r, false)));
  return { instances: instances.map(({ raw: _raw, ...rest }) => rest), nextToken: out.NextToken || undefined };
}

async function pageOf(indent: boolean): Promise<string> {
  const server = await startFastEc2Server({ regions: { [REGION]: 40 }, indent });
  try {
    const res = await fetch(server.url, {
      method: 'POST',
      body: 'Action=DescribeInstances&MaxResults=30',
      headers: { authorization: `AWS4-HMAC-SHA256 Credential=t/20260101/${REGION}/ec2/aws4_request` },
    });
    return await res.text();
  } finally {
    await server.close();
  }
}

// ---- Generated instances, written as AWS writes them -------------------------------------------

type Text = { value: string; style: 'escaped' | 'numeric' | 'cdata' };
type Field = { absent: true } | { empty: true } | Text;

/** A text written as escaped text, with numeric references, or as a CDATA section. */
function writeText(t: Text): string {
  if (t.style === 'cdata' && !t.value.includes(']]>')) {
    return `<![CDATA[${t.value}]]>`;
  }
  const named = { '&': '&amp;', '<': '&lt;', '>': '&gt;' } as Record<string, string>;
  return t.value.replace(/[&<>]/g, (c) => (t.style === 'numeric' ? `&#${c.charCodeAt(0)};` : named[c]));
}

const element = (name: string, f: Field) => ('absent' in f ? '' : 'empty' in f ? `<${name}/>` : `<${name}>${writeText(f)}</${name}>`);

// Any text: ASCII with XML's special characters and whitespace, or any Unicode.
const anyText = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '&', '<', '>', ']', ' ', '\n', '\r', '\t', ';', '#', '"', "'"), maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('R&D <lab> · café', '&amp;', ' x ', '\n  ', '東京 🚀', 'a]]>b'),
);
const text = fc.record({ value: anyText, style: fc.constantFrom<Text['style']>('escaped', 'numeric', 'cdata') });
const word = fc.record({ value: fc.stringMatching(/^[a-z0-9.:-]{1,16}$/), style: fc.constant<Text['style']>('escaped') });
const field = (value: fc.Arbitrary<Text>) => fc.oneof(fc.constant<Field>({ absent: true }), fc.constant<Field>({ empty: true }), value);

const instance = fc.record({
  instanceId: word,
  state: fc.option(fc.constantFrom('pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'), { nil: undefined }),
  instanceType: field(word),
  availabilityZone: field(word),
  imageId: field(word),
  keyName: field(text),
  dnsName: field(word),
  ipAddress: field(word),
  privateIpAddress: field(word),
  launchTime: fc.option(
    fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    { nil: undefined },
  ),
  vpcId: field(word),
  subnetId: field(word),
  platformDetails: field(text),
  groups: fc.array(fc.record({ id: word, name: field(text) }), { maxLength: 3 }),
  devices: fc.array(
    fc.record({ device: field(word), volumeId: field(word), deleteOnTermination: fc.option(fc.boolean(), { nil: undefined }) }),
    {
      maxLength: 3,
    },
  ),
  tags: fc.array(fc.record({ key: text, value: field(text) }), { maxLength: 8 }),
  // Elements the explorer does not read, some with the names of ones it does, deeper down.
  noise: fc.boolean(),
});
type GeneratedInstance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function instanceXml(i: GeneratedInstance): string {
  const list = (name: string, items: string[]) =>
    items.length ? `<${name}>${items.map((x) => `<item>${x}</item>`).join('')}</${name}>` : `<${name}/>`;
  return [
    '<item>',
    element('instanceId', i.instanceId),
    element('imageId', i.imageId),
    i.state ? `<instanceState><code>16</code><name>${i.state}</name></instanceState>` : '',
    element('privateDnsName', { value: 'ip-10-0-0-1.internal', style: 'escaped' }),
    element('dnsName', i.dnsName),
    element('keyName', i.keyName),
    element('instanceType', i.instanceType),
    i.launchTime ? `<launchTime>${i.launchTime}</launchTime>` : '',
    `<placement>${element('availabilityZone', i.availabilityZone)}<tenancy>default</tenancy></placement>`,
    element('subnetId', i.subnetId),
    element('vpcId', i.vpcId),
    element('privateIpAddress', i.privateIpAddress),
    element('ipAddress', i.ipAddress),
    list(
      'groupSet',
      i.groups.map((g) => `${element('groupId', g.id)}${element('groupName', g.name)}`),
    ),
    list(
      'blockDeviceMapping',
      i.devices.map(
        (d) =>
          `${element('deviceName', d.device)}<ebs>${element('volumeId', d.volumeId)}<status>attached</status>${
            d.deleteOnTermination === undefined ? '' : `<deleteOnTermination>${d.deleteOnTermination}</deleteOnTermination>`
          }</ebs>`,
      ),
    ),
    list(
      'tagSet',
      i.tags.map((t) => `${element('key', t.key)}${element('value', t.value)}`),
    ),
    i.noise
      ? '<!-- a comment --><networkInterfaceSet><item><privateIpAddress>10.9.9.9</privateIpAddress><groupSet><item><groupId>sg-other</groupId></item></groupSet><association><ipOwnerId>amazon</ipOwnerId></association></item></networkInterfaceSet><metadataOptions><state>applied</state></metadataOptions>'
      : '',
    element('platformDetails', i.platformDetails),
    '</item>',
  ].join('');
}

const answer = fc.record({
  reservations: fc.array(fc.record({ ownerId: field(word), instances: fc.array(instance, { maxLength: 3 }) }), { maxLength: 3 }),
  nextToken: fc.option(word, { nil: undefined }),
  indent: fc.boolean(),
});

function answerXml(a: typeof answer extends fc.Arbitrary<infer T> ? T : never): string {
  const reservations = a.reservations
    .map(
      (r) =>
        `<item><reservationId>r-1</reservationId>${element('ownerId', r.ownerId)}<groupSet/><instancesSet>${r.instances.map(instanceXml).join('')}</instancesSet></item>`,
    )
    .join('');
  const body = `<DescribeInstancesResponse xmlns="${NS}"><requestId>req</requestId><reservationSet>${reservations}</reservationSet>${
    a.nextToken ? element('nextToken', a.nextToken) : ''
  }</DescribeInstancesResponse>`;
  // indentXml lays out elements and text; CDATA and comments stay where they are.
  return `<?xml version="1.0" encoding="UTF-8"?>\n${a.indent ? indentXml(body) : body}\n`;
}

describe('DescribeInstances condensed in one pass', () => {
  for (const indent of [true, false]) {
    it(`gives the SDK deserializer's records for the fast endpoint's answer, ${indent ? "AWS's layout (4 spaces a level)" : 'on one line'}`, async () => {
      const xml = await pageOf(indent);
      assert.strictEqual(xml.includes('\n    <reservationSet>'), indent);
      assert.ok(xml.includes('R&amp;D &lt;lab&gt; · café'), 'a tag with &, < and non-ASCII text');
      const condensed = condenseDescribeInstances(REGION, xml);
      const expected = await viaSdk(xml);
      assert.strictEqual(condensed.instances.length, 30);
      assert.ok(condensed.nextToken);
      assert.deepStrictEqual(condensed, expected);
      assert.strictEqual(condensed.instances[1].tags.project, 'R&D <lab> · café 1');
    });
  }

  it('gives the same records as the SDK for generated answers (fast-check, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        const xml = answerXml(a);
        assert.deepStrictEqual(condenseDescribeInstances(REGION, xml), await viaSdk(xml));
      }),
      { seed: 29, numRuns: 300 },
    );
  });

  it('reads an empty answer and an answer without reservations', () => {
    assert.deepStrictEqual(condenseDescribeInstances(REGION, '<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>'), {
      instances: [],
      nextToken: undefined,
    });
    assert.deepStrictEqual(condenseDescribeInstances(REGION, ''), { instances: [] });
  });

  it('says so when the answer is cut short', () => {
    assert.throws(
      () => condenseDescribeInstances(REGION, '<DescribeInstancesResponse><reservationSet><item><instancesSet><item><instanceId>i-1'),
      /unexpected end/,
    );
  });
});
