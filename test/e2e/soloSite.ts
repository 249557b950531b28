/**
 * For browser suites that need no game server: builds the client for this file, serves it
 * and launches Chromium before the suite, and closes both after it.
 */
import { afterAll, beforeAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { serveDist } from "./staticServer.ts";
import { buildClient } from "./build.ts";

export interface SoloSite {
  readonly browser: Browser;
  /** The built client's address, ending in "/". */
  readonly url: string;
  /** A new page at `path` (after the "/"); an uncaught error on it fails the test. */
  open(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** The same on a phone held upright (390×844, touch); close its context when done. */
  openPhone(path: string): Promise<{ ctx: BrowserContext; page: Page }>;
}

export function useSoloSite(): SoloSite {
  let browser: Browser | undefined;
  let site: Awaited<ReturnType<typeof serveDist>> | undefined;
  beforeAll(async () => {
    site = await serveDist(buildClient());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    async open(path, viewport = { width: 1366, height: 768 }) {
      const page = await this.browser.newPage({ viewport });
      page.on("pageerror", (e) => {
        throw e;
      });
      await page.goto(`${this.url}${path}`);
      return page;
    },
    async openPhone(path) {
      const ctx = await this.browser.newContext({
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
        deviceScaleFactor: 2,
      });
      const page = await ctx.newPage();
      page.on("pageerror", (e) => {
        throw e;
      });
      await page.goto(`${this.url}${path}`);
      return { ctx, page };
    },
    get browser() {
      if (!browser) throw new Error("the browser is not up yet (use it inside a test)");
      return browser;
    },
    get url() {
      if (!site) throw new Error("the site is not up yet (use it inside a test)");
      return site.url;
    },
  };
}
