/**
 * Hostile nicknames in real browsers: students join as an HTML payload and a spreadsheet
 * formula; the instructor's lobby, the live leaderboard (host and projector) and the
 * student's own page show them as literal text, no element is created from them, and the
 * payload never runs (a trap on the global it would read stays untouched).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { startGameServer, type GameServer } from "./gameServer.ts";
import { buildClient } from "./build.ts";
import { hostClass, joinAsStudent } from "./helpers.ts";

/**
 * Rendered as HTML, this creates an <img> whose error handler reads the global `_x` (20
 * characters, the nickname limit; not `x`, which an inline handler would find on the img).
 */
const IMG = "<img src onerror=_x>";
const BOLD = "<b>bold</b>";
const FORMULA = '=HYPERLINK("x")';

let browser: Browser;
let server: GameServer;
let scenario = "";

beforeAll(async () => {
  server = await startGameServer(buildClient());
  const list = (await (await fetch(`${server.url}api/scenarios`)).json()) as {
    scenarios: { id: string; kind: string }[];
  };
  scenario = (list.scenarios.find((s) => s.kind === "competitive") ?? list.scenarios[0])?.id ?? "";
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A context whose pages record, in window.__xss, any read of the global `_x`. */
async function trappedContext(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  // A string, not a function: the test transpiler's helpers do not exist in the page.
  await ctx.addInitScript({
    content: 'Object.defineProperty(window, "_x", { get() { window.__xss = 1; return 1; } });',
  });
  return ctx;
}

async function student(name: string, code: string): Promise<Page> {
  return joinAsStudent(await trappedContext(), server.url, code, name);
}

/** No element in `selector` came from a nickname, and the payload never ran. */
async function expectInert(page: Page, selector: string): Promise<void> {
  // The game's own art is <img> with a real source; a nickname's would have an empty one.
  expect(
    await page
      .locator(`${selector} img:not([src]), ${selector} img[src=""], ${selector} b, ${selector} [onerror]`)
      .count(),
  ).toBe(0);
  expect(await page.evaluate("window.__xss")).toBeUndefined();
}

describe("hostile nicknames in the browser", () => {
  it("show as text in the lobby and on the leaderboard, and never run", async () => {
    const host = await (await trappedContext()).newPage();
    const code = await hostClass(host, server.url, scenario, 16);

    const students = [await student(IMG, code), await student(BOLD, code), await student(FORMULA, code)];
    await host.waitForFunction(() => document.querySelectorAll(".seats li").length === 3, undefined, {
      timeout: 20000,
    });
    const lobby = (await host.textContent(".seats")) ?? "";
    for (const nick of [IMG, BOLD, FORMULA]) expect(lobby).toContain(nick);
    await expectInert(host, ".seats");
    for (const p of students) await expectInert(p, "body");

    await host.click("#host-start");
    await host.waitForFunction(
      (names) => names.every((n) => (document.querySelector(".leaderboard")?.textContent ?? "").includes(n)),
      [IMG, BOLD, FORMULA],
      { timeout: 30000 },
    );
    await expectInert(host, ".leaderboard");

    const projector = await host.context().newPage();
    await projector.goto((await host.getAttribute("#projector-link", "href"))!);
    await projector.waitForFunction(
      (names) => names.every((n) => (document.querySelector(".leaderboard")?.textContent ?? "").includes(n)),
      [IMG, BOLD, FORMULA],
      { timeout: 30000 },
    );
    await expectInert(projector, ".leaderboard");

    host.once("dialog", (d) => void d.accept());
    await host.click("#host-end");
    await host.waitForFunction(() => document.getElementById("host-phase")?.dataset["phase"] === "ended", undefined, {
      timeout: 20000,
    });
    await expectInert(host, "body");
    for (const p of students) await expectInert(p, "body");

    // The detector works: the same string rendered as markup does trip the trap.
    const control = await (await trappedContext()).newPage();
    await control.goto(`${server.url}#/`);
    await control.evaluate(
      `document.body.append(Object.assign(document.createElement("div"), { innerHTML: ${JSON.stringify(IMG)} }))`,
    );
    await control.waitForFunction("window.__xss === 1", undefined, { timeout: 5000 });
  }, 180000);
});
