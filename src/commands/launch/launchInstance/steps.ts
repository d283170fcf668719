import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { describeError } from '../../../core/aws/session/errors';
import { listInstances } from '../../../core/aws/ec2/instances';
import { listKeyPairs } from '../../../core/aws/ec2/keyPairs';
import { freeName } from '../../../core/aws/ec2/names';
import { architectureOf, describeImages, describeTypedImage, type ImageFacts, listReleaseImages } from '../../../core/aws/ec2/images';
import { listInstanceTypes } from '../../../core/aws/ec2/instanceTypes';
import { admits, listSecurityGroups, listSubnets, opensPort } from '../../../core/aws/ec2/network';
import { BACK, type PickItem } from '../../../shared/prompter';
import { runWizard, step, type StepAt, type SummaryStep, type WizardStep } from '../../../shared/wizard';
import { looksLikeUserData } from '../../../core/userData/userData';
import { type Workbench } from '../../../workbench';
import { createKeyPairCommand } from '../../keyPairs/createKeyPair';
import { askRegion } from '../../askOrUse';
import { autoStopStep } from '../autoStopStep';
import { type LaunchContext } from './context';

const gib = (mib: number) => (mib / 1024).toLocaleString(vscode.env.language, { maximumFractionDigits: 1 });

const CREATE = '$create';
const ENTER = '$enter';
const NONE = '$none';
const FILE = '$file';

/**
 * Runs the steps whose value is missing, then the summary, on one step counter with Back. Nothing
 * is created before the summary is confirmed (a new key pair is its own command, asked for on the
 * way; a new security group is only noted).
 */
