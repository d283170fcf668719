// Runs every *.test.js of a folder with mocha inside the extension host (what extensionTestsPath loads).
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

export async function runMochaSuite(dir: string): Promise<void> {
  // EC2WB_TEST_GREP narrows a run while working on one part (never set by npm test).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.EC2WB_TEST_GREP || undefined });
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const file of files) {
    mocha.addFile(path.join(dir, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) {
    throw new Error(`${failures} extension-host test(s) failed`);
  }
}
