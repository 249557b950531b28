/**
 * A class in real browsers against the real server, as people meet it:
 * - the class link opens the nickname form with the code filled in (and the nickname this
 *   browser used last), and a refused join comes back to the form saying what to do;
 * - the projector: names appear as students join, the planning time and the countdown run,
 *   the board shows the round, then the podium and the class summary;
 * - the instructor's desk through a whole round: planning (a student buys with the clock
 *   stopped), start now, watching a student beside the board, renaming in place, the end,
 *   the CSV report with its human columns, and a new round that brings everyone back to
 *   the lobby; a refresh brings a student back to their own datacenter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { Client } from "colyseus.js";
import { launchBrowser } from "./browser.ts";
import { startGameServer, type GameServer } from "./gameServer.ts";
import { buildClient } from "./build.ts";
import { hostClass, joinAsStudent } from "./helpers.ts";

let browser: Browser;
let server: GameServer;
let scenario = "";

beforeAll(async () => {
  server = await startGameServer(buildClient());
  const list = (await (await fetch(`${server.url}api/scenarios`)).json()) as {
    scenarios: { id: string; kind: string }[];
  };
  scenario = (list.scenarios.find((s) => s.kind === "competitive") ?? list.scenarios[0])?.id ?? "";
  if (!scenario) throw new Error("The server offers no scenario to play.");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function desktop(): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
}

async function student(name: string, code: string): Promise<Page> {
  return joinAsStudent(await browser.newContext({ viewport: { width: 1366, height: 768 } }), server.url, code, name);
}

/** A classroom made over the HTTP API, as the host form does. */
async function createClass(
  body: Record<string, unknown>,
): Promise<{ code: string; hostKey: string; projectorKey: string }> {
  const r = await fetch(`${server.url}api/classrooms`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario, ...body }),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as { code: string; hostKey: string; projectorKey: string };
}