export async function runLaunchWizard(wb: Workbench, ctx: LaunchContext, summary: SummaryStep<LaunchContext>): Promise<LaunchContext> {
  const p = wb.prompter;
  const session = () => wb.sessions.session;
  // What later steps need is fetched while the first ones are answered.
  const prefetch = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!prefetch.has(key)) {
      prefetch.set(
        key,
        load().catch((error) => {
          prefetch.delete(key);
          throw error;
        }),
      );
    }
    return prefetch.get(key) as Promise<T>;
  };
  const subnets = (region: string) => once(`subnets ${region}`, () => listSubnets(session(), region));
  const groups = (region: string) => once(`groups ${region}`, () => listSecurityGroups(session(), region));
  const keys = (region: string) => once(`keys ${region}`, () => listKeyPairs(session(), region));
  const types = (region: string) => session().memo(`instance types ${region}`, () => listInstanceTypes(session(), region));
  const images = (region: string, type = 't3.micro') => {
    const arch = architectureOf(type);
    return once(`images ${region} ${arch}`, async () => {
      const listing = await listReleaseImages(session(), region, arch);
      if (listing.fallbackReason) {
        wb.log.warn(
          `SSM public parameters could not be read in ${region}, images found with DescribeImages instead: ${listing.fallbackReason}`,
        );
      }
      const facts = listing.images.length
        ? await describeImages(
            session(),
            region,
            listing.images.map((i) => i.imageId),
          ).catch(() => new Map<string, ImageFacts>())
        : new Map<string, ImageFacts>();
      return { ...listing, facts };
    });
  };
  // Only what a step will ask for: a value the argument object gave costs no AWS call.
  const needed = [
    ctx.instanceType === undefined && types,
    ctx.imageId === undefined && ((region: string) => images(region, ctx.instanceType)),
    ctx.keyName === undefined && keys,
    (ctx.subnetId === undefined || ctx.securityGroupIds === undefined) && subnets,
    ctx.securityGroupIds === undefined && groups,
  ].filter((load) => !!load);
  const warm = (region: string) => {
    for (const load of needed) {
      load(region).catch(() => undefined); // Shown by the step that needs it.
    }
  };
  if (ctx.region) {
    warm(ctx.region);
  }

  const steps: Array<WizardStep<LaunchContext>> = [
    step('region', async (c, at) => {
      if ((await askRegion(wb, c, at)) === BACK) return BACK;
      warm(c.region!);
    }),
    step('name', async (c, at) => {
      // The names in use in the region (not terminated): the prefill is a free one, and a taken one is refused.
      const taken = await instanceNamesIn(wb, c.region!);
      const v = await p.input({
        ...at,
        prompt: vscode.l10n.t('Name (the Name tag)'),
        value: c.name ?? freeName('web-1', taken),
        validate: (s) =>
          !(s.trim() && s.length <= 255)
            ? vscode.l10n.t('1 to 255 characters.')
            : taken.has(s.trim())
              ? vscode.l10n.t('An instance in {0} is already named {1}; {2} is free.', c.region!, s.trim(), freeName(s.trim(), taken))
              : undefined,
      });
      if (v === BACK) return BACK;
      c.name = v.trim();
    }),
    step('instanceType', async (c, at) => {
      const items = types(c.region!).then((list) => [
        ...list.map((t) => ({
          label: t.type,
          description: [
            t.vcpus !== undefined && t.memoryMib !== undefined ? vscode.l10n.t('{0} vCPU, {1} GiB', t.vcpus, gib(t.memoryMib)) : undefined,
            t.architectures.includes('arm64') ? 'Arm (Graviton)' : undefined,
            t.freeTier ? vscode.l10n.t('free tier') : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
          value: t.type,
        })),
        { label: vscode.l10n.t('Another type…'), value: ENTER },
      ]);
      const v = await p.pick<string>({
        ...at,
        placeholder: vscode.l10n.t('Instance type (offered in {0}; free tier as AWS reports it for this account)', c.region!),
        items,
        active: (t) => t === (c.instanceType ?? 't3.micro'),
      });
      if (v === BACK) return BACK;
      if (v === ENTER) {
        const typed = await p.input({
          ...at,
          prompt: vscode.l10n.t('Instance type'),
          value: c.instanceType,
          placeholder: 'm7g.large',
          validate: (s) =>
            /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(s.trim()) ? undefined : vscode.l10n.t('An instance type looks like t3.micro.'),
        });
        if (typed === BACK) return BACK;
        c.instanceType = typed.trim();
      } else {
        c.instanceType = v;
      }
      if (c.imageFacts?.architecture && c.imageFacts.architecture !== architectureOf(c.instanceType)) {
        c.imageId = undefined; // Asked again, for the new architecture.
        c.imageFacts = undefined;
      }
      images(c.region!, c.instanceType).catch(() => undefined);
    }),
    step('imageId', async (c, at) => {
      const arch = architectureOf(c.instanceType ?? 't3.micro');
      const listing = images(c.region!, c.instanceType);
      const items = listing.then(({ images: list, facts }) => [
        ...list.map((i) => {
          const f = facts.get(i.imageId);
          return {
            label: i.release.label,
            description: i.imageId,
            detail: [f?.name, f?.created?.slice(0, 10), vscode.l10n.t('login: {0}', i.release.user)].filter(Boolean).join(' · '),
            value: i.imageId,
          };
        }),
        { label: vscode.l10n.t('Enter an AMI id…'), value: ENTER },
      ]);
      const fallback = await listing.then((l) => l.fallbackReason).catch(() => undefined);
      const v = await p.pick<string>({
        ...at,
        placeholder: fallback
          ? vscode.l10n.t('Image ({0}), found with DescribeImages: SSM is not available ({1})', arch, fallback)
          : vscode.l10n.t('Image ({0}), current release of each distribution', arch),
        items,
        active: (id) => id === c.imageId,
      });
      if (v === BACK) return BACK;
      if (v === ENTER) {
        const id = await p.input({
          ...at,
          prompt: vscode.l10n.t('AMI id'),
          value: c.imageId,
          placeholder: 'ami-0123456789abcdef0',
          validate: (s) => (/^ami-[0-9a-f]{8,17}$/.test(s) ? undefined : vscode.l10n.t('An AMI id looks like ami-0123456789abcdef0.')),
          check: async (s) => {
            try {
              c.imageFacts = await describeTypedImage(session(), c.region!, s, arch);
              return undefined;
            } catch (error) {
              return describeError(error, await session().errorContext(c.region));
            }
          },
        });
        if (id === BACK) return BACK;
        c.imageId = id;
      } else {
        c.imageId = v;
        c.imageFacts = (await listing).facts.get(v);
      }
    }),
    step('keyName', (c, at) => askKeyPair(wb, c, at, keys(c.region!))),
    step('subnetId', async (c, at) => {
      const items = subnets(c.region!).then((list) =>
        list.map((s) => ({
          label: s.availabilityZone ?? s.id,
          description: [s.id, s.cidr, s.defaultForAz ? vscode.l10n.t('default for AZ') : undefined].filter(Boolean).join(' · '),
          detail: s.vpcId,
          value: s.id,
        })),
      );
      const v = await p.pick<string>({
        ...at,
        placeholder: vscode.l10n.t('Subnet (its availability zone)'),
        items,
        active: (id) => id === c.subnetId,
      });
      if (v === BACK) return BACK;
      c.subnetId = v;
    }),
    {
      given: (c) => c.securityGroupIds !== undefined && !c.createSecurityGroup,
      ask: (c, at) => askSecurityGroup(wb, c, at, subnets(c.region!), groups(c.region!)),
    },
    step('count', async (c, at) => {
      const v = await p.input({
        ...at,
        prompt: vscode.l10n.t('Number of instances (1 to 10; 3 for the load balancer exercise)'),
        value: String(c.count ?? 1),
        validate: (s) => (/^([1-9]|10)$/.test(s.trim()) ? undefined : vscode.l10n.t('A number from 1 to 10.')),
      });
      if (v === BACK) return BACK;
      c.count = Number(v.trim());
    }),
    step('userData', (c, at) => askUserData(wb, c, at)),
    autoStopStep<LaunchContext>(wb), // Issue #31: stop when idle (autoStopStep.ts).
  ];
  return runWizard(p, vscode.l10n.t('Launch Instance'), ctx, steps, { interactive: true, summary });
}

