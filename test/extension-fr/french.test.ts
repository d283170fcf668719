// What a French-speaking student sees, in a VS Code whose display language is French (an empty
// language pack: VS Code's own menus stay English, extensions get "fr"). The manifest, the tree, the
// validation of the VS Code-free core and the AWS errors it words must all come out in French.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Workbench } from '../../src/workbench';
import { closedPortUrl } from '../support/fakeAwsServer';
import { motoUrl, resetMoto } from '../support/moto';
import { PricingStandIn } from '../support/pricingStandIn';
import { defaultSubnet, runInstances, userUnderStrictPolicy } from '../support/seed';
import { extension, itemOf, nodeAt, refreshAll, workbench } from '../extension/helpers';

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
const frenchManifest = JSON.parse(fs.readFileSync(path.join(extension().extensionPath, 'package.nls.fr.json'), 'utf8')) as Record<
  string,
  string
>;

describe('In French', function () {
  this.timeout(120_000);
  let wb: Workbench;
  const keyDir = path.join(os.homedir(), 'keys-fr');

  before(async () => {
    wb = await workbench();
    await resetMoto();
  });

  it('runs in a VS Code whose display language is French', () => {
    assert.strictEqual(vscode.env.language, 'fr');
  });

  it('reads its manifest in French: command titles and the view name', () => {
    type Localized = string | { value: string; original: string };
    const manifest = extension().packageJSON as {
      contributes: { commands: Array<{ command: string; title: Localized }>; views: Record<string, Array<{ id: string; name: string }>> };
    };
    const localized = manifest.contributes.commands.find((c) => c.command === 'ec2Workbench.createKeyPair')?.title;
    const title = typeof localized === 'string' ? localized : localized?.value;
    assert.strictEqual(title, frenchManifest['command.createKeyPair']);
    assert.strictEqual(title, 'Créer une paire de clés...');
    const view = Object.values(manifest.contributes.views)
      .flat()
      .find((v) => v.id === 'ec2Workbench.explorer');
    assert.strictEqual(view?.name, 'Explorateur');
  });

  it('shows the walkthrough with French pictures (the image paths are localized too), all packaged files', () => {
    const steps = (
      extension().packageJSON as { contributes: { walkthroughs: Array<{ steps: Array<{ id: string; media: { image: string } }> }> } }
    ).contributes.walkthroughs[0].steps;
    for (const step of steps) {
      assert.match(step.media.image, /^media\/screenshots\/[a-z0-9-]+-fr\.png$/, step.id);
      assert.ok(fs.existsSync(path.join(extension().extensionPath, step.media.image)), step.media.image);
    }
  });

  it('shows the tree in French, instance states included', async () => {
    const subnet = await defaultSubnet('eu-west-3', 'eu-west-3a');
    await runInstances('eu-west-3', { name: 'web-fr', subnetId: subnet.id });
    await refreshAll(wb);
    assert.match(String(itemOf(wb, await nodeAt(wb, 'eu-west-3')).description), /^1 en marche$/);
    const groups = (await wb.explorer.getChildren(await nodeAt(wb, 'eu-west-3'))).map((n) => itemOf(wb, n).label);
    assert.deepStrictEqual(groups, [
      'Instances',
      'Paires de clés',
      'Volumes',
      'Répartiteurs de charge',
      'VPC et sous-réseaux',
      'Groupes de sécurité',
    ]);
    const node = await nodeAt(wb, 'eu-west-3', 'Instances', 'web-fr');
    await node.prepareTooltip?.(); // The full record (zone, key pair...) comes from the listing worker on hover.
    const instance = itemOf(wb, node);
    assert.match(String(instance.description), /^en marche · /);
    const tooltip = (instance.tooltip as vscode.MarkdownString).value;
    // Markdown tokens are escaped: read it as it renders.
    const text = tooltip.replace(/&nbsp;/g, ' ').replace(/\\([^\w\s])/g, '$1');
    assert.match(text, /\*\*État :\*\* en marche \(running\)/);
    assert.match(text, /\*\*Zone de disponibilité :\*\* eu-west-3a/);
    // A date as French readers write it, not ISO 8601: "7 déc. 2026, 20:38:59 UTC".
    assert.match(text, /\*\*Lancée le :\*\* \d{1,2} [a-zéû]+\.? \d{4}.* \d{2}:\d{2}:\d{2} UTC/);
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T/);
  });

  it('gives prices in French, with decimal commas: the region, the instance tooltip', async () => {
    const subnet = await defaultSubnet('eu-west-3', 'eu-west-3a');
    await runInstances('eu-west-3', { name: 'web-prix', type: 't2.micro', subnetId: subnet.id });
    const standIn = await new PricingStandIn(motoUrl()).start();
    const config = vscode.workspace.getConfiguration('ec2Workbench');
    await config.update('regions', ['eu-west-3'], vscode.ConfigurationTarget.Global);
    await config.update('endpointUrl', standIn.url, vscode.ConfigurationTarget.Global);
    try {
      await refreshAll(wb);
      for (let i = 0; i < 400 && !wb.costs.regionEstimate('eu-west-3'); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const region = await nodeAt(wb, 'eu-west-3');
      // A no-break space (U+00A0 or the narrow U+202F, by ICU version) stands before "$US" in French.
      assert.match(String(wb.costs.decorate(region, itemOf(wb, region)).description), /^\d en marche · 0,\d{2,4}[\u00a0\u202f]\$US\/h$/);
      const instance = await nodeAt(wb, 'eu-west-3', 'Instances', 'web-prix');
      const tooltip = (wb.costs.decorate(instance, itemOf(wb, instance)).tooltip as vscode.MarkdownString).value;
      const text = tooltip.replace(/&nbsp;/g, ' ').replace(/\\([^\w\s])/g, '$1');
      assert.match(
        text,
        /\*\*Prix :\*\* 0,0132[\u00a0\u202f]\$US\/h à la demande \(estimation\) {2}\n\+ 0,005[\u00a0\u202f]\$US\/h pour son adresse IPv4 publique/,
      );
      assert.match(text, /\[Tarifs AWS\]\(https:\/\/aws\.amazon\.com\/ec2\/pricing\/on-demand\/\)/);
    } finally {
      await config.update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await config.update('regions', undefined, vscode.ConfigurationTarget.Global);
      await standIn.close();
    }
  });

  it('words the core validation in French (key pair name, checked before any AWS call)', async () => {
    await assert.rejects(run('createKeyPair', { region: 'eu-west-3', name: ' lab', directory: keyDir }), {
      message: 'Un nom de paire de clés ne peut ni commencer ni finir par une espace.',
    });
    await run('createKeyPair', { region: 'eu-west-3', name: 'lab-fr', directory: keyDir });
    await assert.rejects(run('createKeyPair', { region: 'eu-west-3', name: 'lab-fr', directory: keyDir }), {
      message: 'Le nom de paire de clés « lab-fr » est déjà utilisé dans eu-west-3. Choisissez un autre nom.',
    });
  });

  it('words AWS connection errors in French, with the endpoint and the region', async () => {
    const closed = await closedPortUrl();
    const config = vscode.workspace.getConfiguration('ec2Workbench');
    await config.update('endpointUrl', closed, vscode.ConfigurationTarget.Global);
    try {
      await assert.rejects(run('createKeyPair', { region: 'eu-west-3', name: 'lab-fr-2', directory: keyDir }), (error: Error) => {
        assert.strictEqual(
          error.message,
          `Impossible de se connecter au point de terminaison AWS ${closed} dans eu-west-3 : la connexion a été refusée. ` +
            "Vérifiez le paramètre d'URL du point de terminaison ou que le service tourne, puis actualisez.",
        );
        return true;
      });
    } finally {
      await config.update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok(!fs.existsSync(path.join(keyDir, 'lab-fr-2.pem')), 'no key file is left by the failed creation');
  });

  it('writes the user-data templates in French: the comments and the words of the served page (issue #27)', async () => {
    const { uri } = await run<{ uri: vscode.Uri }>('newUserData', { template: 'nginx-instance-id' });
    const nginx = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(nginx, /^# EC2 Workbench : une page nginx qui montre quelle instance a répondu/m);
    assert.match(nginx, /^<h1>Servi par \$INSTANCE_ID<\/h1>$/m);
    assert.match(nginx, /^<p>Zone de disponibilité : \$ZONE<\/p>$/m);
    assert.match(nginx, /^<meta charset="utf-8">$/m, 'the accents reach the browser as written');
    assert.doesNotMatch(nginx, /Served by|Availability zone|# The /);
    const { uri: nodeUri } = await run<{ uri: vscode.Uri }>('newUserData', { template: 'node-pm2' });
    const node = (await vscode.workspace.openTextDocument(nodeUri)).getText();
    assert.match(node, /res\.end\("Bonjour de " \+ os\.hostname\(\)/);
    assert.match(node, /^# EC2 Workbench : l'application web Node\.js du TP/m);
    // Still scripts bash reads (a translation never breaks the syntax).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'user-data-fr-'));
    for (const [name, text] of [
      ['nginx.sh', nginx],
      ['node.sh', node],
    ]) {
      fs.writeFileSync(path.join(dir, name), text);
      execFileSync('bash', ['-n', path.join(dir, name)]);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('words the password rules as one French sentence, without "doit contenir" repeated (issue #27)', async () => {
    await userUnderStrictPolicy('etudiant');
    await assert.rejects(run('createLoginProfile', { userName: 'etudiant', password: 'minuscules' }), (error: Error) => {
      assert.match(
        error.message,
        /^Le mot de passe doit compter au moins 14 caractères et doit contenir au moins une majuscule, un chiffre et un symbole \(.+\) \(politique de mots de passe du compte\)\. Rien n'a été modifié\.$/,
      );
      assert.strictEqual(error.message.split('doit contenir').length, 2, 'said once');
      return true;
    });
  });
});
