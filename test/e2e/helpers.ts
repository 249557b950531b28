/** Browser-test helpers that act like a player: wait for the datacenter, drag with the mouse. */
import type { BrowserContext, Page } from "playwright-core";

/**
 * The instructor hosts a class through the host form in `page`; resolves with its join code.
 * Without `planning` (seconds) the round starts at once, without a planning phase.
 */
export async function hostClass(
  page: Page,
  baseUrl: string,
  scenario: string,
  speed: number,
  planning = 0,
): Promise<string> {
  await page.goto(`${baseUrl}#/host`);
  await page.selectOption("#host-scenario", scenario);
  await page.fill("#host-speed", String(speed));
  await page.selectOption("#host-planning", String(planning));
  await page.click("#host-create");
  await page.waitForSelector("#join-code", { timeout: 20000 });
  return ((await page.textContent("#join-code")) ?? "").trim();
}

/** A student joins class `code` as `name` through the join form, in a page of `ctx`; resolves in the lobby. */
export async function joinAsStudent(ctx: BrowserContext, baseUrl: string, code: string, name: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${baseUrl}#/join`);
  await page.fill("#join-code", code);
  await page.fill("#join-nick", name);
  await page.click("#join-go");
  await page.waitForSelector("#lobby", { timeout: 20000 });
  return page;
}

export async function waitForDatacenter(page: Page): Promise<void> {
  await page.waitForSelector("#datacenter canvas", { timeout: 20000 });
  await page.waitForFunction(() => !!(window as unknown as { __overcommit?: unknown }).__overcommit, undefined, {
    timeout: 20000,
  });
  await page.waitForTimeout(300);
}

/** Where node `id` is on the page (asked of the scene, which knows its layout and camera). */
export async function nodeBox(page: Page, id: number): Promise<{ x: number; y: number; w: number; h: number }> {
  const box = await page.evaluate(
    (n) =>
      (
        window as unknown as { __overcommit: { scene: { nodeClientBox(id: number): unknown } } }
      ).__overcommit.scene.nodeClientBox(n),
    id,
  );
  if (!box) throw new Error(`node ${id} is not on screen`);
  return box as { x: number; y: number; w: number; h: number };
}

/** Presses the mouse on a service chip and drags it onto a node, in small steps like a hand. */
export async function dragChipToNode(
  page: Page,
  chip: string,
  node: number,
  opts: { hold?: boolean } = {},
): Promise<void> {
  const from = await page.locator(chip).boundingBox();
  if (!from) throw new Error(`${chip} not visible`);
  const to = await nodeBox(page, node);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.w / 2, to.y + Math.min(to.h / 2, 60), { steps: 12 });
  await page.waitForTimeout(100);
  if (!opts.hold) await page.mouse.up();
}

/** What a test may ask of the solo game the page exposes (window.__overcommit.game). */
export type SoloGameHandle = {
  advance(n: number): void;
  send(c: unknown): { ok: boolean };
  paused: boolean;
  view: { nodes: { id: number; state: string }[]; money: number };
};

/** Runs `f` on the page's solo game and resolves with what it returns (plain data only). */
export function soloGame<T>(page: Page, f: (g: SoloGameHandle) => T): Promise<T> {
  return page.evaluate(`(${f.toString()})(window.__overcommit.game)`) as Promise<T>;
}

/**
 * Drags a service chip onto a node with one finger (touch events through the DevTools
 * protocol, as a phone sends them) and holds it there; resolves with a function that lifts it.
 */
export async function touchDragChipToNode(page: Page, chip: string, node: number): Promise<() => Promise<void>> {
  const from = await page.locator(chip).boundingBox();
  if (!from) throw new Error(`${chip} not visible`);
  const to = await nodeBox(page, node);
  const cdp = await page.context().newCDPSession(page);
  const at = (x: number, y: number) => [{ x, y, id: 1 }];
  const [x0, y0] = [from.x + from.width / 2, from.y + from.height / 2];
  const [x1, y1] = [to.x + to.w / 2, to.y + Math.min(to.h / 2, 60)];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(x0, y0) });
  for (let k = 1; k <= 12; k++)
    await cdp.send("Input.dispatchTouchEvent", {
      type: "touchMove",
      touchPoints: at(x0 + ((x1 - x0) * k) / 12, y0 + ((y1 - y0) * k) / 12),
    });
  await page.waitForTimeout(100);
  return async () => {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await cdp.detach();
  };
}
