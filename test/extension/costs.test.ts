// What it costs, in the real extension host: the extension's endpoint is a loopback stand-in that
// answers the Price List API (GetProducts) and forwards every other call to moto. The tree shows
// before the prices (the stand-in holds them), then each region's description and each instance's
// tooltip carry the price; the command, the clean-up review and the launch summary say the same
// figures; a denied Price List API shows no price and one log line.
import * as assert from 'assert';
import {
  AttachVolumeCommand,
  CreateVolumeCommand,
  DescribeInstancesCommand,
  StopInstancesCommand,
  waitUntilVolumeAvailable,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import * as vscode from 'vscode';
import { HOURS_PER_MONTH } from '../../src/core/aws/pricing/pricing';
import { type ExplorerNode } from '../../src/explorer/explorerNode';
import { Workbench } from '../../src/workbench';
import { ec2, elb, motoUrl, resetMoto } from '../support/moto';
import {
  PricingStandIn,
  STAND_IN_IPV4_PRICE,
  standInInstancePrice,
  standInLoadBalancerPrice,
  standInVolumePrice,
} from '../support/pricingStandIn';
import { defaultSubnet, runInstances } from '../support/seed';
import { child, nodeAt, refreshAll, workbench } from './helpers';

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
const settings = () => vscode.workspace.getConfiguration('ec2Workbench');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await pause(50)) {
    if (check()) return;
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Estimate {
  perHourUsd: number;
  items: Array<{ region: string; kind: string; id: string; perHourUsd: number; sinceStartUsd?: number; runningHours?: number }>;
}

describe('What it costs', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let standIn: PricingStandIn;
  const ids: Record<string, string> = {};
  /** The item the tree view shows for a node: the explorer's, with the prices added. */
  /** The item as the view shows it on hover: prices added, the tooltip resolved. */
  const shown = (node: ExplorerNode) => {
    const item = wb.costs.decorate(node, wb.explorer.getTreeItem(node));
    return item.tooltip === undefined && node.tooltip ? wb.costs.decorate(node, wb.explorer.resolveTreeItem(item, node)) : item;
  };
  const tooltipOf = (node: ExplorerNode) => {
    const tooltip = shown(node).tooltip;
    // appendText escapes punctuation and spaces: read it as it renders.
    const text = typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
    return text.replace(/&nbsp;/g, ' ').replace(/\\([^\w\s])/g, '$1');
  };

  before(async () => {
    wb = await workbench();
    await resetMoto();
    const subnet = await defaultSubnet('eu-west-3', 'eu-west-3a');
    const lab = { 'ec2-workbench': 'lab' };
    const [webA] = await runInstances('eu-west-3', { name: 'web-a', type: 't2.micro', subnetId: subnet.id, tags: lab });
    const [webB] = await runInstances('eu-west-3', { name: 'web-b', type: 't2.micro', subnetId: subnet.id });
    const [idle] = await runInstances('eu-west-3', { name: 'idle', type: 't3.small', subnetId: subnet.id });
    const { VolumeId } = await ec2('eu-west-3').send(new CreateVolumeCommand({ AvailabilityZone: subnet.az, Size: 10, VolumeType: 'gp3' }));
    await waitUntilVolumeAvailable({ client: ec2('eu-west-3'), maxWaitTime: 30 }, { VolumeIds: [VolumeId!] });
    await ec2('eu-west-3').send(new AttachVolumeCommand({ VolumeId, InstanceId: idle, Device: '/dev/sdf' }));
    await ec2('eu-west-3').send(new StopInstancesCommand({ InstanceIds: [idle] }));
    await elb('eu-west-3').send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'lab-elb',
        Subnets: [subnet.id],
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }],
        Tags: [{ Key: 'ec2-workbench', Value: 'lab' }],
      }),
    );
    const [api] = await runInstances('us-east-1', { name: 'api', type: 't3.micro' });
    Object.assign(ids, { webA, webB, idle, volume: VolumeId!, api });
    standIn = await new PricingStandIn(motoUrl()).start();
    await settings().update('regions', ['eu-west-3', 'us-east-1'], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await settings().update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('regions', undefined, vscode.ConfigurationTarget.Global);
    await standIn.close();
  });

  it('shows the tree while the prices load, then adds them to the regions and the instances', async () => {
    const release = standIn.hold();
    try {
      // A new endpoint: a new session, a new price cache folder, a full refresh.
      await settings().update('endpointUrl', standIn.url, vscode.ConfigurationTarget.Global);
      await refreshAll(wb);
      const paris = await nodeAt(wb, 'eu-west-3');
      assert.strictEqual(shown(paris).description, '2 running');
      await until('the first GetProducts request', () => standIn.requests.length > 0);
      // Prices are being asked and held: the tree still answers, regions and groups open.
      assert.strictEqual(shown(paris).description, '2 running');
      assert.strictEqual(shown(await nodeAt(wb, 'us-east-1')).description, '1 running');
      const web = await child(wb, await child(wb, paris, 'Instances'), 'web-a');
      assert.doesNotMatch(tooltipOf(web), /Price/);
    } finally {
      release();
    }
    await until('the eu-west-3 price', () => !!wb.costs.regionEstimate('eu-west-3'));
    await until('the us-east-1 price', () => !!wb.costs.regionEstimate('us-east-1'));
    const paris = await nodeAt(wb, 'eu-west-3');
    const total = wb.costs.regionEstimate('eu-west-3')!.perHour;
    const dollars = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
    assert.strictEqual(shown(paris).description, `2 running · ${dollars.format(total)}/h`);
    assert.match(tooltipOf(paris), /On-demand estimate: \$0\.\d+\/h, \$\d+\.\d\d\/day/);
    assert.match(tooltipOf(paris), /\(https:\/\/aws\.amazon\.com\/ec2\/pricing\/on-demand\/\)/);
    const instances = await child(wb, paris, 'Instances');
    const web = tooltipOf(await child(wb, instances, 'web-a'));
    assert.match(web, /Price:\*\* \$0\.0132\/h on demand \(estimate\) {2}\n\+ \$0\.005\/h for its public IPv4 address/);
    assert.match(web, /\[AWS pricing\]\(https:\/\/aws\.amazon\.com\/ec2\/pricing\/on-demand\/\)/);
    const gp3 = (standInVolumePrice('eu-west-3', 'gp3') * 10) / HOURS_PER_MONTH;
    const idle = tooltipOf(await child(wb, instances, 'idle'));
    assert.match(idle, /stopped, the instance costs nothing but its volumes do: \$0\.\d{4}\/h/);
    const idleVolumes = wb.costs
      .regionEstimate('eu-west-3')!
      .items.filter((i) => i.kind === 'volume' && i.attachedTo === ids.idle)
      .reduce((s, i) => s + i.perHour, 0);
    assert.ok(idleVolumes > gp3, 'the stopped instance still pays its root volume and the 10 GiB gp3 one');
  });

  it('estimateCost resolves to the same figures, from the cache (no second call within the week)', async () => {
    const asked = standIn.requests.length;
    const result = await run<Estimate>('estimateCost', { regions: ['eu-west-3', 'us-east-1'] });
    assert.strictEqual(standIn.requests.length, asked, 'every price came from the cache');
    const item = (kind: string, id: string) => result.items.find((i) => i.kind === kind && i.id === id)?.perHourUsd;
    assert.strictEqual(item('instance', ids.webA), standInInstancePrice('eu-west-3', 't2.micro'));
    assert.strictEqual(item('instance', ids.webB), standInInstancePrice('eu-west-3', 't2.micro'));
    assert.strictEqual(item('instance', ids.api), standInInstancePrice('us-east-1', 't3.micro'));
    assert.strictEqual(item('instance', ids.idle), undefined, 'a stopped instance costs nothing');
    assert.strictEqual(item('loadBalancer', 'lab-elb'), standInLoadBalancerPrice('eu-west-3'));
    assert.strictEqual(item('publicIpv4', ids.webA), STAND_IN_IPV4_PRICE);
    assert.ok(Math.abs(item('volume', ids.volume)! - (standInVolumePrice('eu-west-3', 'gp3') * 10) / HOURS_PER_MONTH) < 1e-8);
    const sum = result.items.reduce((s, i) => s + i.perHourUsd, 0);
    assert.ok(Math.abs(result.perHourUsd - sum) < 1e-6, `${result.perHourUsd} is the sum of the items (${sum})`);
    const regionTotals = wb.costs.regionEstimate('eu-west-3')!.perHour + wb.costs.regionEstimate('us-east-1')!.perHour;
    assert.ok(Math.abs(result.perHourUsd - regionTotals) < 1e-6, 'the same total as the tree');
    await assert.rejects(run('estimateCost', { regions: ['Paris'] }), /"Paris" is not a region code such as eu-west-3\./);
  });

  it('the clean-up review says what the selection costs per day', async () => {
    const placeholders: string[] = [];
    const descriptions: string[] = [];
    const watch = wb.prompter.onDidShow(async (prompt) => {
      const qp = prompt as vscode.QuickPick<vscode.QuickPickItem>;
      await until('the review items', () => !qp.busy && qp.items.length > 0);
      placeholders.push(qp.placeholder ?? '');
      descriptions.push(...qp.items.map((i) => `${i.label}: ${i.description}`));
      qp.hide();
    });
    try {
      assert.strictEqual(await run('cleanUp', { regions: ['eu-west-3'], interactive: true }), undefined, 'Escape deletes nothing');
    } finally {
      watch.dispose();
    }
    const perHour = standInLoadBalancerPrice('eu-west-3');
    assert.ok(descriptions.includes(`lab-elb: load balancer · eu-west-3 · $${(perHour * 24).toFixed(2)}/day`), descriptions.join('\n'));
    assert.ok(
      descriptions.some((d) => d.startsWith(`web-a (${ids.webA}): instance · eu-west-3 · $0.`)),
      descriptions.join('\n'),
    );
    assert.match(
      placeholders[0],
      /^Deleting the selection saves about \$\d+\.\d\d\/day \(on-demand estimate\)\. Untick what to keep; the rest is deleted$/,
    );
  });

  it('the launch summary gives the price per hour of the chosen type times the count', async () => {
    const subnet = await defaultSubnet('eu-west-3', 'eu-west-3a');
    const seen: string[] = [];
    const watch = wb.prompter.onDidShow(async (prompt) => {
      const qp = prompt as vscode.QuickPick<vscode.QuickPickItem>;
      await until('the summary items', () => !qp.busy && qp.items.length > 0);
      seen.push(...qp.items.map((i) => `${i.label} | ${i.detail ?? ''}`));
      qp.hide();
    });
    try {
      const result = run('launchInstance', {
        region: 'eu-west-3',
        name: 'priced',
        imageId: 'ami-0123456789abcdef0',
        instanceType: 't2.micro',
        keyName: '',
        subnetId: subnet.id,
        securityGroupIds: [],
        count: 3,
        userData: '',
        autoStop: false,
        interactive: true,
      });
      assert.strictEqual(await result, undefined, 'Escape launches nothing');
    } finally {
      watch.dispose();
    }
    assert.strictEqual(seen[0], '$(rocket) Launch | 3 × $0.0132/h = $0.0396/h (on-demand estimate)');
  });

  it("prices the launch summary and the reminder on the instance's platform (PlatformDetails), as the tree does", async () => {
    const linux = await wb.costs.instancePrice('eu-west-3', 't2.micro');
    assert.deepStrictEqual(linux, { perHour: 0.0132, currency: 'USD' });
    assert.deepStrictEqual(await wb.costs.instancePrice('eu-west-3', 't2.micro', 'Linux/UNIX'), linux);
    // The stand-in's Windows row is twice the Linux one, RHEL three times (test/support/pricingStandIn.ts).
    const windows = await wb.costs.instancePrice('eu-west-3', 't2.micro', 'Windows');
    assert.strictEqual(windows?.perHour, 0.0264);
    assert.strictEqual((await wb.costs.instancePrice('eu-west-3', 't2.micro', 'Red Hat Enterprise Linux'))?.perHour, 0.0396);
    assert.strictEqual(await wb.costs.launchPrice('eu-west-3', 't2.micro', 2, 'Windows'), '2 × $0.0264/h = $0.0528/h (on-demand estimate)');
    // A platform AWS's table does not list: no price rather than the Linux one.
    assert.strictEqual(await wb.costs.instancePrice('eu-west-3', 't2.micro', 'An OS of the Marketplace'), undefined);
  });

  it('shows no price when the Price List API is denied, and says why in one log line', async () => {
    const denied = await new PricingStandIn(motoUrl()).start();
    denied.denied = true;
    try {
      const logged = wb.costs.problemsLogged;
      await settings().update('endpointUrl', denied.url, vscode.ConfigurationTarget.Global);
      await refreshAll(wb);
      await until('the denial', () => wb.costs.unavailable !== undefined);
      await pause(500); // The other region's pricing, if any were asked, would have logged by now.
      assert.strictEqual(wb.costs.problemsLogged, logged + 1, 'one log line, not one per region');
      assert.match(
        wb.costs.unavailable!,
        /^Prices could not be read from the AWS Price List API: Access denied: the profile "moto" is not allowed/,
      );
      assert.strictEqual(shown(await nodeAt(wb, 'eu-west-3')).description, '2 running');
      assert.doesNotMatch(tooltipOf(await child(wb, await nodeAt(wb, 'eu-west-3', 'Instances'), 'web-a')), /Price/);
      await assert.rejects(
        run('estimateCost', { regions: ['eu-west-3'] }),
        /Prices could not be read from the AWS Price List API: Access denied/,
      );
    } finally {
      await settings().update('endpointUrl', standIn.url, vscode.ConfigurationTarget.Global);
      await denied.close();
    }
  });

  it('cost so far (issue #31): hours since the last start and their estimate, in estimateCost and the tooltip; alarms beyond the 10 free ones', async () => {
    // 11 more instances with a stop-when-idle alarm each, in us-east-1 (web-a gets one too: 12 in all).
    const more = await runInstances('us-east-1', { count: 11, type: 't3.micro' });
    for (const id of [...more, ids.webA]) {
      await run('setAutoStop', { region: id === ids.webA ? 'eu-west-3' : 'us-east-1', instanceId: id, idleMinutes: 60 });
    }
    await refreshAll(wb);
    const result = await run<Estimate>('estimateCost', { regions: ['eu-west-3', 'us-east-1'] });
    const web = result.items.find((i) => i.kind === 'instance' && i.id === ids.webA)!;
    const launched = (await ec2('eu-west-3').send(new DescribeInstancesCommand({ InstanceIds: [ids.webA] }))).Reservations![0].Instances![0]
      .LaunchTime!;
    const hours = (Date.now() - launched.getTime()) / 3_600_000;
    assert.ok(web.runningHours !== undefined && Math.abs(web.runningHours - hours) < 0.01, `${web.runningHours} h, about ${hours}`);
    assert.ok(Math.abs(web.sinceStartUsd! - web.perHourUsd * web.runningHours!) < 1e-6);
    assert.strictEqual(
      result.items.find((i) => i.kind === 'instance' && i.id === ids.idle),
      undefined,
    );
    assert.ok(
      result.items.filter((i) => i.kind !== 'instance').every((i) => i.sinceStartUsd === undefined && i.runningHours === undefined),
    );
    const alarms = result.items.filter((i) => i.kind === 'alarm');
    assert.strictEqual(alarms.length, 2, '12 alarms, 10 free');
    for (const a of alarms) {
      assert.match(a.id, /^ec2-workbench-idle-i-[0-9a-f]+$/);
      assert.ok(Math.abs(a.perHourUsd - 0.1 / 730) < 1e-8, 'CloudWatch: $0.10 per alarm-month');
    }
    const tooltip = tooltipOf(await child(wb, await nodeAt(wb, 'eu-west-3', 'Instances'), 'web-a'));
    assert.match(tooltip, /Since last start:\*\* \d+ min, about \$0\.\d+ \(on-demand estimate\)/);
  });
  it('every price follows the resources after each action: the region total, its tree description and estimateCost (issue #27)', async () => {
    await settings().update('endpointUrl', standIn.url, vscode.ConfigurationTarget.Global);
    await refreshAll(wb);
    await until('the eu-west-3 price', () => !!wb.costs.regionEstimate('eu-west-3'));
    const subnet = await defaultSubnet('eu-west-3', 'eu-west-3a');
    const has = (kind: string, id: string) => !!wb.costs.regionEstimate('eu-west-3')?.items.some((i) => i.kind === kind && i.id === id);
    const total = () => wb.costs.regionEstimate('eu-west-3')!.perHour;
    const dollars = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
    const described = async () => {
      const paris = await nodeAt(wb, 'eu-west-3');
      return String(shown(paris).description).endsWith(`${dollars.format(total())}/h`);
    };
    const follows = async (what: string, check: () => boolean, before: number, more: boolean) => {
      await until(what, check, 30_000);
      assert.ok(more ? total() > before : total() < before, `${what}: ${before} -> ${total()}`);
      assert.ok(await described(), `${what}: the tree shows the new total`);
    };

    let before = total();
    const alb = await run<{ dnsName: string }>('createLoadBalancer', {
      region: 'eu-west-3',
      name: 'priced-alb',
      type: 'application',
      subnetIds: [subnet.id, (await defaultSubnet('eu-west-3', 'eu-west-3b')).id],
    });
    assert.ok(alb.dnsName);
    await follows('a new application load balancer in the total', () => has('loadBalancer', 'priced-alb'), before, true);

    before = total();
    const { volumeId } = await run<{ volumeId: string }>('createVolume', { region: 'eu-west-3', availabilityZone: subnet.az, sizeGiB: 50 });
    await follows('a new volume in the total', () => has('volume', volumeId), before, true);

    before = total();
    await run('stopInstances', { region: 'eu-west-3', instanceIds: [ids.webB], confirmed: true });
    await follows('a stopped instance out of the total', () => !has('instance', ids.webB), before, false);

    before = total();
    await run('deleteLoadBalancer', { region: 'eu-west-3', loadBalancerName: 'priced-alb', confirmed: true });
    await follows('a deleted load balancer out of the total', () => !has('loadBalancer', 'priced-alb'), before, false);

    before = total();
    await run('deleteVolume', { region: 'eu-west-3', volumeId, confirmed: true });
    await follows('a deleted volume out of the total', () => !has('volume', volumeId), before, false);

    const result = await run<Estimate>('estimateCost', { regions: ['eu-west-3'] });
    assert.ok(Math.abs(result.perHourUsd - total()) < 1e-6, 'the command says the same total');
  });
  it('Clean Up says what still costs and why: the resources EC2 Workbench did not create, by name, with their price (issue #27)', async () => {
    await settings().update('endpointUrl', standIn.url, vscode.ConfigurationTarget.Global);
    await refreshAll(wb);
    await until('the eu-west-3 price', () => !!wb.costs.regionEstimate('eu-west-3'));
    const messages: string[] = [];
    const original = vscode.window.showInformationMessage;
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = (message: string, ...rest: unknown[]) => {
      messages.push(message);
      return (original as (...a: unknown[]) => unknown)(message, ...rest);
    };
    let report: { deleted: string[]; left?: Array<{ id: string; name: string; reason: string; perHourUsd: number }> };
    try {
      report = await run('cleanUp', { regions: ['eu-west-3'], confirmed: true, deleteLocalKeys: false });
    } finally {
      (vscode.window as { showInformationMessage: unknown }).showInformationMessage = original;
    }
    // web-a and lab-elb carry the lab tag: deleted. web-b and idle (its volumes) do not: left, and said so.
    assert.ok(report.deleted.includes(ids.webA) && report.deleted.includes('lab-elb'), report.deleted.join(', '));
    const left = report.left!;
    assert.ok(left.length > 0, 'something is still billed');
    assert.ok(
      left.every((l) => l.reason === 'notOurs' && !report.deleted.includes(l.id)),
      JSON.stringify(left),
    );
    assert.ok(
      left.some((l) => l.id === ids.idle && l.name === `idle (${ids.idle})`),
      JSON.stringify(left),
    );
    const after = wb.costs.regionEstimate('eu-west-3')!.perHour;
    const sum = left.reduce((s, l) => s + l.perHourUsd, 0);
    assert.ok(Math.abs(after - sum) < 1e-6, `what is left (${sum}) is the region's new total (${after})`);
    const said = messages.find((m) => m.startsWith('Deleted '))!;
    assert.match(
      said,
      /Still billed: about \$0\.\d+\/h for .*idle \(i-[0-9a-f]+\).*, which EC2 Workbench did not create \(it deletes only what it made/,
    );
  });
});
