// One hop from a command id to its code: `ec2Workbench.<name>` lives in src/commands/<area>/<name>.ts
// (or <name>/index.ts), or in the file of its listed family, and handlers.ts takes it from there.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { COMMAND_FAMILIES, type CommandId } from '../../../src/commands/commandIds';

const root = path.join(__dirname, '..', '..', '..', '..');
const commandsDir = path.join(root, 'src', 'commands');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string }> };
};

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The files a command's code may live in: `<name>.ts` or `<name>/index.ts` anywhere under src/commands. */
function filesNamed(name: string): string[] {
  return walk(commandsDir)
    .map((f) => path.relative(commandsDir, f).split(path.sep).join('/'))
    .filter((f) => f.endsWith(`/${name}.ts`) || f === `${name}.ts` || f.endsWith(`/${name}/index.ts`));
}

/** handlers.ts: which module each handler identifier is imported from, and which identifier each id uses. */
function handlerSources(): Map<string, string> {
  const text = fs.readFileSync(path.join(commandsDir, 'handlers.ts'), 'utf8');
  const importedFrom = new Map<string, string>();
  for (const m of text.matchAll(/import \{([^}]+)\} from '(\.[^']+)';/g)) {
    for (const name of m[1].split(',').map((n) => n.replace(/^\s*type\s+/, '').trim())) {
      importedFrom.set(name, m[2]);
    }
  }
  const byId = new Map<string, string>();
  for (const m of text.matchAll(/'(ec2Workbench\.\w+)':\s*(\w+)/g)) {
    const source = importedFrom.get(m[2]);
    if (source) {
      byId.set(m[1], path.posix.normalize(source.replace(/^\.\//, '')));
    }
  }
  return byId;
}

describe('Command files (one hop)', () => {
  const ids = manifest.contributes.commands.map((c) => c.command);
  const sources = handlerSources();

  for (const id of ids) {
    const name = id.replace(/^ec2Workbench\./, '');
    const family = COMMAND_FAMILIES[id as CommandId];
    it(`${id} lives in ${family ?? name}.ts and handlers.ts takes it from there`, () => {
      const files = filesNamed(family ?? name);
      assert.strictEqual(files.length, 1, `one file named ${family ?? name} under src/commands, found: ${files.join(', ') || 'none'}`);
      const source = sources.get(id);
      assert.ok(source, `handlers.ts maps ${id} to a handler imported from a command file`);
      assert.strictEqual(source!.replace(/\/index$/, ''), files[0].replace(/(\/index)?\.ts$/, ''));
    });
  }

  it('lists a family only for ids that exist, each family file holding more than one id', () => {
    const counts = new Map<string, number>();
    for (const [id, family] of Object.entries(COMMAND_FAMILIES)) {
      assert.ok(ids.includes(id), `${id} is contributed`);
      counts.set(family!, (counts.get(family!) ?? (ids.includes(`ec2Workbench.${family}`) ? 1 : 0)) + 1);
    }
    for (const [family, n] of counts) {
      assert.ok(n > 1, `${family} is a family of ${n} command(s)`);
    }
  });

  it('has no barrel files (modules that only re-export), bundle entry points aside', () => {
    // An esbuild entry point may be a list of exports: it is what a bundle (dist/*.js) holds.
    const entries = [...fs.readFileSync(path.join(root, 'esbuild.mjs'), 'utf8').matchAll(/'(?:\.\/)?(src\/[^']+\.ts)'/g)].map((m) =>
      path.join(root, m[1]),
    );
    const barrels = walk(path.join(root, 'src')).filter((f) => {
      if (entries.includes(f)) {
        return false;
      }
      const code = fs
        .readFileSync(f, 'utf8')
        .replace(/\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .trim();
      return code.length > 0 && code.split(/;\s*/).every((s) => s === '' || /^export (\*|\{[^}]*\}|type \{[^}]*\}) from /.test(s));
    });
    assert.deepStrictEqual(barrels, []);
  });
});
