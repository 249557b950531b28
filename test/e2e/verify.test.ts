/**
 * The solo engine in the browser and the server agree: a round played in the page is
 * submitted from the debrief, and the server, re-simulating its replay, accepts the state
 * hash and score the browser claims.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { startGameServer, type GameServer } from "./gameServer.ts";
import { buildClient } from "./build.ts";
import { dragChipToNode, waitForDatacenter } from "./helpers.ts";

let browser: Browser;
let server: GameServer;
let scenario = "";

beforeAll(async () => {
  server = await startGameServer(buildClient());
  const list = (await (await fetch(`${server.url}api/scenarios`)).json()) as {
    scenarios: { id: string; kind: string; level: number }[];
  };
  scenario = list.scenarios.find((s) => s.kind === "campaign" && s.level === 1)?.id ?? list.scenarios[0]?.id ?? "";
  if (!scenario) throw new Error("The server offers no scenario to play.");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("browser and server engines", () => {
  it("a solo run submitted from the debrief is verified by the server", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.url}#/briefing/${scenario}?seed=7`);
    await page.click("#briefing-start");
    await waitForDatacenter(page);
    // Some commands, so the replay is not empty: a node bought, and a VM where one fits.
    await page.click("#tabbtn-build");
    await page.click("#buy-node");
    const chip = await page.locator(".chip-vm:not([aria-disabled='true'])").first().getAttribute("id");
    const nodes = await page.locator(".node-btn").count();
    if (chip && nodes > 0) await dragChipToNode(page, `#${chip}`, 0);
    await page.click("#speed-128");
    await page.click("#hud-pause");
    await page.waitForSelector("#debrief", { timeout: 120000 });
    await page.fill("#submit-nick", "Verifier");
    await page.click("#submit-run");
    await page.waitForFunction(
      () => /Verified|refused|not|cannot/i.test(document.getElementById("submit-result")?.textContent ?? ""),
      undefined,
      { timeout: 60000 },
    );
    expect(await page.textContent("#submit-result")).toMatch(/^Verified by the server/);
  }, 180000);

  it("an assignment: the code opens the scenario and seed, the debrief hands the run in", async () => {
    const deadline = new Date(Date.now() + 3600_000).toISOString();
    // A seed past 2^31 (the server picks any 32-bit seed when none is given) must reach the page intact.
    const created = (await (
      await fetch(`${server.url}api/assignments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario, seed: 4_000_000_011, deadline }),
      })
    ).json()) as { code: string; hostKey: string };
    expect(created.code).toBeTruthy();
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.url);
    await page.click("#menu-assignment");
    await page.fill("#assignment-code", created.code);
    await page.click("#assignment-go");
    await page.click("#briefing-start");
    await waitForDatacenter(page);
    await page.click("#speed-128");
    await page.click("#hud-pause");
    await page.waitForSelector("#debrief", { timeout: 120000 });
    await page.fill("#submit-nick", "Student A");
    await page.click("#submit-run");
    await page.waitForFunction(
      () => (document.getElementById("submit-result")?.textContent ?? "").length > 12,
      undefined,
      { timeout: 60000 },
    );
    expect(await page.textContent("#submit-result")).toMatch(/^Verified by the server/);
    const results = (await (
      await fetch(`${server.url}api/assignments/${created.code}/results`, {
        headers: { authorization: `Bearer ${created.hostKey}` },
      })
    ).json()) as { results: { nickname: string }[] };
    expect(results.results.map((r) => r.nickname)).toEqual(["Student A"]);
  }, 180000);

  it("a run started while the server cannot be reached is played, and the debrief says why it cannot be submitted", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // The run's ticket request fails as it would offline.
    await page.route("**/api/run-tickets", (route) => route.abort("internetdisconnected"));
    await page.goto(`${server.url}#/briefing/${scenario}?seed=8`);
    await page.click("#briefing-start");
    await waitForDatacenter(page);
    await page.click("#speed-128");
    await page.click("#hud-pause");
    await page.waitForSelector("#debrief", { timeout: 120000 });
    expect(await page.textContent("#submit-result")).toMatch(
      /cannot be submitted: the server could not be reached when it started/,
    );
    expect(await page.locator("#submit-run").count()).toBe(0);
  }, 180000);
});
