/**
 * Hand work as a player meets it in level 6 (shared/src/datacenter/handWork.ts): VMs dragged
 * onto hosts queue for the operator's own time, one after another, and every place that
 * shows them says so — the block, its inspector, the services panel, the drop tip.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useSoloSite } from "./soloSite.ts";
import { dragChipToNode, soloGame as game, touchDragChipToNode, waitForDatacenter } from "./helpers.ts";

const site = useSoloSite();

/** Buys two small Type 1 hosts in the Build tab and lets them come up (nodes 4 and 5). */
async function twoNewHosts(page: Page): Promise<void> {
  await page.click("#tabbtn-build");
  await page.click("#buy-node");
  await page.click("#buy-node");
  await game(page, (g) => g.advance(90));
  expect(await game(page, (g) => g.view.nodes.slice(4).map((n) => n.state))).toEqual(["ready", "ready"]);
}

/** Clicks an instance's block on the canvas, and reads what its inspector says. */
async function inspectBlock(page: Page, id: number): Promise<{ state: string; why: string; button: string }> {
  const box = await page.evaluate(
    (i) =>
      (
        window as unknown as { __overcommit: { scene: { instanceClientBox(id: number): unknown } } }
      ).__overcommit.scene.instanceClientBox(i),
    id,
  );
  if (!box) throw new Error(`instance ${id} is not on screen`);
  const b = box as { x: number; y: number; w: number; h: number };
  await page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
  await page.waitForSelector(`#restart-${id}`);
  return page.evaluate((i) => {
    const tab = document.getElementById("tab-inspect")!;
    const p = [...tab.querySelectorAll("p")];
    return {
      state: tab.querySelector("p strong")?.textContent ?? "",
      why: p.find((e) => e.textContent?.startsWith("Why:"))?.textContent ?? "",
      button: document.getElementById(`restart-${i}`)!.textContent ?? "",
    };
  }, id);
}

const secondsOn = (button: string) => Number(/^Setting up · (\d+) s$/.exec(button)?.[1] ?? NaN);

describe("hand work in level 6", () => {
  it("the second of two VMs dragged onto hosts reads 'Set up by hand' and waits longer; the services panel shows the queue", async () => {
    const page = await site.open("#/play/campaign-6-self-healing?seed=1");
    await waitForDatacenter(page);
    await expect
      .poll(() => page.textContent("#hands"))
      .toMatch(/^Your hands are free\. By hand: a VM 60\u00a0s of your time each, one after another\.$/);
    await twoNewHosts(page);

    await dragChipToNode(page, "#chip-erp-vm", 4);
    await dragChipToNode(page, "#chip-erp-vm", 5, { hold: true });
    // Before the drop, the tip says when this one would start: after the first's minute, its own.
    expect(await page.textContent(".drop-tip")).toMatch(/set up by your hands in 120\u00a0s$/);
    await page.mouse.up();

    const [first, second] = await game(page, (g) =>
      (g.view as unknown as { instances: { id: number; cause: string }[] }).instances
        .filter((i) => i.cause === "hand-setup")
        .map((i) => i.id),
    );
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    await expect
      .poll(() => page.textContent("#hands"))
      .toMatch(/^Your hands: 2\u00a0min of set-up queued \(a VM 60\u00a0s each\)\./);
    // The ERP's card names the two waiting for the operator: not two crashes.
    expect(await page.locator(".svc-count").first().textContent()).toBe("4/6 up · 2 by hand");
    // The node just dropped on is open: its deploy buttons say when one more would start.
    expect(await page.textContent("#deploy-storefront-5")).toBe("+ Storefront web · by hand, starts in 180 s");

    const a = await inspectBlock(page, first!);
    const b = await inspectBlock(page, second!);
    expect(b.state).toBe("Set up by hand");
    expect(secondsOn(b.button)).toBeGreaterThan(secondsOn(a.button));
    expect([secondsOn(a.button), secondsOn(b.button)]).toEqual([60, 120]);
    expect(b.why).toBe("Why: starts in 120 s: your set-ups queued before it take 60 s, then its own 60 s");
    expect(a.why).toBe("Why: you are setting it up now; it starts in 60 s");

    // A minute on, the first is booting and the second is the one in hand.
    await game(page, (g) => g.advance(60));
    await expect
      .poll(() => page.textContent("#hands"))
      .toMatch(/^Your hands: 1\u00a0min of set-up queued \(a VM 60\u00a0s each\)\./);
    const later = await inspectBlock(page, second!);
    expect(later.why).toBe("Why: you are setting it up now; it starts in 60 s");
    expect((await inspectBlock(page, first!)).state).toBe("Booting");
    await page.close();
  }, 90000);

  it("on a phone, the drop tip of a hand deploy is whole and inside the screen", async () => {
    const { ctx, page } = await site.openPhone("#/play/campaign-6-self-healing?seed=1");
    await waitForDatacenter(page);
    await page.tap("#tabbtn-build");
    await page.tap("#buy-node");
    await game(page, (g) => g.advance(90));
    await page.tap("#tabbtn-services");
    // Node 4 sits in the right-hand rack, where the tip used to be squeezed against the edge.
    const lift = await touchDragChipToNode(page, "#chip-erp-vm", 4);
    const tip = await page.evaluate(() => {
      const e = document.querySelector(".drop-tip") as HTMLElement;
      const r = e.getBoundingClientRect();
      return {
        text: e.textContent,
        left: r.left,
        right: r.right,
        top: r.top,
        height: r.height,
        lineHeight: parseFloat(getComputedStyle(e).lineHeight) || 16,
      };
    });
    await lift();
    expect(tip.text).toMatch(/^✓ Drop to start Legacy ERP as a VM on node 4 — set up by your hands in 60\u00a0s$/);
    expect(tip.left).toBeGreaterThanOrEqual(0);
    expect(tip.right).toBeLessThanOrEqual(390);
    expect(tip.top).toBeGreaterThanOrEqual(0);
    // At most three lines: not a column one word wide.
    expect(tip.height).toBeLessThan(4 * tip.lineHeight);
    await expect
      .poll(() => page.textContent("#hands"))
      .toMatch(/^Your hands: 1\u00a0min of set-up queued \(a VM 60\u00a0s each\)\./);
    await ctx.close();
  }, 90000);
});
