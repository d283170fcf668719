// Prices from the Price List Query API (a loopback stand-in with AWS's answer shape, in front of
// moto for everything else): the filters sent, the totals of a seeded account, the week-long disk
// cache, and the denied path.
import * as assert from 'assert';
import { AllocateAddressCommand, CreateVolumeCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { estimateRegion, PriceBook } from '../../../src/core/aws/pricing/regionCosts';
import { describeError } from '../../../src/core/aws/session/errors';
import { PRICE_CACHE_MAX_AGE_MS, PriceCache } from '../../../src/core/aws/pricing/priceCache';
import { createApplicationLoadBalancer } from '../../../src/core/aws/elb/applicationLoadBalancers';
import { type Ec2Instance } from '../../../src/core/aws/ec2/instances';
import { HOURS_PER_MONTH, instancePriceKey, priceFromList } from '../../../src/core/aws/pricing/pricing';
import { ec2, elb, motoUrl, resetMoto } from '../../support/moto';
import {
  PricingStandIn,
  STAND_IN_IPV4_PRICE,
  standInApplicationLoadBalancerPrice,
  standInInstancePrice,
  standInLoadBalancerPrice,
  standInVolumePrice,
} from '../../support/pricingStandIn';
import { defaultSubnet, runInstances } from '../../support/seed';

const near = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} is not ${expected}`);

describe('Prices (Price List API stand-in)', function () {
  this.timeout(60_000);
  let standIn: PricingStandIn;
  let session: AwsSession;
  let dir: string;
  let clock: number;
  const now = () => clock;
  const seeded: Record<string, string> = {};

  before(async () => {
    await resetMoto();
    standIn = await new PricingStandIn(motoUrl()).start();
    session = new AwsSession({ profile: 'moto', endpointUrl: standIn.url });
    // eu-west-3: two running t2.micro and one t3.small stopped, with a 10 GiB gp3 volume attached,
    // a classic load balancer and an Elastic IP left unattached.
    const paris = await defaultSubnet('eu-west-3', 'eu-west-3a');
    const web = await runInstances('eu-west-3', { name: 'web', count: 2, type: 't2.micro', subnetId: paris.id });
    const [stopped] = await runInstances('eu-west-3', { name: 'idle', type: 't3.small', subnetId: paris.id });
    await ec2('eu-west-3').send(new StopInstancesCommand({ InstanceIds: [stopped] }));
    const volume = await ec2('eu-west-3').send(new CreateVolumeCommand({ AvailabilityZone: paris.az, Size: 10, VolumeType: 'gp3' }));
    await elb('eu-west-3').send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'lab-elb',
        Subnets: [paris.id],
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }],
      }),
    );
    const eip = await ec2('eu-west-3').send(new AllocateAddressCommand({ Domain: 'vpc' }));
    // us-east-1: one running t3.micro.
    const [virginia] = await runInstances('us-east-1', { name: 'api', type: 't3.micro' });
    Object.assign(seeded, { web1: web[0], web2: web[1], stopped, volume: volume.VolumeId!, eip: eip.AllocationId!, virginia });
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ec2wb-prices-'));
    clock = Date.parse('2026-11-20T10:00:00Z');
    standIn.requests.length = 0;
    standIn.denied = false;
  });

  after(async () => {
    session.dispose();
    await standIn.close();
  });

  const book = () => new PriceBook(session, new PriceCache(dir, now), now);

  it('sends GetProducts to us-east-1 with the TERM_MATCH filters of each thing priced, and nothing more', async () => {
    await estimateRegion(session, book(), 'eu-west-3');
    const sent = standIn.requests.map((r) => ({
      service: r.ServiceCode,
      region: r.signedRegion,
      format: r.FormatVersion,
      filters: Object.fromEntries((r.Filters ?? []).map((f) => [f.Field, `${f.Type} ${f.Value}`])),
    }));
    const sorted = <T>(list: T[]) => list.map((x) => JSON.stringify(x)).sort();
    const where = { regionCode: 'TERM_MATCH eu-west-3' };
    // moto gives its instances gp2 root volumes: gp2 is priced as well as the gp3 volume.
    const storage = (api: string) => ({
      service: 'AmazonEC2',
      region: 'us-east-1',
      format: 'aws_v1',
      filters: { ...where, productFamily: 'TERM_MATCH Storage', volumeApiName: `TERM_MATCH ${api}` },
    });
    assert.deepStrictEqual(
      sorted(sent),
      sorted([
        {
          service: 'AWSELB',
          region: 'us-east-1',
          format: 'aws_v1',
          filters: { ...where, productFamily: 'TERM_MATCH Load Balancer' },
        },
        storage('gp2'),
        storage('gp3'),
        {
          service: 'AmazonEC2',
          region: 'us-east-1',
          format: 'aws_v1',
          filters: {
            ...where,
            instanceType: 'TERM_MATCH t2.micro',
            // The usage operation of Linux/UNIX (EC2 User Guide, "AMI billing information fields"),
            // and the on-demand market only, as AWS's Karpenter pricing provider asks.
            operation: 'TERM_MATCH RunInstances',
            tenancy: 'TERM_MATCH Shared',
            capacitystatus: 'TERM_MATCH Used',
            marketoption: 'TERM_MATCH OnDemand',
          },
        },
        // One call answers both the in-use hour (running instances) and the idle one (the unattached Elastic IP).
        { service: 'AmazonVPC', region: 'us-east-1', format: 'aws_v1', filters: { ...where, group: 'TERM_MATCH VPCPublicIPv4Address' } },
      ]),
    );
  });

  it('totals a seeded account: running instances of two types in two regions, a stopped one with its volume, a classic load balancer, an unattached Elastic IP', async () => {
    const b = book();
    const paris = await estimateRegion(session, b, 'eu-west-3');
    const virginia = await estimateRegion(session, b, 'us-east-1');
    const byId = new Map(paris.items.map((i) => [`${i.kind} ${i.id}`, i.perHour]));
    const t2 = standInInstancePrice('eu-west-3', 't2.micro');
    near(byId.get(`instance ${seeded.web1}`)!, t2, 'web-1');
    near(byId.get(`instance ${seeded.web2}`)!, t2, 'web-2');
    assert.ok(!byId.has(`instance ${seeded.stopped}`), 'a stopped instance costs nothing');
    const gp3 = (standInVolumePrice('eu-west-3', 'gp3') * 10) / HOURS_PER_MONTH;
    near(byId.get(`volume ${seeded.volume}`)!, gp3, 'the 10 GiB gp3 volume');
    near(byId.get('loadBalancer lab-elb')!, standInLoadBalancerPrice('eu-west-3'), 'the classic load balancer');
    near(byId.get(`elasticIp ${seeded.eip}`)!, STAND_IN_IPV4_PRICE, 'the unattached Elastic IP');
    near(byId.get(`publicIpv4 ${seeded.web1}`)!, STAND_IN_IPV4_PRICE, "web-1's public IPv4 address");
    // moto gives root volumes to its instances too: each is priced like any volume of its type.
    const roots = paris.items.filter((i) => i.kind === 'volume' && i.id !== seeded.volume);
    const expected =
      2 * t2 + gp3 + standInLoadBalancerPrice('eu-west-3') + 3 * STAND_IN_IPV4_PRICE + roots.reduce((s, i) => s + i.perHour, 0);
    near(paris.perHour, expected, 'eu-west-3 total');
    assert.strictEqual(paris.currency, 'USD');
    const t3 = virginia.items.find((i) => i.id === seeded.virginia && i.kind === 'instance');
    near(t3!.perHour, standInInstancePrice('us-east-1', 't3.micro'), 'the us-east-1 t3.micro');
  });

  it('keeps prices on disk for a week: a second window asks nothing, a week later it asks again', async () => {
    await estimateRegion(session, book(), 'eu-west-3');
    const first = standIn.requests.length;
    assert.ok(first > 0);
    assert.ok(fs.existsSync(path.join(dir, 'eu-west-3.json')));
    // A new book (a new window) on the same folder, six days later.
    clock += PRICE_CACHE_MAX_AGE_MS - 24 * 3600 * 1000;
    const again = await estimateRegion(session, book(), 'eu-west-3');
    assert.strictEqual(standIn.requests.length, first, 'no second call within the week');
    assert.ok(again.perHour > 0);
    clock += 2 * 24 * 3600 * 1000;
    await estimateRegion(session, book(), 'eu-west-3');
    assert.strictEqual(standIn.requests.length, 2 * first, 'asked again once the week is over');
  });

  it('asks once for a price many callers want at the same time', async () => {
    const b = book();
    await Promise.all([
      estimateRegion(session, b, 'us-east-1'),
      estimateRegion(session, b, 'us-east-1'),
      estimateRegion(session, b, 'us-east-1'),
    ]);
    const keys = standIn.requests.map((r) => JSON.stringify(r.Filters));
    assert.strictEqual(new Set(keys).size, keys.length, `duplicates among ${keys.join('\n')}`);
  });

  it('rejects with one readable sentence when the Price List API is denied, and caches nothing', async () => {
    standIn.denied = true;
    const error = await estimateRegion(session, book(), 'eu-west-3').then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    );
    assert.strictEqual((error as Error).name, 'AccessDeniedException');
    assert.match(describeError(error, { profile: 'moto' }), /^Access denied: the profile "moto" is not allowed/);
    assert.ok(!fs.existsSync(path.join(dir, 'eu-west-3.json')));
  });

  // Issue #30, point 1. Source checked: the AWSELB Price List (product family "Load Balancer-Application",
  // usagetype <REGION>-LoadBalancerUsage and <REGION>-LCUUsage, operation LoadBalancing:Application) and
  // AWS's Elastic Load Balancing pricing page (an hour plus LCU-hours by use).
  it('prices an application load balancer: its hour in the total, its LCU-hour as a usage note, from one GetProducts call', async () => {
    const [a, b] = await Promise.all([defaultSubnet('us-east-1', 'us-east-1a'), defaultSubnet('us-east-1', 'us-east-1b')]);
    await createApplicationLoadBalancer(session, 'us-east-1', {
      name: 'lab-alb',
      vpcId: a.vpcId,
      subnetIds: [a.id, b.id],
      listenerPort: 80,
      targetGroup: { name: 'lab-alb-targets', port: 80, healthCheckPath: '/' },
    });
    const virginia = await estimateRegion(session, book(), 'us-east-1');
    const alb = virginia.items.find((i) => i.kind === 'loadBalancer' && i.id === 'lab-alb');
    assert.ok(alb, `no item for the ALB among ${virginia.items.map((i) => `${i.kind} ${i.id}`).join(', ')}`);
    const expected = standInApplicationLoadBalancerPrice('us-east-1');
    near(alb.perHour, expected.perHour, 'the ALB hour');
    assert.strictEqual(alb.key, 'loadBalancer:application');
    assert.deepStrictEqual(alb.usagePrice, { perUnit: expected.perLcuHour, unit: 'LCU-Hrs', currency: 'USD' });
    const others = virginia.items.filter((i) => i !== alb).reduce((sum, i) => sum + i.perHour, 0);
    near(virginia.perHour, others + expected.perHour, 'the us-east-1 total includes the ALB hour');
    const albCalls = standIn.requests.filter((r) => r.ServiceCode === 'AWSELB');
    assert.deepStrictEqual(
      albCalls.map((r) => r.Filters?.map((f) => `${f.Field}=${f.Value}`)),
      [['regionCode=us-east-1', 'productFamily=Load Balancer-Application']],
      'the hour and the LCU-hour come from one call',
    );
  });

  // Issue #30, point 2. Sources checked: AWS's Karpenter pricing provider (pkg/providers/pricing:
  // marketoption=OnDemand, capacitystatus=Used, tenancy=Shared, $0 prices skipped) and the EC2 User
  // Guide's "AMI billing information fields" (PlatformDetails ↔ usage operation = the Price List's operation).
  it('prices an instance by its platform, on demand only: no Capacity Block row, no $0 row, "unknown" for a platform AWS does not list', async () => {
    const instance = (region: string, id: string, type: string, platformDetails?: string): Ec2Instance => ({
      region,
      id,
      type,
      state: 'running',
      platformDetails,
      securityGroups: [],
      volumes: [],
      tags: {},
    });
    const none = { volumes: [], loadBalancers: [], addresses: [] };
    const virginia = await estimateRegion(session, book(), 'us-east-1', {
      ...none,
      instances: [
        instance('us-east-1', 'i-0000000000000001a', 't3.micro', 'Linux/UNIX'),
        instance('us-east-1', 'i-0000000000000002a', 't3.micro', 'Windows'),
        instance('us-east-1', 'i-0000000000000003a', 't3.micro', 'Red Hat Enterprise Linux'),
        instance('us-east-1', 'i-0000000000000004a', 't3.micro', 'SUSE Linux'),
        instance('us-east-1', 'i-0000000000000005a', 'g5.xlarge', 'Linux/UNIX'),
        instance('us-east-1', 'i-0000000000000006a', 't3.micro', 'An OS of the Marketplace'),
      ],
    });
    const price = (id: string) => virginia.items.find((i) => i.id === id)?.perHour;
    near(price('i-0000000000000001a')!, standInInstancePrice('us-east-1', 't3.micro'), 'Linux/UNIX');
    near(price('i-0000000000000002a')!, standInInstancePrice('us-east-1', 't3.micro', 'Windows'), 'Windows');
    near(price('i-0000000000000003a')!, standInInstancePrice('us-east-1', 't3.micro', 'Red Hat Enterprise Linux'), 'RHEL');
    near(price('i-0000000000000004a')!, standInInstancePrice('us-east-1', 't3.micro', 'SUSE Linux'), 'SUSE');
    near(price('i-0000000000000005a')!, standInInstancePrice('us-east-1', 'g5.xlarge'), 'the GPU type, not its Capacity Block row');
    assert.strictEqual(price('i-0000000000000006a'), undefined, 'no price guessed for an unknown platform');
    assert.deepStrictEqual(virginia.unknownPlatform, ['i-0000000000000006a']);
    assert.strictEqual(instancePriceKey('t3.micro', 'An OS of the Marketplace'), undefined);
    const paris = await estimateRegion(session, book(), 'eu-west-3', {
      ...none,
      instances: [instance('eu-west-3', 'i-0000000000000007a', 't3.small', 'Linux/UNIX')],
    });
    near(paris.items[0]?.perHour ?? 0, standInInstancePrice('eu-west-3', 't3.small'), 'the $0.00 row is skipped');
    for (const r of standIn.requests.filter((q) => q.ServiceCode === 'AmazonEC2')) {
      assert.ok(
        r.Filters?.some((f) => f.Field === 'marketoption' && f.Value === 'OnDemand'),
        JSON.stringify(r.Filters),
      );
    }
  });

  it('reads only the on-demand term, in the unit of the thing priced', () => {
    const entry = JSON.stringify({
      product: { productFamily: 'Compute Instance', attributes: { instanceType: 't3.micro', usagetype: 'BoxUsage:t3.micro' } },
      terms: {
        Reserved: { 'A.B': { priceDimensions: { 'A.B.C': { unit: 'Hrs', pricePerUnit: { USD: '0.001' } } } } },
        OnDemand: {
          'A.D': {
            priceDimensions: {
              'A.D.E': { unit: 'Quantity', pricePerUnit: { USD: '99' } },
              'A.D.F': { unit: 'Hrs', pricePerUnit: { CNY: '0.07' } },
            },
          },
        },
      },
    });
    assert.deepStrictEqual(priceFromList('instance:t3.micro', [entry]), { perUnit: 0.07, unit: 'Hrs', currency: 'CNY' });
    assert.strictEqual(priceFromList('instance:t3.micro', ['not json', '{}']), undefined);
  });
});