/** The Name tags of the region's instances that are not terminated (none when they cannot be read). */
async function instanceNamesIn(wb: Workbench, region: string): Promise<Set<string>> {
  const instances = await listInstances(wb.sessions.session, region).catch(() => []);
  return new Set(instances.filter((i) => i.state !== 'terminated' && i.name).map((i) => i.name!));
}

async function askKeyPair(wb: Workbench, c: LaunchContext, at: StepAt, keys: ReturnType<typeof listKeyPairs>): Promise<void | typeof BACK> {
  const profile = wb.sessions.session.profileName;
  const items = keys.then((list) => [
    ...list
      .map((k) => ({ k, file: wb.keyFiles.get(profile, c.region!, k.name) }))
      .sort((a, b) => Number(!!b.file) - Number(!!a.file))
      .map(({ k, file }) => ({
        label: `${file ? '$(check) ' : ''}${k.name}`,
        description: file ? vscode.l10n.t('private key: {0}', file) : vscode.l10n.t('private key not known here'),
        value: k.name,
      })),
    { label: vscode.l10n.t('$(add) Create a new key pair…'), value: CREATE },
    {
      label: vscode.l10n.t('No key pair'),
      description: vscode.l10n.t('no SSH login with a key; EC2 Instance Connect only, where the image has it'),
      value: NONE,
    },
  ]);
  const v = await wb.prompter.pick<string>({
    ...at,
    placeholder: vscode.l10n.t('Key pair for SSH'),
    items,
    active: (k) => k === (c.keyName === '' ? NONE : c.keyName),
  });
  if (v === BACK) return BACK;
  if (v === CREATE) {
    const name = await wb.prompter.input({
      ...at,
      prompt: vscode.l10n.t('Name of the new key pair'),
      value: `${c.name ?? 'lab'}-key`,
      validate: (s) => (s.trim() ? undefined : vscode.l10n.t('Enter a name.')),
    });
    if (name === BACK) return BACK;
    // Run directly, not through executeCommand: a failure is reported once, by the launch.
    c.keyName = (await createKeyPairCommand(wb, { region: c.region, name })).keyName;
  } else {
    c.keyName = v === NONE ? '' : v;
  }
}

