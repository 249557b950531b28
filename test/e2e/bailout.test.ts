/**
 * Bankruptcy in a class, in real browsers against the real server: a student who buys far
 * more than level 1's money pays for goes bankrupt, and the bank bails her out. Her screen
 * keeps playing, with the mark beside her money; the instructor's desk shows the mark on
 * her row and tells the instructor who it was; the projector shows the mark on the row and
 * nothing more; at the end her result says what the bank did to her score. SHOTS=1 writes PNGs of each to test-output/screenshots.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { startGameServer, type GameServer } from "./gameServer.ts";
import { buildClient } from "./build.ts";
import { hostClass, joinAsStudent, waitForDatacenter } from "./helpers.ts";

const OUT = fileURLToPath(new URL("../../test-output/screenshots/", import.meta.url));
const SHOTS = process.env["SHOTS"] === "1";

let browser: Browser;
let server: GameServer;

beforeAll(async () => {
  server = await startGameServer(buildClient());
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** PNGs of a page at the desktop and phone sizes (only with SHOTS=1). */
async function shots(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  const own = page.viewportSize();
  for (const [w, h] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${OUT}${name}-${w}.png` });
  }
  if (own) await page.setViewportSize(own);
}

async function page(): Promise<Page> {
  const p = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  p.on("pageerror", (e) => {
    throw e;
  });
  return p;
}

describe("a bankrupt student in a class", () => {
  it("plays on after the bank's bail-out; desk and projector show the mark, only the desk is told", async () => {
    const host = await page();
    const code = await hostClass(host, server.url, "campaign-1-packing", 16);
    const projector = await page();
    await projector.goto((await host.getAttribute("#projector-link", "href"))!);
    await projector.waitForSelector("#proj-code", { timeout: 20000 });
    const ada = await joinAsStudent(
      await browser.newContext({ viewport: { width: 1366, height: 768 } }),
      server.url,
      code,
      "Ada",
    );

    await host.click("#host-start");
    await host.waitForFunction(() => document.getElementById("host-phase")?.dataset["phase"] === "running", undefined, {
      timeout: 15000,
    });
    await waitForDatacenter(ada);
    // Ten Type 1 hosts on level 1's money, as fast as she can click.
    const bought = await ada.evaluate(async () => {
      const g = (window as unknown as { __overcommit: { game: { send(c: unknown): Promise<{ ok: boolean }> } } })
        .__overcommit.game;
      const out: unknown[] = [];
      for (let k = 0; k < 10; k++) out.push(await g.send({ type: "buy-node", nodeType: "small", mode: "hypervisor" }));
      return out;
    });
    // The bank's check on each purchase may stop her before ten: enough to sink her anyway.
    expect((bought as { ok: boolean }[]).filter((r) => r.ok).length).toBeGreaterThanOrEqual(6);

    // Her screen: the bank's mark beside the money; the round goes on.
    await ada.waitForSelector("#hud-bailouts:not([hidden])", { timeout: 30000 });
    expect(await ada.textContent("#hud-bailouts")).toMatch(/^bailed out ×\d$/);
    expect(await ada.getAttribute("#hud-bailouts", "title")).toMatch(
      /^Bankrupt (once|\d times): the bank topped your money back up so you could play on\. Its loans and fees, ¢[\d,]+, come off your score\.$/,
    );
    const clock = async () => (await ada.textContent("#hud-clock")) ?? "";
    const then = await clock();
    await ada.waitForFunction((t) => document.getElementById("hud-clock")?.textContent !== t, then, { timeout: 10000 });
    expect(await ada.evaluate(() => document.getElementById("podium"))).toBeNull();
    // She learns: returns all but two of her nodes, and the round takes her commands.
    const removed = await ada.evaluate(async () => {
      const g = (
        window as unknown as {
          __overcommit: { game: { view: { nodes: { id: number }[] }; send(c: unknown): Promise<{ ok: boolean }> } };
        }
      ).__overcommit.game;
      const out: unknown[] = [];
      for (const n of g.view.nodes.slice(2)) out.push(await g.send({ type: "remove-node", node: n.id }));
      return out;
    });
    expect(removed).toEqual(removed.map(() => ({ ok: true })));
    await shots(ada, "70-class-student-bailed-out");

    // The desk: the mark on her row, and the instructor is told who.
    const adaRow = (p: Page) =>
      p.waitForSelector(".board-row[data-cluster]:has-text('Ada') .tag-bailout", { timeout: 10000 });
    expect(await (await adaRow(host)).textContent()).toMatch(/^bailed out ×\d$/);
    await host.waitForFunction(
      () => /Ada went bankrupt; the bank bailed them out/.test(document.body.textContent ?? ""),
      undefined,
      { timeout: 10000 },
    );
    await shots(host, "71-class-host-bailed-out");
    // The projector: the same mark on the row, and no word about it anywhere else.
    expect(await (await adaRow(projector)).textContent()).toMatch(/^bailed out ×\d$/);
    expect(await projector.evaluate(() => /went bankrupt/.test(document.body.textContent ?? ""))).toBe(false);
    await shots(projector, "72-class-projector-bailed-out");

    // The end: her result says what the bank did to her score.
    host.once("dialog", (d) => void d.accept());
    await host.click("#host-end");
    await ada.waitForSelector("#my-result", { timeout: 20000 });
    expect(await ada.textContent("#my-result")).toMatch(
      /the bank bailed you out \(bailed out ×\d, loans and fees ¢[\d,]+\), so your score — what you earned — is −¢[\d,]+\./,
    );
    await shots(ada, "73-class-student-end-bailed-out");
  }, 120_000);
});
