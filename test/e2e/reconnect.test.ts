/**
 * The server dies mid-round (SIGKILL) with an instructor and a student in real browsers:
 * both pages say they are reconnecting, keep trying with back-off, and when a new server
 * process starts on the same data directory they are back by themselves — the student on
 * the same cluster, the round paused until the instructor resumes it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { startGameServer, type GameServer } from "./gameServer.ts";
import { buildClient } from "./build.ts";
import { hostClass, joinAsStudent } from "./helpers.ts";

let browser: Browser;
const servers: GameServer[] = [];
const shots = new URL("../../test-output/screenshots/", import.meta.url).pathname;

beforeAll(async () => {
  servers.push(await startGameServer(buildClient()));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.stop();
});

describe("a server crash mid-round", () => {
  it("host and student reconnect on their own when the server is back", async () => {
    const first = servers[0]!;
    if (first.port === 0) return; // pointed at an outside server: it cannot be crashed from here
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const host = await ctx.newPage();
    const code = await hostClass(host, first.url, "black-friday", 4);

    const ada = await joinAsStudent(
      await browser.newContext({ viewport: { width: 1366, height: 768 } }),
      first.url,
      code,
      "Ada",
    );
    await host.click("#host-start");
    await ada.waitForSelector("#datacenter canvas", { timeout: 30000 });
    await ada.click("#tabbtn-build");
    await ada.click("#buy-node");
    await ada.waitForTimeout(1500);

    await first.crash();
    for (const p of [ada, host]) await p.waitForSelector("#reconnecting:not([hidden])", { timeout: 15000 });
    expect(await ada.textContent("#reconnecting")).toMatch(/reconnecting/i);
    await ada.screenshot({ path: `${shots}22-student-reconnecting.png` });

    servers.push(await startGameServer(buildClient(), { port: first.port, dataDir: first.dataDir }));
    // Back by themselves: the strip goes, the student still has their datacenter, paused.
    for (const p of [ada, host]) await p.waitForSelector("#reconnecting", { state: "hidden", timeout: 30000 });
    await ada.waitForSelector("#datacenter canvas");
    await ada.waitForFunction(
      () => /paused/i.test(document.getElementById("hud-speed-online")?.textContent ?? ""),
      undefined,
      { timeout: 10000 },
    );
    await host.waitForSelector("#host-resume", { timeout: 10000 });
    await host.screenshot({ path: `${shots}23-host-restored.png`, fullPage: true });
    await host.click("#host-resume");
    await ada.waitForFunction(
      () => /×4/.test(document.getElementById("hud-speed-online")?.textContent ?? ""),
      undefined,
      { timeout: 10000 },
    );
    // And the student plays on: the buy button still reaches the server.
    await ada.click("#buy-node");
    await ada.waitForTimeout(500);
    expect(await ada.locator(".toast-bad").count()).toBe(0);
  }, 180000);
});
