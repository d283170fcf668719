// What each screenshot shows. A scene gets a page with the workbench loaded, the sandbox, and the texts
// of the display language (`TEXTS`), and drives the workbench as a person would. The English scenes
// save `<name>.png`, the French ones `<name>-fr.png` (VS Code's own menus stay English there).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateTagsCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { AddTagsCommand, ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { textsOf } from './texts.mjs';

/** What the scenes look for or type, per display language: the extension's texts, read from its bundles (texts.mjs). */
function sceneTexts(language, suffix, typed) {
  const { t, upTo, part, command, manifest } = textsOf(language);
  return {
    suffix,
    ...typed,
    closedFix: t('Use a new group instead: SSH from my address, HTTP from everyone').split(/\s*:/)[0],
    running: t('running'),
    instances: t('Instances'),
    keyPairs: t('Key pairs'),
    loadBalancers: t('Load balancers'),
    volumes: t('Volumes'),
    vpcs: t('VPCs and subnets'),
    createKeyPair: t('Create Key Pair'),
    createVolume: t('Create Volume'),
    createLoadBalancer: t('Create Load Balancer'),
    wholeGiB: part('Type a whole number of GiB ({0} to {1} for {2}).'),
    nameTaken: upTo('The key pair name "{0}" is already used in {1}. Pick another name.', 'lab-key'),
    keyCreated: upTo('Key pair {0} created in {1}. Private key saved to {2}, readable only by you.', 'my-lab-key'),
    connect: t('Connect with Remote-SSH'),
    port22Closed: upTo('Port 22 is closed to your address {0}: no security group of {1} lets SSH in from it, so the connection will time out.'),
    entryWritten: part('Remote - SSH is not installed, so VS Code cannot open a window on {0}. The SSH config entry "{1}" is written.'),
    createLogin: t('Create Console Login'),
    weakPassword: part('The password {0}.'),
    launch: t('Launch Instance'),
    count: t('Number of instances (1 to 10; 3 for the load balancer exercise)'),
    noUserData: t('None'),
    stopAfter: t('$(clock) Stop after {0} minutes below {1}% CPU', 60, 5),
    reminder: part('{0} lab instances have been running for {1} (about {2}).'),
    stopsIdle: upTo('stops idle {0} min'),
    stopsWhenIdle: t('Stops when idle'),
    copyCli: t('$(copy) Copy the AWS CLI command'),
    loadTest: {
      command: command('loadTest'),
      url: upTo("URL to load (the load balancer's DNS name)"),
      requests: upTo('Number of requests (at most {0})'),
      inFlight: upTo('Requests in flight at once (at most {0})'),
      tab: t('Load Test Results'),
    },
    walkthrough: { firstStep: manifest('walkthrough.credentials.title'), keyPairStep: manifest('walkthrough.keyPair.title') },
    price: t('Price'),
    perDay: t('{0}/day/A price per day: "$0.28/day"', ''),
    cleanUp: command('cleanUp'),
    importKeyPair: command('importKeyPair'),
    deleteKeyPair: t('Delete Key Pair'),
    keyPairName: upTo('Name of the key pair in {0}'),
    stays: part('{0} was not created by EC2 Workbench and stays.'),
  };
}

/** Per display language: the extension's texts, and what a person types there. */
export const TEXTS = {
  en: sceneTexts('en', '', { sizeInLetters: 'eight' }),
  fr: sceneTexts('fr', '-fr', { sizeInLetters: 'huit' }),
};

const quickInput = (page) => page.locator('.quick-input-widget');

/** A user's SSH config as many macOS users have it: global lines before the first Host. */
const USER_SSH_CONFIG = `IgnoreUnknown UseKeychain
AddKeysToAgent yes
ServerAliveInterval 60

Host github.com
  User git
  IdentityFile ~/.ssh/id_ed25519

Host *
  UseKeychain yes
`;

export async function openExplorer(page) {
  await page.locator('.activitybar [aria-label^="EC2 Workbench"]').first().click();
  // A wider side bar, so descriptions are readable.
  await page.mouse.move(349, 400);
  await page.mouse.down();
  await page.mouse.move(600, 400, { steps: 5 });
  await page.mouse.up();
  await page.locator('.monaco-list-row', { hasText: 'eu-west-3' }).first().waitFor({ timeout: 60_000 });
  // Every region has its answer once no row says "loading…" (in English or French).
  await page.waitForFunction(() => ![...globalThis.document.querySelectorAll('.monaco-list-row')].some((r) => /loading…|chargement…/.test(r.textContent)), null, { timeout: 60_000 });
  await page.waitForTimeout(300);
}

