import * as assert from 'assert';
import * as vscode from 'vscode';
import { BalancerStandIn } from '../support/balancerStandIn';
import { motoUrl, resetMoto } from '../support/moto';
import { defaultSubnet, runInstances } from '../support/seed';
import { workbench } from './helpers';

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
type Result = { ok: number; byBackend: Record<string, number> };

// The sandbox's stand-in balancers (test/support/balancerStandIn.ts) follow the emulator: the load
// test's chart changes with register and deregister, for classic and application balancers.
describe('Sandbox balancers follow the emulator', () => {
  let standIn: BalancerStandIn;
  let web: string[];
  let subnets: Array<{ id: string }>;

  before(async () => {
    await workbench();
    await resetMoto();
    subnets = [await defaultSubnet('eu-west-3', 'eu-west-3a'), await defaultSubnet('eu-west-3', 'eu-west-3b')];
    web = await runInstances('eu-west-3', { name: 'web', count: 4, subnetId: subnets[0].id });
    standIn = await new BalancerStandIn({ endpoint: motoUrl(), regions: ['eu-west-3'], refreshMs: 0 }).start();
  });
  after(() => standIn.close());

  for (const type of ['classic', 'application'] as const) {
    it(`${type}: each request goes to an instance registered and in service now`, async () => {
      const name = `follow-${type === 'classic' ? 'elb' : 'alb'}`;
      const { dnsName } = await run<{ dnsName: string }>('createLoadBalancer', {
        region: 'eu-west-3',
        name,
        type,
        subnetIds: type === 'classic' ? [subnets[0].id] : subnets.map((s) => s.id),
      });
      // Every name of the domain goes to the stand-in, as in the sandbox: a new balancer needs no setting.
      const test = () =>
        run<Result>('loadTest', {
          url: `http://${dnsName}/`,
          requests: 12,
          concurrency: 3,
          resolve: { '*.elb.amazonaws.com:80': new URL(standIn.url).host },
        });
      await run('registerInstances', { region: 'eu-west-3', loadBalancerName: name, instanceIds: web.slice(0, 3) });
      const three = await test();
      assert.deepStrictEqual(three.byBackend, Object.fromEntries(web.slice(0, 3).map((id) => [id, 4])));
      await run('registerInstances', { region: 'eu-west-3', loadBalancerName: name, instanceIds: [web[3]] });
      await run('deregisterInstances', { region: 'eu-west-3', loadBalancerName: name, instanceIds: [web[0], web[2]] });
      const two = await test();
      assert.deepStrictEqual(two.byBackend, { [web[1]]: 6, [web[3]]: 6 });
      assert.strictEqual(two.ok, 12);
    });
  }

  it('shows every run in the one results tab', async () => {
    const tabs = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === vscode.l10n.t('Load Test Results')).length;
    assert.strictEqual(tabs(), 1, 'the runs above left one tab');
  });
});
