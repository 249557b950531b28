/**
 * A class where one student plays on a phone (390×844, touch): joins by tapping, sees the
 * datacenter and the panels as a bottom sheet with no sideways scrolling and no target under
 * 44 px, taps a service then a node to place it (the server accepts it), long-presses a node
 * to inspect it, and pinches to zoom. The instructor and another student are on desktops.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { startGameServer, type GameServer } from "./gameServer.ts";
import { buildClient } from "./build.ts";
import { hostClass, joinAsStudent } from "./helpers.ts";

let browser: Browser;
let server: GameServer;

beforeAll(async () => {
  server = await startGameServer(buildClient());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Box = { x: number; y: number; w: number; h: number };
type Overcommit = {
  scene: { nodeClientBox(id: number): Box | null; cameras: { main: { zoom: number } } };
  game: { view: { instances: { node: number; service: number }[]; nodes: { id: number; mode: string }[] } };
};
const oc = <T>(page: Page, f: (o: Overcommit) => T): Promise<T> =>
  page.evaluate(`(${f.toString()})(window.__overcommit)`) as Promise<T>;

/** Two fingers moving apart over the canvas, through the browser's touch input. */
async function pinchOut(page: Page, cx: number, cy: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const pts = (d: number) => [
    { x: cx - d, y: cy, id: 1 },
    { x: cx + d, y: cy, id: 2 },
  ];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: pts(20) });
  for (let d = 30; d <= 110; d += 10) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: pts(d) });
    await page.waitForTimeout(16);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

/** Buttons, tabs and chips on screen smaller than a fingertip (44 px), by id or text. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, [role=tab], select, input")]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        const shown =
          r.width > 0 && r.height > 0 && style.visibility !== "hidden" && r.bottom > 0 && r.top < window.innerHeight;
        const tiny =
          e instanceof HTMLInputElement && (e.type === "range" || e.type === "checkbox" || e.type === "radio");
        return shown && !tiny && (r.height < 44 || r.width < 44);
      })
      .map((e) => e.id || e.textContent?.trim() || e.tagName),
  );
}

describe("a phone in class", () => {
  it("plays the round by touch: tap to place, long-press to inspect, pinch to zoom", async () => {
    const hostPage = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    const code = await hostClass(hostPage, server.url, "black-friday", 4);
    const phoneCtx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    });
    const phone = await phoneCtx.newPage();
    const errors: string[] = [];
    phone.on("pageerror", (e) => errors.push(e.message));
    await phone.goto(`${server.url}#/join`);
    await phone.tap("#join-code");
    await phone.keyboard.type(code);
    await phone.tap("#join-nick");
    await phone.keyboard.type("Pia");
    await phone.tap("#join-go");
    await phone.waitForSelector("#lobby", { timeout: 20000 });
    await joinAsStudent(await browser.newContext({ viewport: { width: 1366, height: 768 } }), server.url, code, "Bob");
    await hostPage.waitForFunction(() => document.querySelectorAll(".seats li").length === 2, undefined, {
      timeout: 20000,
    });
    await hostPage.click("#host-start");
    await phone.waitForSelector("#datacenter canvas", { timeout: 30000 });
    await phone.waitForFunction(() => !!(window as unknown as { __overcommit?: unknown }).__overcommit, undefined, {
      timeout: 20000,
    });
    await phone.waitForTimeout(500);

    // The datacenter and the sheet are both on screen, and nothing scrolls sideways.
    const layout = await phone.evaluate(() => {
      const c = document.querySelector("#datacenter canvas")!.getBoundingClientRect();
      return {
        canvasW: c.width,
        canvasH: c.height,
        scrollW: document.documentElement.scrollWidth,
        sheet: !!document.querySelector("#services-panel .svc"),
      };
    });
    expect(layout.canvasW).toBeGreaterThan(300);
    expect(layout.canvasH).toBeGreaterThan(150);
    expect(layout.scrollW).toBeLessThanOrEqual(390);
    expect(layout.sheet).toBe(true);
    expect(await smallTargets(phone)).toEqual([]);

    // Tap a service's Container chip, then tap the container host in the datacenter.
    const host = await oc(phone, (o) => o.game.view.nodes.find((n) => n.mode === "container-host")!.id);
    const before = await oc(phone, (o) => o.game.view.instances.length);
    await phone.tap("#chip-storefront-container");
    // The hint says what a finger does, not keys a phone has not got. Panels refresh on the
    // next animation frame after a change (at most ~8 a second), so the test waits for it.
    await expect
      .poll(() => phone.textContent("#services-panel"))
      .toMatch(/Placing Storefront web as a container: tap a node; tap the chip again to cancel\./);
    const box = await phone.evaluate(
      (id) => (window as unknown as { __overcommit: Overcommit }).__overcommit.scene.nodeClientBox(id),
      host,
    );
    expect(box).not.toBeNull();
    await phone.touchscreen.tap(box!.x + box!.w / 2, box!.y + Math.min(box!.h / 2, 30));
    await expect.poll(() => oc(phone, (o) => o.game.view.instances.length), { timeout: 10000 }).toBeGreaterThan(before);
    // The services stay open for the next placement.
    expect(await phone.getAttribute("#tabbtn-services", "aria-selected")).toBe("true");

    // A long press on the node opens it in the Inspect tab.
    await phone.tap("#chip-storefront-container"); // disarm, so the press only inspects
    const cdp = await phoneCtx.newCDPSession(phone);
    const at = { x: box!.x + box!.w / 2, y: box!.y + 12 };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ ...at, id: 1 }] });
    await phone.waitForTimeout(800);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await expect.poll(() => phone.getAttribute("#tabbtn-inspect", "aria-selected")).toBe("true");
    expect(await phone.textContent("#tab-inspect h3")).toMatch(new RegExp(`^Node ${host} `));

    // Two fingers apart: closer in.
    const zoom0 = await oc(phone, (o) => o.scene.cameras.main.zoom);
    const canvas = (await phone.locator("#datacenter canvas").boundingBox())!;
    await pinchOut(phone, canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await expect.poll(() => oc(phone, (o) => o.scene.cameras.main.zoom)).toBeGreaterThan(zoom0 * 1.5);

    // Every sheet tab is reachable by a tap and fits the width.
    for (const tab of ["build", "cluster", "log", "services"]) {
      await phone.tap(`#tabbtn-${tab}`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    expect(errors).toEqual([]);
  }, 180000);
});
