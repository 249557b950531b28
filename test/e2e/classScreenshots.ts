/**
 * A PNG of every classroom screen, through one whole class played in Chromium against the
 * real server: the host form, the instructor's desk, the projector and three students (one
 * on a phone) from the class link to the lobby, planning, the countdown, the round with
 * incidents and a pause, the podium and class summary, and the next round's lobby. Each
 * screen is taken at 1366×768, 1920×1080 and 390×844 (the students' on their own device
 * too). Called by screenshots.ts; alone: `npx tsx test/e2e/classScreenshots.ts [SERVER_URL]`
 * (without a URL it starts a server on the built client).
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { startGameServer } from "./gameServer.ts";

const OUT = fileURLToPath(new URL("../../test-output/screenshots/", import.meta.url));

export const VIEWPORTS = [
  { w: 1366, h: 768, tag: "1366" },
  { w: 1920, h: 1080, tag: "1920" },
  { w: 390, h: 844, tag: "390" },
] as const;

/** The page at each viewport size in turn (then back to its own), one PNG each. */
async function shots(page: Page, name: string, opts: { full?: boolean; only?: readonly string[] } = {}): Promise<void> {
  const own = page.viewportSize();
  for (const v of VIEWPORTS) {
    if (opts.only && !opts.only.includes(v.tag)) continue;
    await page.setViewportSize({ width: v.w, height: v.h });
    await page.waitForTimeout(350);
    await page.screenshot({ path: `${OUT}${name}-${v.tag}.png`, fullPage: opts.full ?? false });
    console.log(`wrote ${name}-${v.tag}.png`);
  }
  if (own) await page.setViewportSize(own);
}

/** One PNG at the page's own size. */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}${name}.png` });
  console.log(`wrote ${name}.png`);
}

function logErrors(page: Page, who: string): void {
  page.on("pageerror", (e) => console.log(`[${who} page error] ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") console.log(`[${who} console] ${m.text()}`);
  });
}