async function askSecurityGroup(
  wb: Workbench,
  c: LaunchContext,
  at: StepAt,
  subnets: ReturnType<typeof listSubnets>,
  groups: ReturnType<typeof listSecurityGroups>,
): Promise<void | typeof BACK> {
  const vpcId = (await subnets).find((s) => s.id === c.subnetId)?.vpcId;
  const list = (await groups).filter((g) => !vpcId || g.vpcId === vpcId);
  // A group that lets the lab work (SSH in, HTTP from everyone) is offered first; else "Create one".
  const works = (g: (typeof list)[number]) => admits(g.raw.IpPermissions, 80) && opensPort(g.raw.IpPermissions, 22);
  const usable = list.find(works);
  const items: Array<PickItem<string>> = [
    {
      label: vscode.l10n.t('$(add) Create one: SSH from my address, HTTP from everyone'),
      description: vscode.l10n.t('made when you confirm the launch'),
      value: CREATE,
    },
    ...list.map((g) => ({
      label: g.name ?? g.id,
      description: g.id,
      detail: g.inbound.join(', ') || vscode.l10n.t('no inbound rule: nothing can reach the instance'),
      value: g.id,
    })),
  ];
  const previous = c.createSecurityGroup ? CREATE : c.securityGroupIds?.[0];
  const v = await wb.prompter.pick<string>({
    ...at,
    placeholder: vscode.l10n.t('Security group'),
    items,
    active: (id) => id === (previous ?? usable?.id ?? CREATE),
  });
  if (v === BACK) return BACK;
  c.createSecurityGroup = v === CREATE;
  c.securityGroupIds = v === CREATE ? [] : [v];
  const chosen = list.find((g) => g.id === v);
  // Neither SSH nor HTTP gets in: the summary warns and offers a group that lets them in.
  c.closedGroup =
    chosen && !opensPort(chosen.raw.IpPermissions, 22) && !admits(chosen.raw.IpPermissions, 80) ? (chosen.name ?? chosen.id) : undefined;
}

async function askUserData(wb: Workbench, c: LaunchContext, at: StepAt): Promise<void | typeof BACK> {
  // Only tabs that look like user-data (a script, #cloud-config, a MIME multipart) are offered.
  const tabs = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors]
    .filter((e): e is vscode.TextEditor => !!e && looksLikeUserData(e.document.getText()))
    .map((e) => e.document)
    .filter((d, i, all) => all.indexOf(d) === i);
  const items: Array<PickItem<string>> = tabs.map((d) => ({
    label: vscode.l10n.t('$(file-code) The editor tab: {0}', d.fileName.split(/[\\/]/).pop() ?? ''),
    description: vscode.l10n.t('{0} bytes', Buffer.byteLength(d.getText())),
    value: d.uri.toString(),
  }));
  items.push({ label: vscode.l10n.t('$(folder-opened) A file…'), value: FILE }, { label: vscode.l10n.t('None'), value: NONE });
  const placeholder = tabs.length
    ? vscode.l10n.t('User-data script run at first boot')
    : vscode.l10n.t('User-data script run at first boot (no open tab starts with #!, #cloud-config or a MIME header)');
  const v = await wb.prompter.pick<string>({ ...at, placeholder, items, active: (u) => (c.userData === '' ? u === NONE : u !== NONE) });
  if (v === BACK) return BACK;
  if (v === NONE) {
    c.userData = '';
    c.userDataSource = undefined;
    return;
  }
  const uri = v === FILE ? (await vscode.window.showOpenDialog({ title: vscode.l10n.t('User-data script') }))?.[0] : vscode.Uri.parse(v);
  if (!uri) return BACK;
  const document = await vscode.workspace.openTextDocument(uri);
  c.userData = document.getText();
  c.userDataSource = uri.scheme === 'untitled' ? await savedUntitledCopy(wb, document, c.userData) : uri.fsPath;
}

/**
 * An unsaved tab's text, written where the summary's `--user-data file://...` line can name it
 * (the extension's storage, owner-only: user-data may hold secrets); removed when the tab closes.
 */
export async function savedUntitledCopy(wb: Workbench, document: vscode.TextDocument, text: string): Promise<string> {
  const dir = path.join(wb.context.globalStorageUri.fsPath, 'user-data');
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${document.uri.path.replace(/[^A-Za-z0-9_.-]/g, '_')}.sh`);
  await fs.writeFile(file, text, { mode: 0o600 });
  await fs.chmod(file, 0o600);
  const closed = vscode.workspace.onDidCloseTextDocument((d) => {
    if (d === document) {
      closed.dispose();
      void fs.rm(file, { force: true });
    }
  });
  wb.context.subscriptions.push(closed);
  return file;
}
