/**
 * Takes a PNG of every solo screen at 1366×768, and of the main ones on a phone (390×844
 * and 844×390, touch), then of every classroom screen at 1366×768, 1920×1080 and 390×844
 * (classScreenshots.ts), into test-output/screenshots (git-ignored), for people to look
 * at: `npx tsx test/e2e/screenshots.ts` after `npm run build`.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { serveDist } from "./staticServer.ts";
import { dragChipToNode, waitForDatacenter } from "./helpers.ts";
import { startGameServer } from "./gameServer.ts";
import { classScreenshots } from "./classScreenshots.ts";

const OUT = fileURLToPath(new URL("../../test-output/screenshots/", import.meta.url));

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${OUT}${name}.png` });
  console.log(`wrote ${name}.png`);
}

/** The main screens on a phone held upright and sideways, with a touch screen. */
async function phoneShots(url: string, browser: Browser): Promise<void> {
  for (const [w, h, tag] of [
    [390, 844, "phone"],
    [844, 390, "phone-landscape"],
  ] as const) {
    const ctx = await browser.newContext({
      viewport: { width: w, height: h },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    });
    const p = await ctx.newPage();
    p.on("pageerror", (e) => console.log(`[page error] ${e.message}`));
    await p.goto(url);
    await shot(p, `30-${tag}-menu`);
    await p.goto(`${url}#/briefing/campaign-2-hypervisors?seed=1`);
    await shot(p, `31-${tag}-briefing`);
    await p.goto(`${url}#/play/black-friday?seed=1`);
    await waitForDatacenter(p);
    await p.evaluate(() =>
      (window as unknown as { __overcommit: { game: { advance(n: number): void } } }).__overcommit.game.advance(300),
    );
    await shot(p, `32-${tag}-play-services`);
    await p.tap("#tabbtn-build");
    await shot(p, `33-${tag}-play-build`);
    await p.tap("#tabbtn-inspect");
    await p.evaluate(() =>
      (window as unknown as { __overcommit: { game: { advance(n: number): void } } }).__overcommit.game.advance(100000),
    );
    await p.waitForSelector("#debrief", { timeout: 10000 });
    await shot(p, `34-${tag}-debrief`);
    await ctx.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const site = await serveDist();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") console.log(`[browser ${m.type()}] ${m.text()}`);
  });
  page.on("pageerror", (e) => console.log(`[page error] ${e.message}`));
  try {
    await page.goto(site.url);
    await shot(page, "01-menu");
    await page.click("#menu-campaign");
    await shot(page, "02-campaign");
    await page.click("#level-1");
    await shot(page, "03-briefing");
    await page.click("#briefing-start");
    await waitForDatacenter(page);
    await shot(page, "04-play-start");
    const svc = await page.getAttribute(".chip-vm:not([aria-disabled='true'])", "data-service");
    await dragChipToNode(page, `#chip-${svc}-vm`, 0, { hold: true });
    await shot(page, "05-drag-hint");
    await page.mouse.up();
    await dragChipToNode(page, `#chip-${svc}-vm`, 0);
    await page.evaluate(() =>
      (window as unknown as { __overcommit: { game: { advance(n: number): void } } }).__overcommit.game.advance(70),
    );
    await shot(page, "06-play-running");
    // Keyboard only: arm service 1, pick the next node, place it with D.
    await page.locator("body").click({ position: { x: 5, y: 760 } });
    await page.keyboard.press("1");
    await page.keyboard.press("]");
    await shot(page, "06b-keyboard-armed");
    await page.keyboard.press("d");
    await page.keyboard.press("Escape");
    // Clicking a block in the datacenter selects that instance.
    const blk = await page.evaluate(() => {
      const o = (
        window as unknown as {
          __overcommit: {
            scene: { instanceClientBox(id: number): { x: number; y: number; w: number; h: number } | null };
            game: { view: { instances: { id: number }[] } };
          };
        }
      ).__overcommit;
      return o.scene.instanceClientBox(o.game.view.instances[0]!.id);
    });
    if (blk) await page.mouse.click(blk.x + blk.w / 2, blk.y + blk.h / 2);
    await shot(page, "06c-instance-selected");
    await page.click("#tabbtn-build");
    await shot(page, "07-build-tab");
    await page.keyboard.press("?");
    await shot(page, "08-shortcuts");
    await page.keyboard.press("Escape");
    await page.click("#hud-glossary");
    await shot(page, "09-glossary");
    await page.keyboard.press("Escape");
    await page.evaluate(() =>
      (window as unknown as { __overcommit: { game: { advance(n: number): void } } }).__overcommit.game.advance(100000),
    );
    await page.waitForSelector("#debrief", { timeout: 10000 });
    await shot(page, "10-debrief");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator("#debrief").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await shot(page, "11-debrief-bottom");
    await page.goto(`${site.url}#/quick`);
    await shot(page, "12-quick");
    await page.click("#quick-start");
    await page.click("#briefing-start");
    await waitForDatacenter(page);
    // Set the scene up through the same commands the UI sends, then run well into the round.
    await page.evaluate(() => {
      type V = { nodes: { id: number; mode: string }[]; services: { id: string; rule: string }[] };
      const o = (
        window as unknown as {
          __overcommit: { game: { advance(n: number): void; send(c: unknown): unknown; view: V } };
        }
      ).__overcommit;
      const g = o.game;
      g.send({ type: "buy-node", nodeType: "medium", mode: "container-host" });
      g.send({ type: "buy-node", nodeType: "medium", mode: "hypervisor" });
      g.advance(95);
      const ct = g.view.nodes.filter((n) => n.mode === "container-host").map((n) => n.id);
      const vm = g.view.nodes.filter((n) => n.mode !== "container-host").map((n) => n.id);
      for (const svc of g.view.services) {
        for (let k = 0; k < 3; k++) {
          if (svc.rule !== "vm-only" && ct.length)
            g.send({ type: "deploy", service: svc.id, runtime: "container", node: ct[k % ct.length] });
          if (svc.rule !== "container-only" && vm.length)
            g.send({ type: "deploy", service: svc.id, runtime: "vm", node: vm[k % vm.length] });
        }
      }
      g.advance(700);
    });
    await shot(page, "13-quick-play");
    await page.evaluate(() =>
      (window as unknown as { __overcommit: { game: { advance(n: number): void } } }).__overcommit.game.advance(100000),
    );
    await page.waitForSelector("#debrief", { timeout: 10000 });
    await page.locator("#debrief h2", { hasText: "Incidents" }).scrollIntoViewIfNeeded();
    await shot(page, "13b-debrief-incidents");
    // The solo screens not reached above.
    await page.goto(`${site.url}#/assignment`);
    await shot(page, "12b-assignment");
    await page.goto(`${site.url}#/glossary`);
    await shot(page, "12c-glossary-page");
    for (const level of [3, 5, 7]) {
      await page.goto(
        `${site.url}#/briefing/${["", "", "", "campaign-3-containers", "", "campaign-5-spike", "", "campaign-7-kubernetes"][level]}?seed=1`,
      );
      await shot(page, `12d-briefing-level-${level}`);
    }
    await page.click("#brief-words summary");
    await shot(page, "12e-briefing-words-open");
    await page.click("#briefing-start");
    await waitForDatacenter(page);
    await page.evaluate(() => {
      const g = (
        window as unknown as { __overcommit: { game: { advance(n: number): void; send(c: unknown): unknown } } }
      ).__overcommit.game;
      g.send({ type: "buy-upgrade", upgrade: "kubernetes" });
      g.advance(400);
    });
    await page.click("#tabbtn-cluster");
    await shot(page, "12f-kubernetes-tab");
    await page.click("#tabbtn-log");
    await shot(page, "12g-log-tab");
    await page.evaluate(() => {
      const g = (
        window as unknown as { __overcommit: { game: { advance(n: number): void; send(c: unknown): unknown } } }
      ).__overcommit.game;
      for (let k = 0; k < 12; k++) g.send({ type: "buy-node", nodeType: "medium", mode: "container-host" });
      g.advance(100000);
    });
    await page.waitForSelector("#debrief", { timeout: 10000 });
    await shot(page, "12h-debrief-bankrupt");
    await page.click("#debrief-replay");
    await waitForDatacenter(page);
    await page.evaluate(() =>
      (window as unknown as { __overcommit: { game: { advance(n: number): void } } }).__overcommit.game.advance(300),
    );
    await shot(page, "12i-watching-replay");
    await phoneShots(site.url, browser);
    await page.goto(`${site.url}#/join`);
    await shot(page, "14-join");
    await page.goto(`${site.url}#/host`);
    await shot(page, "14b-host-form");
    await page.click("#host-create");
    await shot(page, "14c-host-no-server");
    await page.goto(`${site.url}#/class/ABC123?nick=Ada`);
    await page.waitForTimeout(800);
    await shot(page, "14d-class-no-server");
    await page.goto(`${site.url}#/bench?nodes=100&instances=1000&seconds=1`);
    await page.reload();
    await page.waitForFunction(
      () => (window as unknown as { __bench?: { done: boolean } }).__bench?.done === true,
      undefined,
      { timeout: 60000 },
    );
    await shot(page, "15-bench-100-nodes");
    // Every classroom screen, through one class played against the real server (classScreenshots.ts),
    // with the solo page's WebGL context let go first: the class opens five of its own.
    await page.goto("about:blank");
    const game = await startGameServer(undefined, { host: "0.0.0.0" });
    try {
      await classScreenshots(browser, game.url);
    } finally {
      await game.stop();
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

await main();
