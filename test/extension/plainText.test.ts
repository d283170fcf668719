// Issue #26: text from AWS is shown as text. A Name tag (written by anyone in the account) shaped as
// a markdown command link reaches the error notification, the tree and QuickPicks without rendering
// as a link or an icon; its visible characters are all still there.
import * as assert from 'assert';
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import type { Workbench } from '../../src/workbench';
import { ec2, resetMoto } from '../support/moto';
import { runInstances } from '../support/seed';
import { itemOf, nodeAt, refreshAll, workbench } from './helpers';

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
const REGION = 'eu-west-3';
export const HOSTILE_NAME =
  '[Retry with a public IP](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) $(warning)';

/** What the user reads once the zero-width spaces that break the patterns are ignored. */
const visible = (s: string) => s.replace(/\u200b/g, '');

describe('Text from AWS shown as text', () => {
  let wb: Workbench;
  let shown: string[];
  let restore: () => void;
  before(async () => {
    wb = await workbench();
    await resetMoto();
  });
  beforeEach(() => {
    shown = [];
    const original = vscode.window.showErrorMessage;
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string, ...rest: unknown[]) => {
      shown.push(message);
      return (original as (...a: unknown[]) => unknown)(message, ...rest);
    };
    restore = () => ((vscode.window as { showErrorMessage: unknown }).showErrorMessage = original);
  });
  afterEach(() => restore());

  it('a Name tag shaped as a command link reaches the "has no public address" message as plain text', async () => {
    const vpc = await ec2(REGION).send(new CreateVpcCommand({ CidrBlock: '10.43.0.0/16' }));
    const subnet = await ec2(REGION).send(new CreateSubnetCommand({ VpcId: vpc.Vpc!.VpcId!, CidrBlock: '10.43.1.0/24' }));
    const [id] = await runInstances(REGION, { subnetId: subnet.Subnet!.SubnetId!, tags: { Name: `${HOSTILE_NAME}\n\u202eevil` } });
    await assert.rejects(run('connectRemoteSsh', { region: REGION, instanceId: id, open: false, via: 'keyFile' }), /has no public address/);
    assert.strictEqual(shown.length, 1, shown.join(' | '));
    const message = shown[0];
    assert.ok(!/\]\(/.test(message), `no markdown link: ${message}`);
    assert.ok(!/\$\(/.test(message), `no icon syntax: ${message}`);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\x00-\x09\x0b-\x1f\x7f\u202a-\u202e]/.test(message), 'no control or direction-override character');
    assert.ok(visible(message).includes(HOSTILE_NAME), 'every visible character of the tag is still there');

    await refreshAll(wb);
    const label = itemOf(wb, await findInstance(wb, id)).label;
    assert.ok(typeof label === 'string' && !/\]\(|\$\(|\n/.test(label), `tree label as text: ${String(label)}`);
  });
});

async function findInstance(wb: Workbench, id: string) {
  const instances = await wb.explorer.getChildren(await nodeAt(wb, REGION, 'Instances'));
  const node = instances.find((n) => n.id?.includes(id));
  assert.ok(node, `instance ${id} in the tree`);
  return node;
}
