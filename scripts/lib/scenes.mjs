// What each screenshot shows. A scene gets a page with the workbench loaded and drives it as a person would.

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

export async function expand(page, label) {
  const row = page.locator('.monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') {
    await row.click();
  }
  return row;
}

/** Expands the rows with these labels, one after the other. */
export async function expandAll(page, ...labels) {
  for (const label of labels) {
    await expand(page, label);
  }
}

export const scenes = {
  async explorer(page) {
    await openExplorer(page);
    await page.locator('.monaco-list-row', { hasText: /us-east-1.*running/ }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
  },
  async 'explorer-expanded'(page) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3', 'Instances', 'Load balancers', 'lab-elb', 'VPCs and subnets', '172.31.0.0/16');
    await page.locator('.monaco-list-row', { hasText: 'InService' }).first().waitFor({ timeout: 30_000 });
    await page.mouse.move(900, 600);
    await page.waitForTimeout(500);
  },
  async 'instance-tooltip'(page) {
    await openExplorer(page);
    await expand(page, 'eu-west-3');
    await expand(page, 'Instances');
    await page.locator('.monaco-list-row', { hasText: 'web-1' }).first().hover();
    await page.waitForTimeout(1500);
  },
};

async function runInline(page, rowText, actionLabel) {
  const row = page.locator('.monaco-list-row', { hasText: rowText }).first();
  await row.hover();
  await row.locator(`.action-label[aria-label^="${actionLabel}"]`).click();
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

const quickInput = (page) => page.locator('.quick-input-widget');

/** Types a key pair name that is taken and waits for the validation message (labels in the display language). */
async function keyPairNameTaken(page, { group, action, message }) {
  await openExplorer(page);
  await expand(page, 'eu-west-3');
  await runInline(page, group, action);
  await quickInput(page).locator('input').waitFor();
  await page.keyboard.type('lab-key');
  await page.locator('.quick-input-message', { hasText: message }).waitFor();
  await page.waitForTimeout(300);
}

scenes['create-key-pair'] = (page) => keyPairNameTaken(page, { group: 'Key pairs', action: 'Create Key Pair', message: 'already used' });

scenes['key-pairs'] = async (page) => {
  await openExplorer(page);
  await expand(page, 'eu-west-3');
  await runInline(page, 'Key pairs', 'Create Key Pair');
  await quickInput(page).locator('input').waitFor();
  await page.keyboard.type('my-lab-key');
  await page.keyboard.press('Enter');
  await quickInput(page).locator('.monaco-list-row', { hasText: 'ED25519' }).waitFor();
  await page.keyboard.press('Enter');
  await expand(page, 'Key pairs');
  await page.locator('.monaco-list-row', { hasText: 'my-lab-key.pem' }).waitFor({ timeout: 30_000 });
  await showNotifications(page, 'Key pair my-lab-key created');
  await page.waitForTimeout(300);
};

async function contextMenu(page, rowText, item) {
  await page.locator('.monaco-list-row', { hasText: rowText }).first().click({ button: 'right' });
  const entry = page.locator('.monaco-menu .action-item', { hasText: item }).first();
  await entry.waitFor();
  await entry.hover();
  await page.keyboard.press('Enter');
}

scenes['instance-menu'] = async (page) => {
  await openExplorer(page);
  await expand(page, 'eu-west-3');
  await expand(page, 'Instances');
  await page.locator('.monaco-list-row', { hasText: 'web-1' }).first().click({ button: 'right' });
  await page.locator('.monaco-menu .action-item', { hasText: 'Connect with Remote-SSH' }).first().hover();
  await page.waitForTimeout(300);
};

scenes['ssh-locate-key'] = async (page) => {
  await openExplorer(page);
  await expand(page, 'eu-west-3');
  await expand(page, 'Instances');
  await contextMenu(page, 'web-1', 'Connect with Remote-SSH');
  await quickInput(page).locator('input').waitFor();
  await page.waitForTimeout(800);
};

scenes['ssh-port-22'] = async (page) => {
  await openExplorer(page);
  await expand(page, 'eu-west-3');
  await expand(page, 'Instances');
  await contextMenu(page, 'web-1', 'Connect with Remote-SSH');
  const input = quickInput(page).locator('input');
  await input.waitFor();
  await quickInput(page).locator('.monaco-list-row[aria-label="lab-key.pem"]').click();
  await page.mouse.move(900, 600);
  await page.locator('.monaco-dialog-box', { hasText: 'Port 22 is closed' }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(300);
};

scenes['iam-login'] = async (page) => {
  await openExplorer(page);
  await expand(page, 'IAM (global)');
  await runInline(page, 'student', 'Create Console Login');
  await quickInput(page).locator('input').waitFor();
  await page.keyboard.type('weakpass1');
  await page.locator('.quick-input-message', { hasText: 'needs' }).waitFor();
  await page.waitForTimeout(300);
};

async function pickRow(page, text) {
  const row = quickInput(page).locator('.monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

/** Opens the launch wizard from the view title (`action` is its label) and goes to the AMI step. */
async function launchWizardAtAmiStep(page, action) {
  await openExplorer(page);
  await page.locator(`.action-label[aria-label^="${action}"]`).first().click();
  await pickRow(page, 'eu-west-3');
  await quickInput(page).locator('input').waitFor();
  await page.keyboard.press('Enter'); // name: web-1
  await quickInput(page).locator('.monaco-list-row', { hasText: 'ubuntu' }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(400);
}

scenes['launch-wizard'] = async (page) => {
  await launchWizardAtAmiStep(page, 'Launch Instance');
  await page.screenshot({ path: 'media/screenshots/launch-wizard-ami.png' });
  await pickRow(page, 'ubuntu');
  await pickRow(page, 't2.micro');
  await quickInput(page).locator('.monaco-list-row', { hasText: 'lab-key' }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'media/screenshots/launch-wizard-key.png' });
  await pickRow(page, 'lab-key');
  await pickRow(page, 'eu-west-3a');
  await pickRow(page, 'default');
  await quickInput(page).getByText('Number of instances').waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await pickRow(page, 'None');
  await quickInput(page).locator('.monaco-list-row', { hasText: 'Copy the AWS CLI command' }).waitFor();
  await page.waitForTimeout(400);
};

export async function runPaletteCommand(page, title) {
  await page.keyboard.press('F1');
  await quickInput(page).locator('input').waitFor();
  await page.keyboard.type(title);
  await quickInput(page).locator('.monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Runs a load test on the sandbox's three web servers, answering the prompts (`texts` in the display language). */
async function loadTest(page, sandbox, texts) {
  await openExplorer(page);
  await runPaletteCommand(page, texts.command);
  await quickInput(page).getByText(texts.url).waitFor();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(sandbox.farmUrl);
  await page.keyboard.press('Enter');
  await quickInput(page).getByText(texts.requests).waitFor();
  await page.keyboard.press('Enter');
  await quickInput(page).getByText(texts.inFlight).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: texts.tab }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500);
}

scenes['load-test'] = (page, sandbox) =>
  loadTest(page, sandbox, { command: 'EC2: Load Test', url: 'URL to load', requests: 'Number of requests', inFlight: 'Requests in flight', tab: 'Load Test Results' });

/** Opens the walkthrough and selects its key pair step (titles in the display language). */
async function walkthroughAtKeyPairStep(page, { firstStep, keyPairStep }) {
  await openExplorer(page);
  await runPaletteCommand(page, 'Welcome: Open Walkthrough');
  await quickInput(page).locator('.monaco-list-row', { hasText: 'EC2' }).first().click();
  await page.getByText(firstStep).first().waitFor({ timeout: 30_000 });
  await page.getByText(keyPairStep).first().click();
  await page.waitForTimeout(1500);
}

scenes.walkthrough = (page) => walkthroughAtKeyPairStep(page, { firstStep: 'Connect your AWS account', keyPairStep: 'Create a key pair' });

// The same workbench with VS Code's display language set to French (see `locale` in vscodeServer.mjs):
// VS Code's own menus stay English, everything the extension shows is French.
export const frenchScenes = {
  async 'explorer-fr'(page) {
    await openExplorer(page);
    await expandAll(page, 'eu-west-3', 'Instances', 'Répartiteurs de charge', 'lab-elb');
    await page.locator('.monaco-list-row', { hasText: 'InService' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-list-row', { hasText: 'web-1' }).first().hover();
    await page.waitForTimeout(1500);
  },
  async 'launch-wizard-fr'(page) {
    await launchWizardAtAmiStep(page, 'Lancer une instance');
  },
  'create-key-pair-fr': (page) => keyPairNameTaken(page, { group: 'Paires de clés', action: 'Créer une paire de clés', message: 'déjà utilisé' }),
  'load-test-fr': (page, sandbox) =>
    loadTest(page, sandbox, { command: 'EC2: Test de charge', url: 'URL à charger', requests: 'Nombre de requêtes', inFlight: 'Requêtes simultanées', tab: 'Résultats du test de charge' }),
  'walkthrough-fr': (page) => walkthroughAtKeyPairStep(page, { firstStep: 'Connecter votre compte AWS', keyPairStep: 'Créer une paire de clés' }),
};
