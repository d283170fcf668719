import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { COMMAND_IDS } from '../../../src/commands/commandIds';

const root = path.join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { commands: Array<{ command: string }> };
};

describe('Manifest and commands', () => {
  it('registers exactly the commands package.json contributes', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepStrictEqual([...COMMAND_IDS].sort(), contributed);
  });

  it('activates once start-up has finished (its small entry, for the reminder), or on the walkthrough', () => {
    // Opening the walkthrough activates it, so the steps done in earlier sessions show ticked.
    assert.deepStrictEqual(manifest.activationEvents, ['onStartupFinished', 'onWalkthrough:lab']);
  });
});
