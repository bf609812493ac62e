import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './suite.js';

const suite = browserSuite({ assessment: false });

/**
 * Picks an option of the antd Select behind a form label (within `scope` when the page holds several forms).
 * By clicking, not typing: these selects have no search box.
 */
async function choose(page: Page, label: string, option: string, scope: Page | Locator = page): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  // `has` is matched inside each select, so it takes the label alone, not the scoped locator.
  const shown = scope.locator('.ant-select', { has: page.getByLabel(label, { exact: true }) }).last();
  for (let attempt = 0; attempt < 3; attempt++) {
    await input.click();
    const list = page.locator('.ant-select-dropdown:visible');
    await list.waitFor();
    // An option clicked while the list is still sliding in can miss, and a list still sliding out
    // lies over what is clicked next: wait for both motions to end.
    await expect.poll(() => list.evaluate((el) => /slide-up/.test(el.className))).toBe(false);
    await list.locator('.ant-select-item-option', { hasText: option }).first().click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    if ((await shown.textContent().catch(() => ''))?.includes(option)) return;
  }
  throw new Error(`could not choose ${option} for ${label}`);
}

describe('admin UI', () => {
  it('shows the office all 97 units and the map of the 12 county-level regions', async () => {
    const page = await suite.page('office');
    await page.goto('/system/units');

    await expect.poll(() => page.getByTestId('units-total').textContent(), { timeout: 15_000 }).toBe('共 97 个单位');
    const map = page.locator('[data-testid="units-map"][data-region-count]');
    await map.waitFor();
    expect(await map.getAttribute('data-region-count')).toBe('12');
    expect(await map.getAttribute('data-matched-count')).toBe('12');
    expect(await map.locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('map-credit').textContent()).toContain('MIT');
  });

  it('switches the interface to English and remembers the choice', async () => {
    const page = await suite.page('office');
    expect(await page.getByTestId('menu-assessment').textContent()).toBe('考核');

    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('menu-assessment').textContent()).toBe('Assessment');
    expect(await page.getByTestId('menu-system').textContent()).toBe('System');
    expect(await page.getByTestId('menu-units').textContent()).toBe('Units');

    await page.reload();
    await expect.poll(() => page.getByTestId('menu-audit').textContent()).toBe('Audit log');
    expect(await page.evaluate(() => localStorage.getItem('kaoping.lang'))).toBe('en-US');
  });

  it('refuses a unit reporter the audit page with a 403 result', async () => {
    const page = await suite.page('430421-reporter');
    expect(await page.getByTestId('menu-units').count()).toBe(1);
    expect(await page.getByTestId('menu-audit').count()).toBe(0);
    expect(await page.getByTestId('menu-tokens').count()).toBe(0);

    await page.goto('/system/audit');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    expect(await forbidden.textContent()).toContain('无权访问');
    expect(await page.getByTestId('audit-table').count()).toBe(0);
  });

  it('lets the admin create a unit through the form and find it in the table', async () => {
    const page = await suite.page('admin');
    await page.goto('/system/units');
    await expect.poll(() => page.getByTestId('units-total').textContent(), { timeout: 15_000 }).toBe('共 97 个单位');

    await page.getByTestId('unit-create').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();
    await page.getByLabel('单位代码', { exact: true }).fill('E2E01');
    await page.getByLabel('单位名称', { exact: true }).fill('端到端测试局（虚构）');
    await choose(page, '类别', '市直单位');
    await choose(page, '考核组别', '综合经济部门');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 }).catch(async (err: unknown) => {
      const problems = await dialog.locator('.ant-alert, .ant-form-item-explain-error').allTextContents();
      throw new Error(`the unit form did not close: ${problems.join(' | ') || String(err)}`);
    });

    await expect.poll(() => page.getByTestId('units-total').textContent(), { timeout: 15_000 }).toBe('共 98 个单位');
    await page.getByTestId('units-search').locator('input').fill('E2E01');
    const rows = page.locator('[data-testid="units-table"] .ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('端到端测试局（虚构）');
    expect(await rows.first().textContent()).toContain('综合经济部门');
  });

  it('lets the office add an assessment group and see it among the groups', async () => {
    const page = await suite.page('office');
    await page.goto('/system/units');
    await page.getByTestId('groups-manage').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();
    await page.getByTestId('group-create').click();
    await dialog.getByLabel('组别代码', { exact: true }).fill('E2EG');
    await dialog.getByLabel('组别名称', { exact: true }).fill('端到端组别（虚构）');
    // The units page keeps its own (closed) unit form, which has a 类别 field too.
    await choose(page, '类别', '市直单位', page.locator('form#group-form'));
    // Submitted from the keyboard: the closing option list can still lie over the save button.
    await expect.poll(() => page.locator('form#group-form').getByText('市直单位').count()).toBeGreaterThan(0);
    await dialog.getByLabel('组别名称', { exact: true }).press('Enter');
    await expect.poll(() => dialog.locator('.ant-table-row', { hasText: '端到端组别（虚构）' }).count()).toBe(1);
  });

  it('runs every page under its Content-Security-Policy without a single violation', async () => {
    const page = await suite.page();
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => void violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => void (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const first = await page.goto('/login');
    const csp = first!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('kaoping-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    for (const url of ['/system/units', '/system/users', '/system/tokens', '/system/audit', '/supervision/inspections']) {
      await page.goto(url);
      await page.locator('.ant-table, canvas').first().waitFor();
    }
    // Ant Design's styles (written at run time) took effect: the primary button is coloured, not bare.
    expect(await page.locator('.ant-btn-primary').first().evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    expect(violations).toEqual([]);
  });

  it('lets the administrator issue a read-only token by default, or one that may write, each showing its issuer', async () => {
    const page = await suite.page('admin');
    await page.goto('/system/tokens');
    const issue = async (name: string, scope?: string) => {
      await page.getByTestId('token-create').click();
      const dialog = page.locator('.ant-modal:visible');
      await dialog.waitFor();
      await dialog.getByLabel('名称', { exact: true }).fill(name);
      await choose(page, '角色', '市领导', dialog);
      if (scope) await dialog.getByTestId('token-scope').getByText(scope, { exact: true }).click();
      await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId('new-token').waitFor();
      expect(await page.getByTestId('new-token').textContent()).toMatch(/^kp_/);
      await page.locator('.ant-modal', { has: page.getByTestId('new-token') }).locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId('new-token').waitFor({ state: 'hidden' });
    };
    await issue('大屏只读');
    await issue('数据交换', '读写');
    const row = (name: string) => page.locator('[data-testid="tokens-table"] .ant-table-row', { hasText: name });
    await expect.poll(() => row('大屏只读').textContent()).toContain('只读');
    expect(await row('大屏只读').textContent()).toContain('admin');
    await expect.poll(() => row('数据交换').textContent()).toContain('读写');
  });

  it('shows the administrator the address locked out of an account after wrong passwords, and lifts the lock', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${suite.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '430422-reporter', password: `guess-${i}-wrong` }) });
      expect(res.status).toBe(401);
    }
    const page = await suite.page('admin');
    await page.goto('/system/users');
    await page.getByLabel('按用户名或姓名搜索').fill('430422-reporter');
    const row = page.locator('[data-testid="users-table"] .ant-table-row', { hasText: '430422-reporter' });
    await expect.poll(() => row.count()).toBe(1);
    const tag = row.getByTestId('user-lockouts');
    await expect.poll(() => tag.textContent()).toBe('1 个地址被锁定');
    await tag.hover();
    await expect.poll(() => page.locator('.ant-tooltip:visible').textContent()).toContain('127.0.0.1 锁定至');
    await row.getByRole('button', { name: '操作' }).click();
    await page.locator('.ant-dropdown:visible').getByText('解锁', { exact: true }).click();
    await expect.poll(() => tag.count()).toBe(0);
    expect(await row.textContent()).toContain('未锁定');
  });
});