export async function classScreenshots(browser: Browser, url: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const desk = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const host = await desk.newPage();
  logErrors(host, "host");
  await host.goto(`${url}#/host`);
  await host.selectOption("#host-scenario", "black-friday");
  await host.fill("#host-speed", "8");
  await shots(host, "40-class-host-form");
  await host.click("#host-create");
  await host.waitForSelector("#join-code", { timeout: 20000 });
  const code = ((await host.textContent("#join-code")) ?? "").trim();
  await shots(host, "41-class-host-lobby-empty");

  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  logErrors(projector, "projector");
  await projector.goto((await host.getAttribute("#projector-link", "href"))!);
  await projector.waitForSelector("#proj-code", { timeout: 20000 });
  await shots(projector, "42-class-projector-lobby-empty");

  // Ada opens the class link on her phone: the form has the code, she types her name.
  const phone = await (
    await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    })
  ).newPage();
  logErrors(phone, "ada");
  await phone.goto(`${url}#/class/${code}`);
  await phone.waitForSelector("#join-nick");
  await shot(phone, "43-class-link-form-phone");
  await phone.fill("#join-nick", "Ada");
  await phone.tap("#join-go");
  await phone.waitForSelector("#lobby", { timeout: 20000 });
  await shot(phone, "44-class-student-lobby-phone");

  // Someone else picks a name that is taken: the form says so and what to do.
  const taken = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await taken.goto(`${url}#/class/${code}`);
  await taken.fill("#join-nick", "ada");
  await taken.click("#join-go");
  await taken.waitForFunction(() => (document.getElementById("join-msg")?.textContent ?? "") !== "", undefined, {
    timeout: 20000,
  });
  await shots(taken, "45-class-join-refused");
  await taken.context().close();

  const students: Page[] = [];
  for (const name of ["Bob", "Cy"]) {
    const p = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    logErrors(p, name);
    await p.goto(`${url}#/class/${code}`);
    await p.fill("#join-nick", name);
    await p.click("#join-go");
    await p.waitForSelector("#lobby", { timeout: 20000 });
    students.push(p);
  }
  const [bob, cy] = students as [Page, Page];
  await projector.waitForFunction(() => document.querySelectorAll("#proj-names .name-chip").length === 3, undefined, {
    timeout: 10000,
  });
  await shots(projector, "46-class-projector-lobby");
  await shots(bob, "47-class-student-lobby");
  await host.waitForFunction(() => document.querySelectorAll("#roster li[data-seat]").length === 3, undefined, {
    timeout: 10000,
  });
  await shots(host, "48-class-host-lobby");

  // Start: the planning phase.
  await host.click("#host-start");
  await bob.waitForSelector("#datacenter canvas", { timeout: 30000 });
  await phone.waitForSelector("#datacenter canvas", { timeout: 30000 });
  await bob.click("#tabbtn-build").catch(() => undefined);
  await bob.click("#buy-node").catch(() => undefined);
  await bob.waitForTimeout(800);
  await shots(bob, "49-class-student-planning");
  await shot(phone, "50-class-student-planning-phone");
  await shots(projector, "51-class-projector-planning");
  await shots(host, "52-class-host-planning");

  // Start now: the countdown on every screen, then the round.
  await host.click("#host-start");
  await projector.waitForSelector("#countdown:not([hidden])", { timeout: 5000 });
  await projector.waitForTimeout(1200);
  await shot(projector, "53-class-projector-countdown-1920");
  await bob.waitForTimeout(300);
  await shot(bob, "54-class-student-countdown-1366");
  await shot(phone, "54-class-student-countdown-phone");
  await host.waitForFunction(() => document.getElementById("host-phase")?.dataset["phase"] === "running", undefined, {
    timeout: 15000,
  });

  // The round: incidents for everyone and for one student, the desk watching Ada.
  await host.waitForTimeout(4000);
  await host.click("#inject summary");
  for (const [kind, who] of [
    ["crash", "Ada"],
    ["node-failure", "Cy"],
    ["kernel-incident", "Bob"],
    ["registry-outage", "everyone"],
  ] as const) {
    await host.selectOption("#inject-kind", kind);
    await host.selectOption("#inject-cluster", { label: who });
    await host.click("#inject-go");
    await host.waitForTimeout(1200);
  }
  const ada = await host.getAttribute(".board-row[data-cluster]:has-text('Ada')", "data-cluster");
  await host.click(`#watch-${ada}`);
  await host.waitForSelector("#spectate canvas", { timeout: 20000 });
  await host.waitForTimeout(3000);
  await shots(host, "55-class-host-running");
  await shots(host, "55b-class-host-running-full", { full: true, only: ["1366"] });
  await shots(projector, "56-class-projector-running");
  await shots(cy, "57-class-student-running");
  await shot(phone, "57b-class-student-running-phone");

  // A pause, readable from the back of the room.
  await host.click("#host-pause");
  await projector.waitForSelector("#proj-paused:not([hidden])", { timeout: 5000 });
  await shots(projector, "58-class-projector-paused");
  await shots(host, "59-class-host-paused");
  await shot(phone, "59b-class-student-paused-phone");
  await host.click("#host-resume");
  await host.waitForTimeout(3000);

  // The end: podium, then the class summary; each student's place; the next round.
  host.once("dialog", (d) => void d.accept());
  await host.click("#host-end");
  await projector.waitForSelector("#podium-steps", { timeout: 10000 });
  await projector.waitForTimeout(2500);
  await shots(projector, "60-class-projector-podium");
  await projector.click(".proj-ended");
  await projector.waitForSelector("#class-summary", { timeout: 5000 });
  await shots(projector, "61-class-projector-summary");
  await phone.waitForSelector("#podium", { timeout: 10000 });
  await phone.waitForTimeout(2000);
  await shot(phone, "62-class-student-end-phone");
  await shots(bob, "62b-class-student-end", { full: true });
  await host.waitForSelector("#next-round", { timeout: 10000 });
  await shots(host, "63-class-host-ended", { full: true });
  await host.click("#new-round");
  await bob.waitForSelector("#lobby", { timeout: 10000 });
  await shots(host, "64-class-host-next-round-lobby");
  await shots(bob, "65-class-student-next-round-lobby");
  await shots(projector, "66-class-projector-next-round-lobby");
}

// Alone: against a given server, or one started here on the built client (with a LAN address to show).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const given = process.argv[2];
  const server = given ? null : await startGameServer(undefined, { host: "0.0.0.0" });
  const browser = await launchBrowser();
  try {
    await classScreenshots(browser, given ?? server!.url);
  } finally {
    await browser.close();
    await server?.stop();
  }
}
