import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { resetMoto } from '../support/moto';
import { workbench } from './helpers';

/** Every line the extension's log channel has written to disk so far (what Show Log opens). */
function logText(logDir: string): string {
  const files = fs.existsSync(logDir) ? fs.readdirSync(logDir, { recursive: true, encoding: 'utf8' }) : [];
  return files
    .filter((f) => f.endsWith('.log'))
    .map((f) => fs.readFileSync(path.join(logDir, f), 'utf8'))
    .join('\n');
}

describe('One message per failure', () => {
  const missing = 'i-0000000000000dead';

  before(async () => {
    await workbench();
    await resetMoto();
  });

  it('a command run from a menu (a tree node) reports the failure, logs it, and resolves: no second raw error from VS Code', async () => {
    const wb = await workbench();
    // What a context menu on an instance passes: the tree node.
    const node = { kind: 'instance', region: 'eu-west-3', resourceId: missing, treeItem: () => ({}) };
    const result = await vscode.commands.executeCommand('ec2Workbench.startInstances', node);
    assert.strictEqual(result, undefined);
    const logDir = wb.context.logUri.fsPath;
    let text = '';
    for (let i = 0; i < 100 && !text.includes(`ec2Workbench.startInstances failed`); i++) {
      await new Promise((r) => setTimeout(r, 50));
      text = logText(logDir);
    }
    assert.match(text, new RegExp(`ec2Workbench.startInstances failed: .*${missing}`));
  });

  it('a caller that passed an argument object gets the same sentence as a rejection', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ec2Workbench.startInstances', { region: 'eu-west-3', instanceIds: [missing] })),
      (error: Error) => error.message.includes(missing) && !/Error running command/.test(error.message),
    );
  });
});
