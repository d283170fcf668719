import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ExplorerNode } from '../../src/explorer/explorerNode';
import { Workbench } from '../../src/workbench';
import { extension, labelsOf, rootNodes, workbench } from './helpers';

describe('Activation', () => {
  it('activates at start-up with its small entry only: no workbench, no AWS SDK loaded', async () => {
    // onStartupFinished: active without any test asking for it (the view is not open in this window).
    for (let waited = 0; !extension().isActive && waited < 30_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(extension().isActive, 'active after start-up, unasked');
    const main = require.resolve(extension().extensionPath + '/dist/extension.js');
    assert.ok(require.cache[main], 'dist/extension.js is loaded');
    // The bundles carry the SDK in dist/sdk.js, required on first AWS use only. (Test files load
    // their own copy from node_modules to seed the emulator; the extension never does.) Other test
    // files may have loaded the workbench already; this one runs first (mocha sorts the files).
    const loaded = (name: string) => Object.keys(require.cache).filter((f) => f.endsWith(`${path.sep}dist${path.sep}${name}`));
    assert.deepStrictEqual(loaded('sdk.js'), []);
    assert.strictEqual(extension().exports.isLoaded(), loaded('startWorkbench.js').length > 0);
    assert.strictEqual(extension().exports.isLoaded(), false, 'the workbench loads on first use');
  });

  it('registers every command that package.json contributes', async () => {
    await extension().activate();
    const contributed: Array<{ command: string }> = extension().packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, []);
    assert.ok(contributed.length >= 4);
  });
});

describe('Explorer regions', () => {
  let wb: Workbench;
  before(async () => {
    wb = await workbench();
  });
  after(async () => {
    await vscode.commands.executeCommand('ec2Workbench.selectProfile', { profile: 'moto' });
  });

  it('lists the regions of the emulator under the selected profile', async () => {
    const labels = labelsOf(wb, await rootNodes(wb));
    assert.ok(labels.includes('eu-west-3') && labels.includes('us-east-1') && labels.length >= 17, labels.join(','));
  });

  it('shows a missing profile as one sentence in the view, and recovers after the fix', async () => {
    await vscode.workspace.getConfiguration('ec2Workbench').update('profile', 'typo', vscode.ConfigurationTarget.Global);
    const roots: ExplorerNode[] = await wb.explorer.getChildren();
    assert.deepStrictEqual(labelsOf(wb, roots), [
      'The AWS profile "typo" was not found in your AWS config or credentials file. Pick another profile or add it with "aws configure --profile typo".',
    ]);
    assert.strictEqual(wb.explorer.getTreeItem(roots[0]).command?.command, 'ec2Workbench.refresh');
    await vscode.commands.executeCommand('ec2Workbench.selectProfile', { profile: 'moto' });
    assert.ok(labelsOf(wb, await rootNodes(wb)).includes('eu-west-3'));
  });

  it('rejects selecting a profile that does not exist with the message the user sees', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ec2Workbench.selectProfile', { profile: 'nope' })), {
      message: 'The AWS profile "nope" was not found in your AWS config or credentials file.',
    });
  });

  it('applies a change of the endpoint setting without reloading, with a readable error', async () => {
    const config = vscode.workspace.getConfiguration('ec2Workbench');
    await config.update('endpointUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      const labels = labelsOf(wb, await wb.explorer.getChildren());
      assert.strictEqual(labels.length, 1);
      assert.match(labels[0], /^Could not connect to the AWS endpoint at http:\/\/127\.0\.0\.1:9: the connection was refused\./);
    } finally {
      await config.update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok(labelsOf(wb, await rootNodes(wb)).includes('eu-west-3'));
  });
});

describe('Walkthrough', () => {
  it('follows the lab, and every button runs a registered command', async () => {
    const walkthroughs: Array<{
      id: string;
      steps: Array<{ id: string; description: string; completionEvents: string[]; media: { image: string } }>;
    }> = extension().packageJSON.contributes.walkthroughs;
    assert.strictEqual(walkthroughs.length, 1);
    const steps = walkthroughs[0].steps;
    assert.deepStrictEqual(
      steps.map((s) => s.id),
      ['credentials', 'keyPair', 'userData', 'launch', 'connect', 'volume', 'loadBalancer', 'iam', 'cleanUp'],
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      const text = step.description; // Already localized by the extension host.
      const commands = [...text.matchAll(/\(command:([^)]+)\)/g)].map((m) => m[1]);
      assert.ok(commands.length > 0, `${step.id} has a button`);
      assert.deepStrictEqual(
        commands.filter((c) => !registered.has(c)),
        [],
        step.id,
      );
      // Ticked by the step's outcome (a context key the extension sets), not by its command starting.
      assert.deepStrictEqual(step.completionEvents, [`onContext:ec2Workbench.lab.${step.id}`]);
      assert.ok(fs.existsSync(path.join(extension().extensionPath, step.media.image)), step.media.image);
    }
  });
});
