import * as vscode from 'vscode';
import { listKeyPairs } from '../../aws/keyPairs';
import { createLabSecurityGroup, listImageChoices } from '../../aws/launch';
import { listSecurityGroups, listSubnets } from '../../aws/network';
import { lookUpPublicAddress } from '../../ssh/sshAccess';
import { BACK, Back, PickItem } from '../../shared/prompter';
import { readSettings } from '../../shared/settings';
import { Workbench } from '../../workbench';

/** What the launch needs; the wizard fills what the argument object left out. */
export interface LaunchContext {
  region?: string;
  name?: string;
  imageId?: string;
  instanceType?: string;
  keyName?: string;
  subnetId?: string;
  securityGroupIds?: string[];
  count?: number;
  /** The user-data text, and where it came from (for the summary). */
  userData?: string;
  userDataSource?: string;
}

export const INSTANCE_TYPES: Array<{ type: string; note: string }> = [
  { type: 't3.micro', note: '2 vCPU, 1 GiB · free tier on most accounts' },
  { type: 't2.micro', note: '1 vCPU, 1 GiB · free tier on older accounts (the lab)' },
  { type: 't2.nano', note: '1 vCPU, 0.5 GiB (the lab)' },
  { type: 't3.small', note: '2 vCPU, 2 GiB' },
  { type: 't3.medium', note: '2 vCPU, 4 GiB' },
  { type: 't3.large', note: '2 vCPU, 8 GiB' },
];

const CREATE = '$create';
const ENTER = '$enter';
const NONE = '$none';
const FILE = '$file';

type Step = (ctx: LaunchContext, n: number, total: number) => Promise<void | Back>;

