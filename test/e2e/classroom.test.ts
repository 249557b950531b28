/**
 * A classroom in real browsers against the real server: the instructor hosts, two students
 * join from separate browser contexts, the round runs, the leaderboard shows both, one
 * student refreshes and is back in their cluster, and the instructor's CSV report has
 * exactly those two students.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { startGameServer, type GameServer } from "./gameServer.ts";
import { buildClient } from "./build.ts";
import { hostClass, joinAsStudent } from "./helpers.ts";

let browser: Browser;
let server: GameServer;
let scenario = "";
const shots = new URL("../../test-output/screenshots/", import.meta.url).pathname;

beforeAll(async () => {
  server = await startGameServer(buildClient());
  const list = (await (await fetch(`${server.url}api/scenarios`)).json()) as { scenarios: { id: string; kind: string }[] };
  scenario = (list.scenarios.find((s) => s.kind === "competitive") ?? list.scenarios[0])?.id ?? "";
  if (!scenario) throw new Error("The server offers no scenario to play.");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function student(name: string, code: string): Promise<Page> {
  return joinAsStudent(await browser.newContext({ viewport: { width: 1366, height: 768 } }), server.url, code, name);
}

describe("a classroom round", () => {
  it("host, two students, leaderboard, refresh, CSV", async () => {
    const hostCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const host = await hostCtx.newPage();
    const code = await hostClass(host, server.url, scenario, 16);
    expect(code).not.toBe("");

    const ada = await student("Ada", code);
    const bob = await student("Bob", code);
    await host.waitForFunction(() => document.querySelectorAll(".seats li").length === 2, undefined, { timeout: 20000 });
    await ada.screenshot({ path: `${shots}16-class-lobby.png` });
    await host.screenshot({ path: `${shots}17-host-lobby.png` });
    await host.click("#host-start");
    for (const p of [ada, bob]) await p.waitForSelector("#datacenter canvas", { timeout: 30000 });

    // Ada acts through the UI: buys a node; the server replies and the node appears.
    await ada.click("#tabbtn-build");
    await ada.click("#buy-node");
    await host.waitForFunction(() => /Ada/.test(document.querySelector(".leaderboard")?.textContent ?? "") && /Bob/.test(document.querySelector(".leaderboard")?.textContent ?? ""), undefined, { timeout: 30000 });
    await ada.waitForTimeout(1500);
    await ada.screenshot({ path: `${shots}18-class-play.png` });
    await host.selectOption("#spectate-select", { label: "Ada" });
    await host.waitForSelector("#spectate canvas", { timeout: 20000 });
    await host.waitForTimeout(1000);
    await host.screenshot({ path: `${shots}19-host-running.png`, fullPage: true });
    const projector = await hostCtx.newPage();
    await projector.setViewportSize({ width: 1366, height: 768 });
    await projector.goto((await host.getAttribute("#projector-link", "href"))!);
    await projector.waitForSelector(".leaderboard", { timeout: 20000 });
    await projector.screenshot({ path: `${shots}19b-projector.png` });

    // A refresh brings Ada back to her own cluster (the seat token is kept per code).
    await ada.reload();
    await ada.waitForSelector("#datacenter canvas", { timeout: 30000 });
    await host.waitForFunction(() => document.querySelectorAll(".seats li").length === 2);

    await host.click("#host-end");
    await host.waitForTimeout(1500);
    await host.screenshot({ path: new URL("../../test-output/screenshots/20-host-ended.png", import.meta.url).pathname });
    await ada.screenshot({ path: new URL("../../test-output/screenshots/21-student-podium.png", import.meta.url).pathname });
    await host.waitForFunction(() => /ended/.test(document.getElementById("host-phase")?.textContent ?? ""), undefined, { timeout: 20000 });
    const href = await host.getAttribute("#report-csv", "href");
    const csv = await (await host.request.get(new URL(href!, server.url).toString())).text();
    const rows = csv.trim().split(/\r?\n/).slice(1);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.split(",")[1]!.replace(/"/g, "")).sort()).toEqual(["Ada", "Bob"]);

    // The instructor can replay a student's round in the page.
    await host.locator(".seats a", { hasText: "Replay" }).first().click();
    await host.waitForSelector("#datacenter canvas", { timeout: 30000 });
    expect(await host.textContent(".hud-title")).toMatch(/^Replay/);
  }, 180000);
});
