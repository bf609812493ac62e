import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The system Chromium (`apt-get install -y chromium fonts-noto-cjk`); no browser is downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);

/** Launches headless Chromium with the flags that keep it quiet and offline. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (own cookies and storage) at the README screenshot size, optionally in English. */
export function newContext(browser: Browser, baseURL: string, lang: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<BrowserContext> {
  return browser
    .newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: lang, timezoneId: 'Asia/Shanghai' })
    .then(async (context) => {
      if (lang !== 'zh-CN') await context.addInitScript((l) => localStorage.setItem('kaoping.lang', l), lang);
      return context;
    });
}

/** Signs in through the login form and waits until the app shell is shown. */
export async function login(page: Page, username: string, password = 'kaoping-demo'): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}