/** Runs the steps whose value is missing, with Back and a step counter. */
export async function runLaunchWizard(wb: Workbench, ctx: LaunchContext): Promise<LaunchContext> {
  const p = wb.prompter;
  const title = vscode.l10n.t('Launch Instance');
  const session = () => wb.sessions.session;

  const all: Array<[keyof LaunchContext, Step]> = [
    ['region', async (c, n, total) => {
      const regions = Promise.all([session().listRegions(), session().defaultRegion()]).then(([rs, home]) =>
        [home, ...rs.filter((r) => r !== home)].map((r) => ({ label: r, description: r === home ? vscode.l10n.t('profile default') : undefined, value: r })),
      );
      const v = await p.pick<string>({ title, step: n, totalSteps: total, placeholder: vscode.l10n.t('Region'), items: regions });
      if (v === BACK) return BACK;
      c.region = v;
    }],
    ['name', async (c, n, total) => {
      const v = await p.input({ title, step: n, totalSteps: total, prompt: vscode.l10n.t('Name (the Name tag)'), value: c.name ?? 'web-1', validate: (s) => (s.trim() && s.length <= 255 ? undefined : vscode.l10n.t('1 to 255 characters.')) });
      if (v === BACK) return BACK;
      c.name = v.trim();
    }],
    ['imageId', async (c, n, total) => {
      const items = listImageChoices(session(), c.region!).then((images) => [
        ...images.map((i) => ({ label: i.name, description: i.imageId, detail: `${i.family}${i.created ? ` · ${i.created.slice(0, 10)}` : ''}`, value: i.imageId })),
        { label: vscode.l10n.t('Enter an AMI id…'), value: ENTER },
      ]);
      const v = await p.pick<string>({ title, step: n, totalSteps: total, placeholder: vscode.l10n.t('Image (AMI), newest first'), items });
      if (v === BACK) return BACK;
      if (v === ENTER) {
        const id = await p.input({ title, step: n, totalSteps: total, prompt: vscode.l10n.t('AMI id'), placeholder: 'ami-0123456789abcdef0', validate: (s) => (/^ami-[0-9a-f]{8,17}$/.test(s) ? undefined : vscode.l10n.t('An AMI id looks like ami-0123456789abcdef0.')) });
        if (id === BACK) return BACK;
        c.imageId = id;
      } else {
        c.imageId = v;
      }
    }],
    ['instanceType', async (c, n, total) => {
      const v = await p.pick<string>({ title, step: n, totalSteps: total, placeholder: vscode.l10n.t('Instance type'), items: INSTANCE_TYPES.map((t) => ({ label: t.type, description: t.note, value: t.type })), active: (t) => t === 't3.micro' });
      if (v === BACK) return BACK;
      c.instanceType = v;
    }],
    ['keyName', async (c, n, total) => {
      const profile = session().profileName;
      const items = listKeyPairs(session(), c.region!).then((keys) => [
        ...keys
          .map((k) => ({ k, file: wb.keyFiles.get(profile, c.region!, k.name) }))
          .sort((a, b) => Number(!!b.file) - Number(!!a.file))
          .map(({ k, file }) => ({ label: `${file ? '$(check) ' : ''}${k.name}`, description: file ? vscode.l10n.t('private key: {0}', file) : vscode.l10n.t('private key not known here'), value: k.name })),
        { label: vscode.l10n.t('$(add) Create a new key pair…'), value: CREATE },
        { label: vscode.l10n.t('No key pair (no SSH)'), value: NONE },
      ]);
      const v = await p.pick<string>({ title, step: n, totalSteps: total, placeholder: vscode.l10n.t('Key pair for SSH'), items });
      if (v === BACK) return BACK;
      if (v === CREATE) {
        const name = await p.input({ title, step: n, totalSteps: total, prompt: vscode.l10n.t('Name of the new key pair'), value: `${c.name ?? 'lab'}-key`, validate: (s) => (s.trim() ? undefined : vscode.l10n.t('Enter a name.')) });
        if (name === BACK) return BACK;
        const created = await vscode.commands.executeCommand<{ keyName: string } | undefined>('ec2Workbench.createKeyPair', { region: c.region, name });
        c.keyName = created?.keyName;
      } else {
        c.keyName = v === NONE ? undefined : v;
      }
    }],
    ['subnetId', async (c, n, total) => {
      const items = listSubnets(session(), c.region!).then((subnets) =>
        subnets.map((s) => ({ label: s.availabilityZone ?? s.id, description: [s.id, s.cidr, s.defaultForAz ? vscode.l10n.t('default for AZ') : undefined].filter(Boolean).join(' · '), detail: s.vpcId, value: s.id })),
      );
      const v = await p.pick<string>({ title, step: n, totalSteps: total, placeholder: vscode.l10n.t('Subnet (its availability zone)'), items });
      if (v === BACK) return BACK;
      c.subnetId = v;
    }],
    ['securityGroupIds', async (c, n, total) => {
      const vpcId = (await listSubnets(session(), c.region!)).find((s) => s.id === c.subnetId)?.vpcId;
      const items = listSecurityGroups(session(), c.region!).then((groups) => [
        { label: vscode.l10n.t('$(add) Create one: SSH from my address, HTTP from everyone'), value: CREATE },
        ...groups.filter((g) => !vpcId || g.vpcId === vpcId).map((g) => ({ label: g.name ?? g.id, description: g.id, detail: g.inbound.join(', ') || vscode.l10n.t('no inbound rule'), value: g.id })),
      ]);
      const v = await p.pick<string>({ title, step: n, totalSteps: total, placeholder: vscode.l10n.t('Security group'), items, active: (id) => id !== CREATE && id !== '' });
      if (v === BACK) return BACK;
      if (v === CREATE) {
        const address = await lookUpPublicAddress(readSettings().ssh.addressLookupUrl);
        c.securityGroupIds = [await createLabSecurityGroup(session(), c.region!, vpcId!, `${address}/32`)];
      } else {
        c.securityGroupIds = [v];
      }
    }],
    ['count', async (c, n, total) => {
      const v = await p.input({ title, step: n, totalSteps: total, prompt: vscode.l10n.t('Number of instances (1 to 10; 3 for the load balancer exercise)'), value: String(c.count ?? 1), validate: (s) => (/^([1-9]|10)$/.test(s.trim()) ? undefined : vscode.l10n.t('A number from 1 to 10.')) });
      if (v === BACK) return BACK;
      c.count = Number(v.trim());
    }],
    ['userData', async (c, n, total) => {
      const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
      const items: Array<PickItem<string>> = [];
      if (editor) {
        items.push({ label: vscode.l10n.t('$(file-code) The editor tab: {0}', editor.document.fileName.split(/[\\/]/).pop() ?? ''), description: vscode.l10n.t('{0} bytes', Buffer.byteLength(editor.document.getText())), value: editor.document.uri.toString() });
      }
      items.push({ label: vscode.l10n.t('$(folder-opened) A file…'), value: FILE }, { label: vscode.l10n.t('None'), value: NONE });
      const v = await p.pick<string>({ title, step: n, totalSteps: total, placeholder: vscode.l10n.t('User-data script run at first boot'), items });
      if (v === BACK) return BACK;
      if (v === NONE) {
        c.userData = '';
        c.userDataSource = undefined;
        return;
      }
      const uri = v === FILE ? (await vscode.window.showOpenDialog({ title: vscode.l10n.t('User-data script') }))?.[0] : vscode.Uri.parse(v);
      if (!uri) return BACK;
      c.userData = (await vscode.workspace.openTextDocument(uri)).getText();
      c.userDataSource = uri.scheme === 'untitled' ? uri.path : uri.fsPath;
    }],
  ];

  const steps = all.filter(([key]) => ctx[key] === undefined).map(([, step]) => step);
  const total = steps.length + 1; // The summary is the last step.
  for (let i = 0; i < steps.length; ) {
    const result = await steps[i](ctx, i + 1, total);
    i = result === BACK ? Math.max(0, i - 1) : i + 1;
  }
  return ctx;
}
