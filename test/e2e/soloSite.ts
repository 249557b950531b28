/**
 * For browser suites that need no game server: builds the client for this file, serves it
 * and launches Chromium before the suite, and closes both after it.
 */
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { serveDist } from "./staticServer.ts";
import { buildClient } from "./build.ts";

export interface SoloSite {
  readonly browser: Browser;
  /** The built client's address, ending in "/". */
  readonly url: string;
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
