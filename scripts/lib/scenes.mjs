// What each screenshot shows. A scene gets a page with the workbench loaded and drives it as a person would.

export async function openExplorer(page) {
  await page.locator('.activitybar [aria-label^="EC2 Workbench"]').first().click();
  await page.locator('.monaco-list-row', { hasText: 'eu-west-3' }).first().waitFor({ timeout: 60_000 });
}

export async function expand(page, label) {
  const row = page.locator('.monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') {
    await row.click();
  }
  return row;
}

export const scenes = {
  async explorer(page) {
    await openExplorer(page);
    await page.waitForTimeout(500);
  },
};
