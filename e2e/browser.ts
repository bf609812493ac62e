import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The system Chromium (`apt-get install -y chromium fonts-noto-cjk`); no browser is downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);

export type Lang = 'zh-CN' | 'en-US';

/** Launches headless Chromium with the flags that keep it quiet and offline. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized touch screen (390×844, as an iPhone 14). */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * A fresh context (own cookies and storage) at the README screenshot size, optionally in English;
 * with `phone`, the size and touch screen of a phone instead. The browser's clock is in China unless
 * `timezoneId` says otherwise (the pages must show the deployment's time whatever it is).
 */
export async function newContext(browser: Browser, baseURL: string, lang: Lang = 'zh-CN', phone = false, timezoneId = 'Asia/Shanghai'): Promise<BrowserContext> {
  const screen = phone ? PHONE : { viewport: { width: 1440, height: 900 } };
  const context = await browser.newContext({ baseURL, ...screen, locale: lang, timezoneId });
  if (lang !== 'zh-CN') await context.addInitScript((l) => localStorage.setItem('kaoping.lang', l), lang);
  return context;
}

/** Signs in through the login form and waits until the app shell is shown. */
export async function login(page: Page, username: string, password = 'kaoping-demo'): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/**
 * Picks an option of a searchable antd Select by typing `text` and taking the first match with the
 * keyboard (a click can land on an option list that is still moving, more so on a phone). With
 * `shown`, waits until the select shows that text (the page's default timeout).
 */
export async function chooseByTyping(page: Page, testId: string, text: string, shown?: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().waitFor();
  await page.keyboard.press('Enter');
  if (shown !== undefined) await select.filter({ hasText: shown }).waitFor();
}
