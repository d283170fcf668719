// The bundle story (issue #28): each of our modules is in one bundle the extension host loads, so a
// class exists once (errors by class, the wizard's Back a plain symbol, one l10n.config); and the
// activation entry holds only itself and the reminder's check. Read from esbuild's own metafile.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..', '..', '..');

interface Meta {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }>; imports: Array<{ path: string; external?: boolean }> }>;
}

describe('Bundles', function () {
  this.timeout(120_000);
  let meta: Meta;
  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs', '--metafile'], { cwd: root, stdio: 'ignore' });
    meta = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'meta.json'), 'utf8')) as Meta;
  });
  const inputs = (file: string) => Object.keys(meta.outputs[`dist/${file}`].inputs);

  it("the activation entry holds itself, the reminder check and the ticks' restore only, and requires the workbench at run time", () => {
    assert.deepStrictEqual(inputs('extension.js').sort(), [
      'src/core/aws/ec2/labInstancesAtStartup.ts',
      'src/extension.ts',
      'src/shared/labTicksAtStartup.ts',
    ]);
    const external = meta.outputs['dist/extension.js'].imports.filter((i) => i.external).map((i) => i.path);
    assert.deepStrictEqual([...new Set(external)].sort(), ['./startWorkbench', 'vscode']);
  });

  it('no module is in two of the bundles the extension host loads', () => {
    const host = ['extension.js', 'startWorkbench.js', 'sdk.js', 'ini.js'];
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const file of host) {
      for (const input of inputs(file)) {
        // sdk.js and ini.js share the SDK's config-file reader (node_modules), not our code.
        if (seen.has(input) && input.startsWith('src/')) twice.push(`${input}: ${seen.get(input)} and ${file}`);
        seen.set(input, seen.get(input) ?? file);
      }
    }
    assert.deepStrictEqual(twice, []);
    for (const file of ['extension.js', 'startWorkbench.js']) {
      assert.ok(!inputs(file).some((i) => i.includes('node_modules/@aws-sdk/')), `${file} holds no AWS SDK module`);
    }
  });

  it('the ProxyCommand (connect.js) holds the one AWS client it uses, and requires no other bundle', () => {
    const clients = new Set(
      inputs('connect.js')
        .map((i) => /node_modules\/@aws-sdk\/(client-[\w-]+)\//.exec(i)?.[1])
        .filter((c): c is string => !!c),
    );
    assert.deepStrictEqual([...clients], ['client-ec2-instance-connect']);
    const external = meta.outputs['dist/connect.js'].imports.filter((i) => i.external).map((i) => i.path);
    assert.ok(!external.some((p) => p.startsWith('.')), `no sibling bundle: ${external.join(', ')}`);
  });
});
