import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite } from './suite.js';

/**
 * The citizens' page on a phone: the office opens a campaign and issues invitation links through
 * the API, a citizen answers through one, gets a receipt, and reads the ticket later.
 * PORTAL_SCREENSHOTS=<dir> saves the views as portal-*.png (docs/screenshots holds the README's).
 */

const SLUG = 'e2e-2021';
const shotsDir = process.env.PORTAL_SCREENSHOTS;
const TICKET_RE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/;

const suite = browserSuite({ assessment: false, portal: true });
let links: string[];
let campaign: { name: string; groups: { code: string; name: string; units: { id: number; name: string }[] }[] };
/** Every address the page asked for, to check it never leaves its own origin. */
const requested: string[] = [];
let ticket = '';

/** The office's session through the API, as the admin UI would use it. */
async function office(username = 'office'): Promise<(method: string, url: string, body?: unknown) => Promise<Response>> {
  const res = await fetch(`${suite.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'kaoping-demo' }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method, url, body) =>
    fetch(suite.url + url, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

/**
 * A phone-sized page in a fresh context (own localStorage), not signed in; it records every address
 * it asks for, which the last test checks.
 */
async function phone(): Promise<Page> {
  const page = await suite.page(undefined, { phone: true });
  page.on('request', (r) => requested.push(r.url()));
  return page;
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shotsDir, `portal-${name}.png`), fullPage });
}

/** The invitation link's path and query on the test server (the sheet carries the configured public URL). */
const local = (link: string) => {
  const u = new URL(link);
  return u.pathname + u.search;
};

// Runs after the suite's own setup (hooks run in the order they are registered).
beforeAll(async () => {
  const api = await office();
  const DAY = 86_400_000;
  const created = await api('POST', '/api/campaigns', {
    slug: SLUG,
    name: '2021年度衡阳市绩效考评公众评估',
    year: 2021,
    startsAt: new Date(Date.now() - DAY).toISOString(),
    endsAt: new Date(Date.now() + 9 * DAY).toISOString(),
    modes: ['invitation'],
    questionnaire: {
      intro: '为客观评价全市各单位的工作实绩，市绩效考评委员会办公室组织开展 2021 年度公众评估。请根据您了解的情况作出评价，感谢您的支持！',
      extraQuestions: [{ key: 'identity', text: '您的身份', options: ['人大代表、政协委员', '企业代表', '普通市民'] }],
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  const units = (await (await api('GET', '/api/units?q=430421')).json()) as { items: { id: number; code: string }[] };
  const county = units.items.find((u) => u.code === '430421')!;
  const card = await api('PUT', `/api/campaigns/${id}/cards/${county.id}`, {
    duties: '负责全县经济社会发展、民生保障和社会治理等工作。',
    highlights: '新建和改扩建学校 3 所，新增学位 4200 个；\n完成农村公路提质改造 120 公里。',
  });
  expect(card.status).toBe(200);
  expect((await api('POST', `/api/campaigns/${id}/open`)).status).toBe(200);

  const sheet = await api('POST', `/api/campaigns/${id}/invitations`, { count: 2, batch: '人大代表' });
  expect(sheet.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await sheet.arrayBuffer()) as unknown as ExcelJS.Buffer);
  links = [];
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n > 1) links.push(String(row.getCell(2).value));
  });
  expect(links).toHaveLength(2);
  campaign = (await (await fetch(`${suite.url}/api/p/${SLUG}`)).json()) as typeof campaign;
});

describe("citizens' page", () => {
  it('takes a citizen from an invitation link through two answers to a receipt, keeping a draft on the way', async () => {
    const page = await phone();
    const [county, otherCounty] = campaign.groups[0]!.units;
    const district = campaign.groups[1]!;
    const districtUnit = district.units[0]!;

    await page.goto(local(links[0]!));
    await page.getByRole('heading', { level: 1, name: campaign.name }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByRole('button', { name: '开始评价' }).waitFor();
    await shot(page, 'landing', true);
    await page.getByRole('button', { name: '开始评价' }).click();

    // The unit's public card opens on demand.
    const countySection = page.locator(`[data-unit="${county!.id}"]`);
    await countySection.getByText('查看单位职责与年度亮点').click();
    await countySection.getByText('新建和改扩建学校 3 所').waitFor();

    // 不满意 asks why; going on without a reason is refused at the field, which gets the focus.
    // Each unit's answers are a radio group named by the unit.
    const answersOf = (unitName: string) => page.getByRole('group', { name: new RegExp(`^${unitName}：\\s*您的评价$`) });
    await answersOf(county!.name).getByRole('radio', { name: '不满意' }).check();
    await page.getByRole('button', { name: '核对并提交' }).click();
    const reason = page.getByLabel('不满意的原因（必填）');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`u${county!.id}-reason`);
    const errorId = `u${county!.id}-reason-err`;
    expect(await reason.getAttribute('aria-describedby')).toContain(errorId);
    expect(await page.locator(`#${errorId}`).getAttribute('role')).toBe('alert');
    expect(await page.locator(`#${errorId}`).textContent()).toContain('请填写原因');
    await reason.fill('办事窗口排队时间太长，周末没有人办理');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe(null);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'answer');
    expect(await page.getByText(`已评价 1 / ${campaign.groups.reduce((n, g) => n + g.units.length, 0)} 个单位`).count()).toBe(1);
    expect(otherCounty).toBeDefined();

    // Another group: 满意, with a suggestion.
    await page.getByRole('navigation', { name: '单位分组' }).getByRole('button', { name: new RegExp(`^${district.name}`) }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(`^${district.name}`) }).waitFor();
    const districtSection = page.locator(`[data-unit="${districtUnit.id}"]`);
    await answersOf(districtUnit.name).getByRole('radio', { name: '满意', exact: true }).check();
    await districtSection.getByRole('button', { name: /提意见建议/ }).click();
    await districtSection.getByLabel('意见建议（选填）').fill('希望在老城区增设公交线路，方便老年人出行');

    // Closing the page loses nothing: the draft comes back with its submission key.
    const key = await page.evaluate((slug) => (JSON.parse(localStorage.getItem(`kaoping.portal.draft.${slug}`)!) as { submissionKey: string }).submissionKey, SLUG);
    expect(key.length).toBeGreaterThanOrEqual(16);
    await page.reload();
    await page.getByRole('button', { name: '继续评价（已评价 2 个单位）' }).click();
    await page.getByRole('button', { name: '核对并提交' }).click();

    await page.getByRole('heading', { level: 1, name: '核对并提交' }).waitFor();
    const review = page.locator('.review-list li');
    expect(await review.count()).toBe(2);
    expect(await review.nth(0).textContent()).toContain('办事窗口排队时间太长');
    expect(await review.nth(1).textContent()).toContain('希望在老城区增设公交线路');
    await page.getByRole('group', { name: '您的身份' }).getByLabel('普通市民').check();
    await shot(page, 'review', true);

    // The first try reaches the server but its answer is lost; the retry gets the same receipt.
    let lost = 0;
    await page.route('**/api/p/*/responses', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('网络连接失败').waitFor();
    expect(await page.getByText('重新提交不会重复计票').count()).toBe(1);
    expect(await page.evaluate((slug) => localStorage.getItem(`kaoping.portal.draft.${slug}`), SLUG)).toContain(key);
    await page.getByRole('button', { name: '重新提交' }).click();

    await page.getByRole('heading', { level: 1, name: '提交成功，感谢您的参与' }).waitFor();
    ticket = (await page.getByTestId('ticket-code').textContent())!.trim();
    expect(ticket).toMatch(TICKET_RE);
    expect(await page.locator('main').textContent()).toContain('2 个单位的评价和 1 条意见建议');
    await page.getByRole('button', { name: '复制回执编号' }).click();
    await page.getByText(/已复制到剪贴板|请长按编号手动复制/).waitFor();
    expect(await page.evaluate((slug) => localStorage.getItem(`kaoping.portal.draft.${slug}`), SLUG)).toBeNull();
    await shot(page, 'receipt');
  });

  it('says clearly that an invitation link has already been used', async () => {
    const page = await phone();
    await page.goto(local(links[0]!));
    const alert = page.getByRole('alert');
    await alert.getByText('该邀请链接已经使用过').waitFor();
    expect(await page.getByRole('button', { name: '开始评价' }).count()).toBe(0);
    await shot(page, 'used');

    await page.goto(`/p/${SLUG}?t=not-a-real-invitation-token`);
    await page.getByRole('alert').getByText('邀请链接无效').waitFor();
    expect(await page.getByRole('button', { name: '开始评价' }).count()).toBe(0);
  });

  it("shows the suggestion's status on the ticket page", async () => {
    expect(ticket).toMatch(TICKET_RE);
    const page = await phone();
    await page.goto(`/p/${SLUG}/ticket`);
    await page.getByRole('heading', { level: 1, name: '意见建议办理进度' }).waitFor();
    await page.getByLabel('回执编号').fill(ticket.toLowerCase().replace(/-/g, ''));
    await page.getByRole('button', { name: '查询' }).click();
    const item = page.locator('.suggestion');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    const text = await item.first().textContent();
    expect(text).toContain(campaign.groups[1]!.units[0]!.name);
    expect(text).toContain('希望在老城区增设公交线路');
    expect(text).toContain('已收到，待分类');
    await shot(page, 'ticket');

    await page.getByLabel('回执编号').fill('ZZZZ-ZZZZ-ZZ');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('alert').getByText('没有找到这个回执编号').waitFor();
  });

  it('the office forwards the suggestion, the unit head replies, the office accepts, and the citizen reads the reply with the ticket code', async () => {
    const call = await office();
    const unitRow = campaign.groups[1]!.units[0]!;
    const units = (await (await call('GET', '/api/units')).json()) as { items: { id: number; code: string }[] };
    const unitCode = units.items.find((u) => u.id === unitRow.id)!.code;
    const list = (await (await call('GET', '/api/suggestions?category=unsorted')).json()) as { items: { id: number; body: string }[] };
    const id = list.items.find((x) => x.body.startsWith('希望在老城区增设公交线路'))!.id;
    const reply = '已于 12 月开通 K12 路环线公交，途经老城区 6 个社区，早晚高峰 10 分钟一班（演示）。';

    // The office, at its desk: sorts it as a clear request and forwards it with the default deadline.
    const desk = await suite.page('office');
    await desk.goto('/public-evaluation/suggestions');
    await desk.getByTestId(`suggestion-select-${id}`).locator('input').check();
    await desk.getByTestId('sort-category').click();
    await desk.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '诉求明确' }).click();
    await desk.getByTestId('sort-apply').click();
    await expect.poll(async () => (await desk.getByTestId(`suggestion-row-${id}`).textContent()) ?? '').toContain('已分拣');
    await desk.getByTestId('forward-apply').click();
    await expect.poll(async () => (await desk.getByTestId('forward-notices').textContent()) ?? '').toMatch(/衡绩改〔\d{4}〕\d+号/);

    // The unit head answers it.
    const head = await suite.page(`${unitCode}-head`);
    await head.goto('/public-evaluation/suggestions');
    await head.getByTestId(`reply-text-${id}`).fill(reply);
    await head.getByTestId(`reply-send-${id}`).click();
    await expect.poll(async () => ((await (await call('GET', `/api/suggestions/${id}`)).json()) as { status: string }).status).toBe('replied');

    // The office accepts the answer; only then does the citizen see it.
    await desk.goto('/public-evaluation/suggestions');
    await desk.getByTestId('suggestions-tab-review').click();
    await desk.getByTestId(`reply-of-${id}`).getByText(reply).waitFor();
    await desk.getByTestId(`review-accept-${id}`).click();
    await expect.poll(async () => ((await (await call('GET', `/api/suggestions/${id}`)).json()) as { status: string }).status).toBe('accepted');

    const page = await phone();
    await page.goto(`/p/${SLUG}/ticket`);
    await page.getByLabel('回执编号').fill(ticket);
    await page.getByRole('button', { name: '查询' }).click();
    const item = page.locator('.suggestion').first();
    await item.getByText(reply).waitFor();
    expect(await item.textContent()).toContain('已答复');
  });

  it('verifies a phone with a one-time code, with a countdown before another can be asked for', async () => {
    const api = await office();
    const DAY = 86_400_000;
    const created = await api('POST', '/api/campaigns', {
      slug: 'e2e-sms-2021',
      name: '2021年度公众评估（短信验证）',
      year: 2021,
      startsAt: new Date(Date.now() - DAY).toISOString(),
      endsAt: new Date(Date.now() + DAY).toISOString(),
      modes: ['sms', 'open'],
    });
    expect(created.status).toBe(201);
    expect((await api('POST', `/api/campaigns/${((await created.json()) as { id: number }).id}/open`)).status).toBe(200);
    const first = ((await (await fetch(`${suite.url}/api/p/e2e-sms-2021`)).json()) as typeof campaign).groups[0]!.units[0]!;

    const page = await phone();
    await page.goto('/p/e2e-sms-2021');
    await page.getByRole('button', { name: '开始评价' }).click();
    await page.locator(`[data-unit="${first.id}"]`).getByRole('radio', { name: '不了解' }).check();
    await page.getByRole('button', { name: '核对并提交' }).click();
    await page.getByRole('heading', { level: 1, name: '核对并提交' }).waitFor();
    expect(await page.getByRole('radio', { name: '手机短信验证' }).isChecked()).toBe(true);

    // Submitting without a phone number points at the field.
    await page.getByRole('button', { name: '提交评价' }).click();
    const phoneField = page.getByLabel('手机号');
    await expect.poll(() => phoneField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('phone');

    await phoneField.fill('13812345678');
    await page.getByRole('button', { name: '获取验证码' }).click();
    const resend = page.getByRole('button', { name: /重新获取（\d+ 秒）/ });
    await resend.waitFor();
    expect(await resend.isDisabled()).toBe(true);
    await page.getByText('验证码已发送至 138****5678').waitFor();

    const outbox = (await (await (await office('admin'))('GET', '/api/sms-outbox')).json()) as { items: { phone: string; body: string }[] };
    const code = /验证码为 (\d{6})/.exec(outbox.items.find((m) => m.phone === '138****5678')!.body)![1]!;
    const codeField = page.getByLabel('短信验证码');
    await codeField.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('alert').filter({ hasText: '验证码不正确' }).first().waitFor();
    await expect.poll(() => codeField.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'sms');

    await codeField.fill(code);
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { level: 1, name: '提交成功，感谢您的参与' }).waitFor();
    expect((await page.getByTestId('ticket-code').textContent())!.trim()).toMatch(TICKET_RE);
  });

  it("shows the campaign window in China time on the citizens' page and in the admin, in browsers set to UTC", async () => {
    const api = await office();
    const created = await api('POST', '/api/campaigns', {
      slug: 'e2e-window-2030',
      name: '2030年度公众评估（时区）',
      year: 2030,
      startsAt: '2030-12-15T00:00:00+08:00',
      endsAt: '2030-12-25T00:00:00+08:00',
      modes: ['open'],
    });
    expect(created.status).toBe(201);
    expect((await api('POST', `/api/campaigns/${((await created.json()) as { id: number }).id}/open`)).status).toBe(200);

    // A phone set to UTC, where the window opens at 16:00 the day before.
    const page = await suite.page(undefined, { phone: true, timezoneId: 'UTC' });
    page.on('request', (r) => requested.push(r.url()));
    expect(await page.evaluate(() => new Date('2030-12-15T00:00:00+08:00').getHours())).toBe(16);
    await page.goto('/p/e2e-window-2030');
    const window = page.locator('.window');
    await window.waitFor();
    expect(await window.textContent()).toContain('2030年12月15日 00:00 至 2030年12月24日 24:00');
    await page.getByText('本次评估尚未开始，将于 2030年12月15日 00:00 开始').waitFor();

    // The office's browser in UTC too.
    const desk = await suite.page('office', { timezoneId: 'UTC' });
    await desk.goto('/public-evaluation/campaigns');
    const cell = desk.getByTestId('campaign-window-e2e-window-2030');
    await expect.poll(() => cell.textContent()).toBe('2030-12-15 00:002030-12-25 00:00');
  });

  it('never asked any other host for anything', () => {
    const origins = new Set(requested.map((u) => new URL(u).origin));
    expect([...origins]).toEqual([suite.url]);
  });
});