/** Expands the rows with these labels, one after the other. */
export async function expandAll(page, ...labels) {
  for (const label of labels) {
    const row = page.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 30_000 });
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.click();
    }
  }
}

async function runInline(page, rowText, actionLabel) {
  const row = page.locator('.monaco-list-row', { hasText: rowText }).first();
  await row.hover();
  await row.locator(`.action-label[aria-label^="${actionLabel}"]`).click();
}

async function contextMenu(page, rowText, item) {
  await page.locator('.monaco-list-row', { hasText: rowText }).first().click({ button: 'right' });
  const entry = page.locator('.monaco-menu .action-item', { hasText: item }).first();
  await entry.waitFor();
  await entry.hover();
  await page.keyboard.press('Enter');
}

async function pickRow(page, text) {
  const row = quickInput(page).locator('.monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

export async function runPaletteCommand(page, title) {
  await page.keyboard.press('F1');
  await quickInput(page).locator('input').waitFor();
  await page.keyboard.type(title);
  await quickInput(page).locator('.monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens the notification center (toasts of a headless window go there) and waits for `text`. */
export async function showNotifications(page, text) {
  const toast = page.locator('.notification-toast', { hasText: text });
  if (!(await toast.isVisible())) {
    await page.locator('.statusbar-item[id*="notifications"], .statusbar-item [aria-label*="otification"]').last().click();
    await page.locator('.notifications-center', { hasText: text }).waitFor({ timeout: 30_000 });
  }
  await page.mouse.move(900, 300);
  await page.waitForTimeout(300);
}

/** Starts "Create Key Pair" from the eu-west-3 key pairs row and types `name`. */
async function typeKeyPairName(page, t, name) {
  await openExplorer(page);
  await expandAll(page, 'eu-west-3');
  await runInline(page, t.keyPairs, t.createKeyPair);
  await quickInput(page).locator('input').waitFor();
  await page.keyboard.type(name);
}

/** "Connect with Remote-SSH" on an instance (its key is found in ~/.ssh, so nothing is asked for it). */
async function connect(page, t, name) {
  await openExplorer(page);
  await expandAll(page, 'eu-west-3', t.instances);
  await contextMenu(page, name, t.connect);
}

/** The launch wizard from the view's title button to its summary (3 × t2.micro, lab-key, no user-data). */
async function launchToSummary(page, t, saveSteps, stopAtAutoStop = false) {
  await openExplorer(page);
  await page.locator(`.action-label[aria-label^="${t.launch}"]`).first().click();
  await pickRow(page, 'eu-west-3');
  await quickInput(page).locator('.quick-input-title', { hasText: '(2/11)' }).waitFor();
  await page.keyboard.press('Enter'); // name: web-1
  await pickRow(page, 't3.micro');
  await quickInput(page).locator('.monaco-list-row', { hasText: 'Ubuntu Server 24.04' }).first().waitFor({ timeout: 30_000 });
  await page.mouse.move(1100, 700); // No hover over the list (its tooltip would cover a row).
  await page.waitForTimeout(600);
  if (saveSteps) await page.screenshot({ path: `media/screenshots/launch-wizard-ami${t.suffix}.png` });
  await page.keyboard.press('Enter'); // Ubuntu Server 24.04, the first and active row.
  await quickInput(page).locator('.monaco-list-row', { hasText: 'lab-key' }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(300);
  if (saveSteps) await page.screenshot({ path: `media/screenshots/launch-wizard-key${t.suffix}.png` });
  await pickRow(page, 'lab-key');
  await pickRow(page, 'eu-west-3a');
  await pickRow(page, 'default');
  await quickInput(page).getByText(t.count).waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await quickInput(page).locator('.quick-input-title', { hasText: '(9/11)' }).waitFor();
  // Typing filters the list down to that one item, whatever row it is drawn in.
  await page.keyboard.type(t.noUserData);
  await quickInput(page).locator(`.monaco-list-row[aria-label="${t.noUserData}"]`).waitFor();
  await page.keyboard.press('Enter');
  // Issue #31: stop when idle (60 minutes, preselected).
  await quickInput(page).locator('.quick-input-title', { hasText: '(10/11)' }).waitFor();
  await quickInput(page).locator('.monaco-list-row', { hasText: t.stopAfter }).first().waitFor();
  await page.waitForTimeout(400);
  if (stopAtAutoStop) return;
  await page.keyboard.press('Enter');
  await quickInput(page).locator('.monaco-list-row', { hasText: t.copyCli }).waitFor();
  await page.waitForTimeout(400);
}

/** Every scene, by name; each runs in either language (a scene's `settings` are added to the sandbox's for it). */
export const scenes = {
  /** Every region of the account: the two with instances first, the others folded into one node (its tooltip names them). */
  async 'explorer-regions'(page) {
    await openExplorer(page);
    const fold = page.locator('.monaco-list-row', { hasText: /regions with no instances|régions sans instance/ }).first();
    await fold.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await fold.hover();
    await page.locator('.monaco-hover').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(600);
  },

  async explorer(page, _sandbox, t) {
    await openExplorer(page);
    await page.locator('.monaco-list-row', { hasText: new RegExp(`us-east-1.*${t.running}`) }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
  },

  async 'explorer-expanded'(page, _sandbox, t) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3', t.instances, t.loadBalancers, 'lab-elb', t.vpcs, '172.31.0.0/16');
    await page.locator('.monaco-list-row', { hasText: 'InService' }).first().waitFor({ timeout: 30_000 });
    await page.mouse.move(900, 600);
    await page.waitForTimeout(500);
  },

  async 'instance-tooltip'(page, _sandbox, t) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3', t.instances, t.loadBalancers, 'lab-elb');
    const row = page.locator('.monaco-list-row', { hasText: 'web-1' }).first();
    // The tooltip waits for the full record from the listing worker: hover again if it did not come.
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.mouse.move(900, 600);
      await row.hover();
      if (await page.locator('.monaco-hover', { hasText: t.price }).first().waitFor({ timeout: 10_000 }).then(() => true, () => false)) break;
    }
    await page.waitForTimeout(800);
  },

  async 'create-key-pair'(page, _sandbox, t) {
    await typeKeyPairName(page, t, 'lab-key');
    await page.locator('.quick-input-message', { hasText: t.nameTaken }).waitFor();
    await page.waitForTimeout(300);
  },

  async 'key-pairs'(page, _sandbox, t) {
    await typeKeyPairName(page, t, 'my-lab-key');
    await page.keyboard.press('Enter');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'ED25519' }).waitFor();
    await page.keyboard.press('Enter');
    await expandAll(page, t.keyPairs);
    await page.locator('.monaco-list-row', { hasText: 'my-lab-key.pem' }).waitFor({ timeout: 30_000 });
    await showNotifications(page, t.keyCreated);
    await page.waitForTimeout(300);
  },

  async 'instance-menu'(page, _sandbox, t) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3', t.instances);
    await page.locator('.monaco-list-row', { hasText: 'web-1' }).first().click({ button: 'right' });
    await page.locator('.monaco-menu .action-item', { hasText: t.connect }).first().hover();
    await page.waitForTimeout(300);
  },

  /** The instance menu's EC2 Instance Connect choice, hovered. */
  async 'instance-connect-menu'(page, _sandbox, t) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3', t.instances);
    await page.locator('.monaco-list-row', { hasText: 'web-2' }).first().click({ button: 'right' });
    await page.locator('.monaco-menu .action-item', { hasText: 'EC2 Instance Connect' }).first().hover();
    await page.waitForTimeout(300);
  },

  /** Connect with Remote-SSH on web-2 when its .pem cannot be found: a one-time key, or locate the key. */
  async 'instance-connect'(page, sandbox, t) {
    const pem = join(sandbox.home, '.ssh', 'lab-key.pem');
    renameSync(pem, `${pem}.away`);
    try {
      await connect(page, t, 'web-2');
      await quickInput(page).locator('.monaco-list-row', { hasText: 'EC2 Instance Connect' }).first().waitFor({ timeout: 30_000 });
      await page.mouse.move(900, 600);
      await page.waitForTimeout(400);
    } finally {
      renameSync(`${pem}.away`, pem);
    }
  },

  /** web-2 (web-1's SSH goes to the sandbox's local sshd, so it has no port 22 to check). */
  async 'ssh-port-22'(page, _sandbox, t) {
    await connect(page, t, 'web-2');
    await page.mouse.move(900, 600);
    await page.locator('.monaco-dialog-box', { hasText: t.port22Closed }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
  },

  /** The user's ~/.ssh/config (a macOS-style one) after Connect with Remote-SSH: two lines added at its top. */
  async 'ssh-config'(page, sandbox, t) {
    const config = join(sandbox.home, '.ssh', 'config');
    writeFileSync(config, USER_SSH_CONFIG, { mode: 0o600 });
    await connect(page, t, 'web-1');
    await showNotifications(page, t.entryWritten);
    await page.keyboard.press('Control+p');
    await quickInput(page).locator('input').waitFor();
    await page.keyboard.type(config);
    await quickInput(page).locator('.monaco-list-row', { hasText: 'config' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'config' }).waitFor({ timeout: 30_000 });
    await page.mouse.move(900, 300);
    await page.waitForTimeout(800);
  },

  /** The volume wizard on its size step, with a size typed in letters and the rule that fails. */
  async 'create-volume'(page, _sandbox, t) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3');
    await runInline(page, t.volumes, t.createVolume);
    await pickRow(page, 'web-1');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'gp3' }).first().waitFor();
    await page.keyboard.press('Enter');
    await quickInput(page).locator('.quick-input-title', { hasText: '(3/5)' }).waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(t.sizeInLetters);
    await page.locator('.quick-input-message', { hasText: t.wholeGiB }).waitFor();
    await page.waitForTimeout(300);
  },

  /** The load balancer wizard's summary: what will be created and the AWS CLI lines. */
  async 'create-load-balancer'(page, _sandbox, t) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3');
    await runInline(page, t.loadBalancers, t.createLoadBalancer);
    await quickInput(page).locator('.quick-input-title', { hasText: '(1/8)' }).waitFor();
    await quickInput(page).locator('.monaco-list-row').nth(1).waitFor();
    await page.keyboard.press('ArrowDown'); // Classic, as in the lab
    await page.keyboard.press('Enter');
    await quickInput(page).locator('.quick-input-title', { hasText: '(2/5)' }).waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('lab-elb-2');
    await page.keyboard.press('Enter');
    await quickInput(page).locator('.quick-input-title', { hasText: '(3/5)' }).waitFor();
    await quickInput(page).locator('.monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    await quickInput(page).locator('.quick-input-title', { hasText: '(4/5)' }).waitFor();
    await quickInput(page).locator('.monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    await quickInput(page).locator('.quick-input-title', { hasText: '(5/5)' }).waitFor();
    await quickInput(page).locator('.monaco-list-row', { hasText: t.copyCli }).waitFor();
    await page.waitForTimeout(400);
  },

  /** The load balancer wizard's first step: the type, Application recommended, Classic as in the lab. */
  async 'create-load-balancer-type'(page, _sandbox, t) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3');
    await runInline(page, t.loadBalancers, t.createLoadBalancer);
    await quickInput(page).locator('.quick-input-title', { hasText: '(1/8)' }).waitFor();
    await quickInput(page).locator('.monaco-list-row').nth(1).waitFor();
    await page.waitForTimeout(400);
  },

  /** An application load balancer beside the classic one: its listener, its target group, each target's health and reason. */
  async 'explorer-alb'(page, _sandbox, t) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3', t.loadBalancers, 'lab-alb');
    await page.locator('.monaco-list-row', { hasText: 'Target is in the stopped state' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-list-row', { hasText: 'Target is in the stopped state' }).first().hover();
    await page.waitForTimeout(1500);
  },

  async 'iam-login'(page, _sandbox, t) {
    await openExplorer(page);
    await expandAll(page, 'IAM (global)');
    await runInline(page, 'student', t.createLogin);
    await quickInput(page).locator('input').waitFor();
    await page.keyboard.type('weakpass1');
    await page.locator('.quick-input-message', { hasText: t.weakPassword }).waitFor();
    await page.waitForTimeout(300);
  },

  /** Also saves the AMI step (launch-wizard-ami) and the key pair step (launch-wizard-key) on the way. */
  async 'launch-wizard'(page, _sandbox, t) {
    await launchToSummary(page, t, true);
  },

  /** Issue #31: the launch wizard's "stop when idle" step (60 minutes below 5% CPU preselected). */
  async 'launch-auto-stop'(page, _sandbox, t) {
    await launchToSummary(page, t, false, true);
  },

  /**
   * Issue #31: the reminder a new window shows for the lab instances still running. Launches
   * 3 × t3.micro through the wizard, lets them run a minute, then reloads the window.
   */
  async reminder(page, _sandbox, t) {
    await launchToSummary(page, t, false);
    // The default group lets nothing in: the summary's first, active item is its fix (a new group);
    // Enter takes it and the summary comes back with Launch active.
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1_500);
    if (await quickInput(page).isVisible()) await page.keyboard.press('Enter'); // Launch.
    await page.waitForTimeout(70_000);
    await page.reload();
    await page.locator('.activitybar').first().waitFor({ timeout: 60_000 });
    await openExplorer(page);
    await page.waitForTimeout(8_000); // The reminder comes 3 s after activation, with its price.
    await showNotifications(page, t.reminder);
  },

  /** Issue #31: web-1 stops when idle (the badge in the tree) and its alarm's state on hover. */
  async 'tree-auto-stop'(page, sandbox, t) {
    const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
    const ec2 = new EC2Client({ region: 'eu-west-3', endpoint: sandbox.moto.url, credentials });
    const cw = new CloudWatchClient({ region: 'eu-west-3', endpoint: sandbox.moto.url, credentials });
    const out = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['web-1'] }] }));
    const id = out.Reservations[0].Instances[0].InstanceId;
    // What Stop When Idle... makes (src/core/aws/cloudwatch/autoStop.ts): the alarm, and the instance's tag.
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: `ec2-workbench-idle-${id}`,
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: id }],
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 12,
        Threshold: 5,
        ComparisonOperator: 'LessThanThreshold',
        AlarmActions: ['arn:aws:automate:eu-west-3:ec2:stop'],
      }),
    );
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'ec2-workbench:auto-stop', Value: '60/5' }] }));
    await openExplorer(page);
    await expandAll(page, 'eu-west-3', t.instances);
    await page.locator('.monaco-list-row', { hasText: t.stopsIdle }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-list-row', { hasText: 'web-1' }).first().hover();
    await page.locator('.monaco-hover', { hasText: t.stopsWhenIdle }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
  },

  /** The launch summary with the price per hour of 3 × t3.micro (on-demand estimate). */
  async 'launch-price'(page, _sandbox, t) {
    await launchToSummary(page, t, false);
    await quickInput(page).getByText(/3 × .*\/h/).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
  },

  /** The launch summary when the chosen group (default: no inbound rule) admits neither SSH nor HTTP: the problem and its fix first. */
  async 'launch-closed-group'(page, _sandbox, t) {
    await launchToSummary(page, t, false);
    await quickInput(page).locator('.monaco-list-row', { hasText: t.closedFix }).first().waitFor({ timeout: 30_000 });
    await page.mouse.move(1100, 700);
    await page.waitForTimeout(400);
  },

  /** Prices in the tree: the region's hourly total, web-1's tooltip, the status bar total. */
  async 'costs-tree'(page, _sandbox, t) {
    await openExplorer(page);
    await page.locator('.monaco-list-row', { hasText: /eu-west-3.*\/h/ }).first().waitFor({ timeout: 60_000 });
    await expandAll(page, 'eu-west-3', t.instances);
    await page.locator('.monaco-list-row', { hasText: 'web-1' }).first().hover();
    await page.locator('.monaco-hover', { hasText: t.price }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
  },

  /** The application load balancer's tooltip: its hourly price and the LCU-hour note (issue #30). */
  async 'alb-price'(page, _sandbox, t) {
    await openExplorer(page);
    await page.locator('.monaco-list-row', { hasText: /eu-west-3.*\/h/ }).first().waitFor({ timeout: 60_000 });
    await expandAll(page, 'eu-west-3', t.loadBalancers);
    await page.locator('.monaco-list-row', { hasText: 'lab-alb' }).first().hover();
    await page.locator('.monaco-hover', { hasText: 'LCU' }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
  },

  /**
   * Key-less connect to an instance of a Debian image (no EC2 Instance Connect agent): said before
   * connecting, with the key file offered (issue #30). Adds an instance to the sandbox.
   */
  async 'instance-connect-no-agent'(page, sandbox, t) {
    const { DescribeImagesCommand, RunInstancesCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client({ region: 'eu-west-3', endpoint: sandbox.moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: ['debian-12-*'] }] }));
    await ec2.send(new RunInstancesCommand({
      ImageId: Images[0].ImageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, KeyName: 'lab-key',
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'debian-box' }] }],
    }));
    ec2.destroy();
    await openExplorer(page);
    await expandAll(page, 'eu-west-3', t.instances);
    await page.locator('.monaco-list-row', { hasText: 'debian-box' }).first().click({ button: 'right' });
    const entry = page.locator('.monaco-menu .action-item', { hasText: 'EC2 Instance Connect' }).first();
    await entry.waitFor();
    await entry.hover();
    await page.keyboard.press('Enter');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'ec2-instance-connect' }).first().waitFor({ timeout: 30_000 });
    await page.mouse.move(900, 600);
    await page.waitForTimeout(400);
  },

  /** The clean-up review with what each resource, and the selection, costs per day (the lab's web servers and balancer marked as made by EC2 Workbench). */
  async 'clean-up-costs'(page, sandbox, t) {
    const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
    const ec2 = new EC2Client({ region: 'eu-west-3', endpoint: sandbox.moto.url, credentials });
    const elb = new ElasticLoadBalancingClient({ region: 'eu-west-3', endpoint: sandbox.moto.url, credentials });
    const lab = { Key: 'ec2-workbench', Value: 'lab' };
    await ec2.send(new CreateTagsCommand({ Resources: [...sandbox.seeded.web.slice(1), sandbox.seeded.volumeId], Tags: [lab] }));
    await elb.send(new AddTagsCommand({ LoadBalancerNames: ['lab-elb'], Tags: [lab] }));
    ec2.destroy();
    elb.destroy();
    await openExplorer(page);
    await runPaletteCommand(page, t.cleanUp);
    await quickInput(page).locator('.monaco-list-row', { hasText: t.perDay }).first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(600);
  },

  /** A load test on the sandbox's three loopback web servers. */
  async 'load-test'(page, sandbox, t) {
    await openExplorer(page);
    await runPaletteCommand(page, t.loadTest.command);
    await quickInput(page).getByText(t.loadTest.url).waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(sandbox.loadBalancerUrl);
    await page.keyboard.press('Enter');
    await quickInput(page).getByText(t.loadTest.requests).waitFor();
    await page.keyboard.press('Enter');
    await quickInput(page).getByText(t.loadTest.inFlight).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: t.loadTest.tab }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
  },

  async walkthrough(page, _sandbox, t) {
    await openExplorer(page);
    await runPaletteCommand(page, 'Welcome: Open Walkthrough');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'EC2' }).first().click();
    await page.getByText(t.walkthrough.firstStep).first().waitFor({ timeout: 30_000 });
    await page.getByText(t.walkthrough.keyPairStep).first().click();
    // Without the side bar the editor is wide enough to show the step's picture beside the steps.
    await page.keyboard.press('Control+b');
    await page.locator('.getting-started-media img').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
  },

  /**
   * An instance without a public address in a VPC without an EC2 Instance Connect Endpoint: the
   * message with the steps. Last, because it adds a VPC and an instance to the sandbox.
   */
  async 'instance-connect-no-endpoint'(page, sandbox, t) {
    const { CreateSubnetCommand, CreateVpcCommand, DescribeImagesCommand, EC2Client, RunInstancesCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client({ region: 'eu-west-3', endpoint: sandbox.moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'] }));
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }))).Vpc.VpcId;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.42.1.0/24' }))).Subnet.SubnetId;
    await ec2.send(new RunInstancesCommand({
      ImageId: Images.find((i) => /ubuntu/.test(i.Name ?? '')).ImageId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, SubnetId: subnet,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'private-db' }] }],
    }));
    // moto does not model DescribeInstanceConnectEndpoints: the tests' stand-in answers it (with none), in front of moto.
    const { InstanceConnectStandIn } = await import(join(import.meta.dirname, '..', '..', 'out', 'test', 'support', 'instanceConnectStandIn.js'));
    const standIn = await new InstanceConnectStandIn(sandbox.moto.url).start();
    const settingsFile = join(sandbox.server.dataDir, 'user', 'User', 'settings.json');
    writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(readFileSync(settingsFile, 'utf8')), 'ec2Workbench.endpointUrl': standIn.url }, null, 2));
    try {
      await openExplorer(page);
      await expandAll(page, 'eu-west-3', t.instances);
      await contextMenu(page, 'private-db', 'EC2 Instance Connect');
      await showNotifications(page, vpc);
      await page.waitForTimeout(300);
    } finally {
      await standIn.close();
    }
  },

  /**
   * Issue #26: the user's own key, imported as a key pair, is never deleted. Its public half is
   * imported (EC2: Import Key Pair), then Delete Key Pair offers no "and Private Key File" button and
   * says the file stays.
   */
  async 'key-file-kept'(page, sandbox, t) {
    const { execFileSync } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const key = join(sandbox.home, '.ssh', 'id_ed25519');
    if (!existsSync(key)) {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'me@laptop', '-f', key]);
    }
    await openExplorer(page);
    try {
      await runPaletteCommand(page, t.importKeyPair);
      await pickRow(page, 'eu-west-3');
      await pickRow(page, 'id_ed25519.pub');
      await page.waitForTimeout(1000);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('my-laptop');
      await page.keyboard.press('Enter');
      await expandAll(page, 'eu-west-3', t.keyPairs);
      // The tree's row, not the notification's ("Key pair my-laptop imported…").
      const row = /my-laptop.*id_ed25519/;
      await page.locator('.monaco-list-row', { hasText: row }).first().waitFor({ timeout: 30_000 });
      await contextMenu(page, row, t.deleteKeyPair);
    } catch (error) {
      await page.screenshot({ path: join(sandbox.home, '..', 'key-file-kept-debug.png') });
      throw error;
    }
    await page.locator('.monaco-dialog-box', { hasText: t.stays }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
  },

  /**
   * Issue #26: a Name tag written as a command link (anyone in the account can tag) reaches the
   * notification as plain text, not as a link. The stand-in answers DescribeInstanceConnectEndpoints (none).
   */
  async 'hostile-name-tag'(page, sandbox) {
    const { CreateSubnetCommand, CreateVpcCommand, DescribeImagesCommand, EC2Client, RunInstancesCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client({ region: 'eu-west-3', endpoint: sandbox.moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'] }));
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.44.0.0/16' }))).Vpc.VpcId;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.44.1.0/24' }))).Subnet.SubnetId;
    const name = '[Retry with a public IP](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) $(warning)';
    await ec2.send(new RunInstancesCommand({
      ImageId: Images.find((i) => /ubuntu/.test(i.Name ?? '')).ImageId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, SubnetId: subnet,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
    }));
    const { InstanceConnectStandIn } = await import(join(import.meta.dirname, '..', '..', 'out', 'test', 'support', 'instanceConnectStandIn.js'));
    const standIn = await new InstanceConnectStandIn(sandbox.moto.url).start();
    const settingsFile = join(sandbox.server.dataDir, 'user', 'User', 'settings.json');
    const before = readFileSync(settingsFile, 'utf8');
    writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(before), 'ec2Workbench.endpointUrl': standIn.url }, null, 2));
    try {
      await openExplorer(page);
      await expandAll(page, 'eu-west-3');
      const instances = page.locator('.monaco-list-row', { hasText: /^Instances|Instances/ }).first();
      await instances.waitFor();
      if ((await instances.getAttribute('aria-expanded')) === 'false') await instances.click();
      await contextMenu(page, 'Retry with a public IP', 'EC2 Instance Connect');
      await showNotifications(page, vpc);
      await page.waitForTimeout(300);
    } finally {
      writeFileSync(settingsFile, before);
      await standIn.close();
    }
  },

  /** Issue #27: the status bar's cost tooltip: its long sentence wraps between words ("load balancers", "IPv4" whole). */
  async 'status-cost-tooltip'(page) {
    await openExplorer(page);
    const item = page.locator('.statusbar-item', { hasText: '/h' }).first();
    await item.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await item.hover();
    await page.locator('.monaco-hover', { hasText: 'IPv4' }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
  },

  /** Issue #27: after Clean Up, what is still billed and why (the sandbox's seeded resources, not made by EC2 Workbench). */
  async 'clean-up-left'(page, sandbox, t) {
    const fr = t.suffix === '-fr';
    const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
    const ec2 = new EC2Client({ region: 'eu-west-3', endpoint: sandbox.moto.url, credentials });
    // web-3 is the lab's (tagged as if EC2 Workbench had launched it); the rest was seeded by the sandbox.
    await ec2.send(new CreateTagsCommand({ Resources: [sandbox.seeded.web[2]], Tags: [{ Key: 'ec2-workbench', Value: 'lab' }] }));
    ec2.destroy();
    await openExplorer(page);
    await page.locator('.statusbar-item', { hasText: '/h' }).first().waitFor({ timeout: 60_000 });
    await runPaletteCommand(page, t.cleanUp);
    await quickInput(page).locator('.monaco-list-row', { hasText: 'web-3' }).first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(600);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-dialog-box').waitFor({ timeout: 30_000 });
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: fr ? 'Supprimer' : 'Delete' }).first().click();
    await showNotifications(page, fr ? 'Toujours facturé' : 'Still billed');
    // The whole message: the notification expanded.
    await page.locator('.notifications-center .codicon-notifications-expand').first().click().catch(() => undefined);
    await page.mouse.move(900, 300);
    await page.waitForTimeout(600);
  },

  /** Issue #27: the end of the launch summary's answer rows (user-data, stop when idle), each whole on its own row. */
  async 'launch-summary-rows'(page, _sandbox, t) {
    await launchToSummary(page, t, false);
    await page.keyboard.press('ArrowUp'); // From the first row up to the last one (the list wraps).
    await page.mouse.move(1100, 700);
    await page.waitForTimeout(500);
  },

  /**
   * Issue #31: the reminder at start-up with the EC2 Workbench view closed (the file Explorer shown).
   * Launches 3 x t3.micro with launchInstance's argument object (a keybinding of the sandbox's user
   * runs it: no wizard, the view never opened), lets them run a minute, then reloads the window: the
   * extension activates at start-up and the reminder comes by itself.
   */
  async 'reminder-startup'(page, sandbox, t) {
    const { DescribeImagesCommand, DescribeSubnetsCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client({ region: 'eu-west-3', endpoint: sandbox.moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'] }));
    const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    const args = { region: 'eu-west-3', name: 'web', imageId: Images[0].ImageId, instanceType: 't3.micro', keyName: 'lab-key', subnetId: Subnets[0].SubnetId, securityGroupIds: [], count: 3, userData: '', autoStop: false };
    const keybindings = join(sandbox.server.dataDir, 'user', 'User', 'keybindings.json');
    writeFileSync(keybindings, JSON.stringify([{ key: 'ctrl+alt+shift+l', command: 'ec2Workbench.launchInstance', args }]));
    await page.reload(); // The keybinding is read at start-up.
    await page.locator('.activitybar').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(5_000);
    await page.locator('.monaco-workbench').first().click({ position: { x: 800, y: 400 } });
    await page.keyboard.press('Control+Alt+Shift+L');
    await page.waitForTimeout(70_000);
    await page.reload();
    await page.locator('.activitybar').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(12_000); // Start-up finished, then the reminder's 3 s and its price.
    await showNotifications(page, t.reminder);
  },
};

/** The scenes taken in French: what README's French table and the French walkthrough show. */
scenes['explorer-regions'].settings = { 'ec2Workbench.regions': [] };

export const FRENCH_SCENES = [
  'reminder',
  'launch-auto-stop',
  'tree-auto-stop',
  'explorer-regions',
  'explorer',
  'explorer-expanded',
  'instance-tooltip',
  'create-key-pair',
  'key-pairs',
  'ssh-port-22',
  'instance-connect-menu',
  'instance-connect',
  'iam-login',
  'launch-wizard',
  'load-test',
  'walkthrough',
  'create-volume',
  'create-load-balancer',
  'create-load-balancer-type',
  'explorer-alb',
  'instance-connect-no-endpoint',
  'costs-tree',
  'clean-up-costs',
  'launch-price',
  'key-file-kept',
  'alb-price',
  'instance-connect-no-agent',
  'launch-closed-group',
  'launch-summary-rows',
  'status-cost-tooltip',
  'clean-up-left',
  'reminder-startup',
];
