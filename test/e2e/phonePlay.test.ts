/**
 * The solo play screen on a phone held upright (390×844, touch), where room is shortest:
 * hints speak of taps, the top bar keeps two rows whatever it has to say, and "Fit" leaves
 * the zoom buttons off the machines and the load balancer (a class on a phone: phone.test.ts).
 */
import { describe, expect, it } from "vitest";
import { useSoloSite } from "./soloSite.ts";
import { soloGame as game, waitForDatacenter } from "./helpers.ts";

const site = useSoloSite();

async function onPhone(path: string) {
  const opened = await site.openPhone(path);
  await waitForDatacenter(opened.page);
  return opened;
}

describe("on a phone", () => {
  it("the coach's hint after the first step says where to look and what to tap", async () => {
    const { ctx, page } = await onPhone("#/play/campaign-1-packing?seed=1");
    await page.tap("#chip-storefront-vm");
    const box = await page.evaluate(() =>
      (
        window as unknown as {
          __overcommit: { scene: { nodeClientBox(id: number): { x: number; y: number; w: number; h: number } } };
        }
      ).__overcommit.scene.nodeClientBox(0),
    );
    await page.touchscreen.tap(box.x + box.w / 2, box.y + Math.min(box.h / 2, 60));
    await expect
      .poll(() => page.textContent("#ticker"))
      .toMatch(/Good\. Watch demand against capacity under Services; tap Play when ready\./);
    await ctx.close();
  }, 60000);

  it("after a bankruptcy the top bar stays two rows: the bank's mark is its count, a tap says the rest", async () => {
    const { ctx, page } = await onPhone("#/play/campaign-6-self-healing?seed=1");
    // Doing nothing through the node failure at 11:40 goes bankrupt.
    await game(page, (g) => g.advance(900));
    await page.waitForSelector("#hud-bailouts:not([hidden])", { timeout: 10000 });
    const bar = await page.evaluate(() => {
      const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      const figures = ["#hud-money", "#hud-bailouts", "#hud-trend", "#hud-sla", "#hud-clock"].map((s) => box(s));
      const controls = ["#hud-pause", "#speed-cycle", "#hud-glossary", "#hud-quit"].map((s) => box(s));
      return {
        // Each row's items share a band: the figures' tops within a few pixels, the controls' too.
        figureTops: Math.max(...figures.map((r) => r.top)) - Math.min(...figures.map((r) => r.top)),
        controlTops: Math.max(...controls.map((r) => r.top)) - Math.min(...controls.map((r) => r.top)),
        secondRowBelowFirst: Math.min(...controls.map((r) => r.top)) >= Math.max(...figures.map((r) => r.bottom)),
        inside: [...figures, ...controls].every((r) => r.right <= window.innerWidth),
        mark: (document.getElementById("hud-bailouts") as HTMLElement).innerText,
      };
    });
    expect(bar.figureTops).toBeLessThan(4);
    expect(bar.controlTops).toBeLessThan(4);
    expect(bar.secondRowBelowFirst).toBe(true);
    expect(bar.inside).toBe(true);
    expect(bar.mark).toMatch(/^×\d$/);
    await page.tap("#hud-bailouts");
    await expect
      .poll(() => page.locator("#toasts .toast").allTextContents())
      .toContainEqual(expect.stringMatching(/^Bankrupt (once|\d times): the bank topped your money back up/));
    await ctx.close();
  }, 60000);

  it("Fit keeps the zoom buttons off the machines and the load balancer, even when the racks fill the stage", async () => {
    const { ctx, page } = await onPhone("#/play/campaign-8-chaos?seed=1");
    // Eleven nodes full of pods: racks that fill the stage's width and reach its bottom.
    await game(page, (g) => {
      g.send({ type: "buy-upgrade", upgrade: "kubernetes" });
      for (let k = 0; k < 9; k++) g.send({ type: "buy-node", nodeType: "medium", mode: "container-host" });
      g.advance(100);
      g.send({ type: "set-replicas", service: "storefront", replicas: 400 });
      g.advance(2);
    });
    await page.tap("#zoom-fit");
    await page.waitForTimeout(300);
    const hit = await page.evaluate(() => {
      const o = (
        window as unknown as {
          __overcommit: {
            scene: {
              nodeClientBox(id: number): { x: number; y: number; w: number; h: number } | null;
              loadBalancerClientBox(): { x: number; y: number; w: number; h: number } | null;
            };
            game: { view: { nodes: { id: number }[] } };
          };
        }
      ).__overcommit;
      const z = document.querySelector(".zoom-bar")!.getBoundingClientRect();
      return [
        ...o.game.view.nodes.map((n) => ({ id: `node ${n.id}`, b: o.scene.nodeClientBox(n.id)! })),
        { id: "load balancer", b: o.scene.loadBalancerClientBox()! },
      ]
        .filter(({ b }) => b.x < z.right && z.left < b.x + b.w && b.y < z.bottom && z.top < b.y + b.h)
        .map(({ id }) => id);
    });
    expect(hit).toEqual([]);
    await ctx.close();
  }, 60000);
});