describe("joining a class", () => {
  it("the class link opens the nickname form with the code filled in, and refusals say what to do", async () => {
    const { code } = await createClass({});
    const page = await desktop();
    await page.goto(`${server.url}#/class/${code}`);
    await page.waitForSelector("#join-nick");
    expect(await page.textContent("#join-code-shown")).toBe(code);
    expect(await page.inputValue("#join-code")).toBe(code);
    // No "Could not join": the form waits for a name, focused.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("join-nick");
    await page.fill("#join-nick", "Ada");
    await page.click("#join-go");
    await page.waitForSelector("#lobby");
    await page.waitForFunction(() => /You're in, Ada!/.test(document.querySelector(".lobby-hello")?.textContent ?? ""));

    // Someone else takes the same name: back on the form, with the reason and the next step.
    const other = await desktop();
    await other.goto(`${server.url}#/class/${code}`);
    await other.fill("#join-nick", "ADA");
    await other.click("#join-go");
    await other.waitForFunction(
      () =>
        /already has that nickname.*Choose another nickname\./.test(
          document.getElementById("join-msg")?.textContent ?? "",
        ),
      undefined,
      { timeout: 15000 },
    );
    expect(await other.inputValue("#join-nick")).toBe("ADA");
    // A code that is no class: the same form says to check it.
    await other.goto(`${server.url}#/class/CCCCCC`);
    await other.fill("#join-nick", "Bo");
    await other.click("#join-go");
    await other.waitForFunction(
      () =>
        /no live class with that code\. Check the code/.test(document.getElementById("join-msg")?.textContent ?? ""),
      undefined,
      { timeout: 15000 },
    );

    // The nickname is remembered: the next class link in this browser has it filled in.
    const next = await createClass({});
    await page.goto(`${server.url}#/class/${next.code}`);
    await page.waitForSelector("#join-nick");
    expect(await page.inputValue("#join-nick")).toBe("Ada");
    // A refresh of a class this browser has a seat in goes straight back to it.
    await page.goto(`${server.url}#/class/${code}`);
    await page.waitForSelector("#lobby");
  }, 90_000);
});

describe("the projector", () => {
  it("shows names as students join, the planning time and the countdown, the board, then the podium and the summary", async () => {
    const { code, hostKey, projectorKey } = await createClass({ speed: 16, length: 120, planningSeconds: 30 });
    const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await projector.goto(`${server.url}#/projector/${code}?key=${encodeURIComponent(projectorKey)}`);
    await projector.waitForSelector("#proj-code");
    expect(await projector.textContent("#proj-code")).toBe(code);
    expect(await projector.textContent("#proj-address")).toMatch(/127\.0\.0\.1:\d+/);
    const chips = () => projector.$$eval("#proj-names .name-chip", (els) => els.map((e) => e.textContent));
    expect(await chips()).toEqual([]);
    const pages: Page[] = [];
    for (const name of ["Ada", "Bob", "Cy"]) {
      pages.push(await student(name, code));
      // Each name pops in as its student joins, with the count.
      await projector.waitForFunction(
        (n) => document.querySelectorAll("#proj-names .name-chip").length === n,
        pages.length,
        { timeout: 10000 },
      );
      expect(await projector.textContent("#proj-count")).toMatch(new RegExp(`^${pages.length} player`));
    }
    expect(await chips()).toEqual(["Ada", "Bob", "Cy"]);

    // Nothing under 24 px on a 1920×1080 projector.
    const smallest = await projector.evaluate(() =>
      Math.min(
        ...[...document.querySelectorAll("#projector *")]
          .filter(
            (e) =>
              e.childNodes.length > 0 &&
              [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== ""),
          )
          .map((e) => parseFloat(getComputedStyle(e).fontSize)),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(24);

    const host = await new Client(server.url.replace(/^http/, "ws").replace(/\/$/, "")).join("classroom", {
      code,
      hostKey,
    });
    let seq = 1;
    const send = (type: string) => host.send(type, { seq: seq++ });
    host.onMessage("*", () => {});
    send("start");
    await projector.waitForSelector("#proj-plan-clock", { timeout: 10000 });
    expect(await projector.textContent("#proj-plan-clock")).toMatch(/^0:(2\d|30)$/);
    // "Start now": the countdown, then the round on the board.
    send("start");
    await projector.waitForSelector("#countdown:not([hidden])", { timeout: 5000 });
    await projector.waitForFunction(
      () => document.querySelectorAll("#proj-board .board-row[data-cluster]").length === 3,
      undefined,
      { timeout: 10000 },
    );

    // The round ends by itself: the podium with the three names, then the class summary.
    await projector.waitForSelector("#podium-steps", { timeout: 30000 });
    const podium = await projector.$$eval("#podium-steps .step-name", (els) => els.map((e) => e.textContent));
    expect([...podium].sort()).toEqual(["Ada", "Bob", "Cy"]);
    await projector.click(".proj-ended");
    await projector.waitForSelector("#class-summary", { timeout: 5000 });
    void host.leave();
  }, 120_000);

  it("counts down from the last seconds of planning", async () => {
    // The countdown seen above started from skipping; here it is watched digit by digit.
    const { code, hostKey, projectorKey } = await createClass({ speed: 16, length: 60, planningSeconds: 30 });
    const projector = await desktop();
    await projector.goto(`${server.url}#/projector/${code}?key=${encodeURIComponent(projectorKey)}`);
    await student("Dee", code);
    const host = await new Client(server.url.replace(/^http/, "ws").replace(/\/$/, "")).join("classroom", {
      code,
      hostKey,
    });
    host.onMessage("*", () => {});
    host.send("start", { seq: 1 });
    await projector.waitForSelector("#proj-plan-clock", { timeout: 10000 });
    host.send("start", { seq: 2 });
    const digits: string[] = [];
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const n = await projector.evaluate(
        () =>
          (document.getElementById("countdown")?.hidden
            ? ""
            : document.querySelector("#countdown .count-num")?.textContent) ?? "",
      );
      if (n && digits.at(-1) !== n) digits.push(n);
      if (n === "Go!") break;
      await projector.waitForTimeout(80);
    }
    expect(digits.at(-1)).toBe("Go!");
    // 5, 4, 3, 2, 1 (the first may be missed by a moment): at least four of them, in order.
    const numbers = digits.filter((d) => /^\d$/.test(d)).map(Number);
    expect(numbers.length).toBeGreaterThanOrEqual(4);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    void host.leave();
  }, 60_000);
});

describe("the instructor's desk", () => {
  it("runs a class from planning to a new round", async () => {
    const host = await desktop();
    const code = await hostClass(host, server.url, scenario, 16, 30);
    const ada = await student("Ada", code);
    const bob = await student("Bob", code);
    await host.waitForFunction(() => document.querySelectorAll("#roster li[data-seat]").length === 2, undefined, {
      timeout: 20000,
    });
    expect(await host.textContent("#host-start")).toMatch(/30 s of planning/);
    await host.click("#host-start");

    // Planning: the clock stands still, the student buys, the banner says why nothing runs.
    for (const p of [ada, bob]) await p.waitForSelector("#datacenter canvas", { timeout: 30000 });
    await ada.waitForSelector("#plan-banner:not([hidden])");
    expect(await ada.textContent("#plan-banner")).toMatch(/Planning 0:\d\d.*nothing runs until the clock starts/);
    await ada.click("#tabbtn-build");
    await ada.click("#buy-node");
    await ada.waitForTimeout(800);
    expect(await ada.locator(".toast-bad").count()).toBe(0);
    expect(await ada.textContent("#hud-clock")).toMatch(/^0:00 /);
    expect(await host.textContent("#host-phase")).toMatch(/^Planning/);
    // Controls that fit the phase: start now, pause, cancel; no injecting before the clock runs.
    expect(await host.locator("#inject").count()).toBe(0);
    await host.click("#host-start");
    await host.waitForFunction(() => document.getElementById("host-phase")?.dataset["phase"] === "running", undefined, {
      timeout: 15000,
    });
    await ada.waitForSelector("#plan-banner", { state: "hidden" });

    // Watch Ada beside the board.
    const adaCluster = await host.getAttribute(".board-row[data-cluster]:has-text('Ada')", "data-cluster");
    await host.click(`#watch-${adaCluster}`);
    await host.waitForSelector("#spectate canvas", { timeout: 20000 });
    expect(await host.textContent("#watch-title")).toBe("Watching Ada");
    const boardBox = (await host.locator("#host-board").boundingBox())!;
    const watchBox = (await host.locator("#spectate").boundingBox())!;
    expect(watchBox.x).toBeGreaterThan(boardBox.x + boardBox.width - 1);
    expect(watchBox.y).toBeLessThan(boardBox.y + boardBox.height);

    // Rename Bob in place: the field replaces his name; Enter saves it everywhere.
    const bobSeat = await host.getAttribute("#roster li[data-seat]:has-text('Bob')", "data-seat");
    await host.click(`#rename-${bobSeat}`);
    await host.fill(`#rename-input-${bobSeat}`, "Robert");
    await host.press(`#rename-input-${bobSeat}`, "Enter");
    await host.waitForFunction(
      () => /Robert/.test(document.getElementById("host-board")?.textContent ?? ""),
      undefined,
      { timeout: 10000 },
    );

    // A refresh brings Ada back to her own datacenter.
    await ada.reload();
    await ada.waitForSelector("#datacenter canvas", { timeout: 30000 });

    // The end: the report in a spreadsheet's words, and the next round with the same class.
    host.once("dialog", (d) => void d.accept());
    await host.click("#host-end");
    await host.waitForSelector("#next-round", { timeout: 20000 });
    await ada.waitForSelector("#podium", { timeout: 20000 });
    const href = await host.getAttribute("#report-csv", "href");
    const csv = await (await host.request.get(new URL(href!, server.url).toString())).text();
    const [head, ...rows] = csv.trim().split(/\r?\n/);
    expect(head).toMatch(/^Rank,Nickname,Score \(¢\),SLA \(%\)/);
    expect(rows.map((r) => r.split(",")[1]).sort()).toEqual(["Ada", "Robert"]);
    for (const r of rows) expect(r.split(",")).not.toContain("");
    const report = await (
      await host.request.get(new URL((await host.getAttribute("#report-json", "href"))!, server.url).toString())
    ).text();
    expect(report).toMatch(/^\{\n {2}"classroomId"/);

    // The replay of a student's round opens in the page.
    const replay = await host.context().newPage();
    await replay.goto(
      new URL((await host.getAttribute("#roster a:has-text('Replay')", "href"))!, server.url).toString(),
    );
    await replay.waitForSelector("#datacenter canvas", { timeout: 30000 });
    expect(await replay.textContent(".hud-title")).toMatch(/^Replay/);

    await host.click("#new-round");
    for (const p of [ada, bob]) await p.waitForSelector("#lobby", { timeout: 20000 });
    expect(await ada.textContent(".lobby-code")).toMatch(/round 2/);
    await host.waitForFunction(() => /round 2/.test(document.querySelector(".host-title h1")?.textContent ?? ""));
    // Round 1's report stays one click away.
    expect(await host.getAttribute("#report-csv", "href")).toMatch(/round=1/);
  }, 180_000);
});
