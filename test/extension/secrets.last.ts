// Runs after every test of the session (runMochaSuite adds *.last.js at the end): no log holds key material.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TEST_PASSWORDS } from '../support/secrets';
import { workbench } from './helpers';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('Secrets', () => {
  it('no log or output channel contains a private key or a test password', async () => {
    const wb = await workbench();
    wb.log.info('flush');
    await new Promise((r) => setTimeout(r, 1500)); // Output channels are written to disk asynchronously.
    // The session's log folder holds every output channel, the extension host's log and ours.
    const sessionLogs = path.resolve(wb.context.logUri.fsPath, '..', '..');
    const files = filesUnder(sessionLogs);
    assert.ok(
      files.some((f) => f.includes('EC2 Workbench')),
      `our output channel is among ${files.length} log files`,
    );
    const secrets = ['PRIVATE KEY', ...TEST_PASSWORDS];
    const leaks = files.filter((f) => secrets.some((s) => fs.readFileSync(f, 'utf8').includes(s)));
    assert.deepStrictEqual(leaks, []);
  });
});
