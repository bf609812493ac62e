import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestServer } from '../apps/api/test/server-harness.js';
import { CHROMIUM_PATH, hasChromium, launchBrowser, login, newContext, type Lang } from './browser.js';

const root = join(import.meta.dirname, '..');

export interface SuiteOptions {
  /** Seeds the demo's assessment data (scheme, periods, values) as well. */
  assessment: boolean;
  /** Builds the citizens' page too when its bundle is missing (the admin UI is always built). */
  portal?: boolean;
  /** The default timeout of every page (15 s unless set); a page can still ask for its own. */
  timeout?: number;
  /** The setup hook's timeout, where the configured one is too short. */
  setupTimeout?: number;
  /** Further settings of the server (environment variables, as config.ts reads them). */
  env?: Record<string, string>;
}

export interface PageOptions {
  phone?: boolean;
  lang?: Lang;
  timeout?: number;
  /** The browser's own time zone (IANA); China by default. */
  timezoneId?: string;
}

export interface BrowserSuite {
  /** The test server's origin (once setup has run). */
  readonly url: string;
  readonly browser: Browser;
  /** A page in a fresh context (own cookies and storage), closed after the test; signed in as `username` when given. */
  page(username?: string, opts?: PageOptions): Promise<Page>;
}

/**
 * What every browser test file shares: one demo server on a fresh database and one Chromium for
 * the file, with the bundles built when missing. Registers its own hooks, so call it at the top
 * level of the file; the file's own `beforeAll` hooks run after this setup.
 */
export function browserSuite(opts: SuiteOptions): BrowserSuite {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!hasChromium()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk`);
    for (const app of opts.portal ? ['portal', 'admin'] : ['admin']) {
      if (!existsSync(join(root, `apps/${app}/dist/index.html`))) execSync(`npm run build:${app}`, { cwd: root, stdio: 'inherit' });
    }
    server = await startTestServer({ demo: true, assessment: opts.assessment, env: opts.env });
    browser = await launchBrowser();
  }, opts.setupTimeout);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const started = () => {
    if (!server || !browser) throw new Error('the browser suite is not set up yet: use it inside a hook or a test');
    return { server, browser };
  };

  return {
    get url() {
      return started().server.url;
    },
    get browser() {
      return started().browser;
    },
    async page(username, { phone = false, lang = 'zh-CN', timeout = opts.timeout ?? 15_000, timezoneId } = {}) {
      const { server, browser } = started();
      const context = await newContext(browser, server.url, lang, phone, timezoneId);
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      if (username !== undefined) await login(page, username);
      return page;
    },
  };
}
