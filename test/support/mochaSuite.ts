// Runs every *.test.js of a folder with mocha inside the extension host (what extensionTestsPath loads),
// then its *.last.js: checks over the whole session (no log holds a secret), whatever the files are named.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

export async function runMochaSuite(dir: string): Promise<void> {
  // EC2WB_TEST_GREP narrows a run while working on one part (never set by npm test).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.EC2WB_TEST_GREP || undefined });
  const names = fs.readdirSync(dir).sort();
  const files = [...names.filter((f) => f.endsWith('.test.js')), ...names.filter((f) => f.endsWith('.last.js'))];
  for (const file of files) {
    mocha.addFile(path.join(dir, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) {
    throw new Error(`${failures} extension-host test(s) failed`);
  }
}
