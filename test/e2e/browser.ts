/**
 * Launching Debian's Chromium for browser tests, the way ARCHITECTURE.md says: playwright-
 * core with an explicit executable, SwiftShader for WebGL, a fresh profile every time.
 */
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--enable-unsafe-swiftshader",
];

export async function launchBrowser(): Promise<Browser> {
  // launch() gives every browser a fresh temporary user-data dir (Playwright refuses an
  // explicit --user-data-dir outside launchPersistentContext), so no state leaks between runs.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
