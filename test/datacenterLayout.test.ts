/**
 * Where the datacenter's hall sits and how "Fit" frames it (client/src/scenes/layout.ts,
 * framing.ts), on clusters the engine makes: the Pending tray never lies on the load
 * balancer's caption or anything else in the hall, and on a phone the zoom buttons never
 * sit on the racks or the load balancer after a fit, without shrinking the machines when
 * they are clear of them anyway.
 */
import { describe, expect, it } from "vitest";
import { applyNow, createWorld, listScenarios, step, viewOf, type Command, type World } from "@overcommit/shared";
import { layoutCluster, type Box, type Layout } from "../client/src/scenes/layout.ts";
import { fitFrame, frameBox, onStage, racksBounds } from "../client/src/scenes/framing.ts";

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function play(w: World, cmds: Command[], ticks: number): World {
  for (const c of cmds) expect(applyNow(w, c).result).toEqual({ ok: true });
  for (let k = 0; k < ticks; k++) step(w, []);
  return w;
}

/** Each scenario's start, and level 8 grown to four racks with pods no node can take. */
function clusters(): [string, Layout][] {
  const out: [string, Layout][] = listScenarios().map((sc) => [sc.id, layoutCluster(viewOf(createWorld(sc, 1)))]);
  const l8 = listScenarios().find((sc) => sc.id === "campaign-8-chaos")!;
  const buy: Command = { type: "buy-node", nodeType: "medium", mode: "container-host" };
  const big = play(
    createWorld(l8, 1),
    [{ type: "buy-upgrade", upgrade: "kubernetes" }, ...Array<Command>(9).fill(buy)],
    100,
  );
  play(big, [{ type: "set-replicas", service: "storefront", replicas: 400 }], 2);
  const view = viewOf(big);
  expect(view.instances.some((i) => i.state === "pending")).toBe(true);
  out.push(["campaign-8-chaos, 11 nodes, pods pending", layoutCluster(view)]);
  return out;
}

describe("the hall", () => {
  it("keeps the Pending tray off the load balancer, its caption, the registry, the internet and the sink", () => {
    for (const [name, l] of clusters()) {
      for (const [what, box] of Object.entries({
        lb: l.lb,
        caption: l.lbCaption,
        registry: l.registry,
        internet: l.internet,
        sink: l.sink,
      }))
        expect(overlap(l.pendingTray, box), `${name}: tray on ${what}`).toBe(false);
      expect(overlap(l.lbCaption, l.lb), `${name}: caption on the load balancer`).toBe(false);
    }
  });
});

describe("Fit on a phone", () => {
  // A 390 px wide phone's stage; the zoom buttons (three 44 px buttons) in a bottom or top corner.
  const W = 390;
  const H = 330;
  const bottomRight: Box = { x: W - 6 - 140, y: H - 6 - 44, w: 140, h: 44 };
  const topRight: Box = { x: W - 6 - 140, y: 6, w: 140, h: 44 };

  it("never leaves the zoom buttons on the racks or the load balancer", () => {
    for (const [name, l] of clusters())
      for (const controls of [bottomRight, topRight]) {
        const f = fitFrame(l, W, H, controls);
        for (const b of [...l.racks, l.lb, l.lbCaption])
          expect(overlap(onStage(f, b, W, H), controls), `${name}: buttons at y ${controls.y}`).toBe(false);
      }
  });

  it("shrinks the machines for the buttons only when they would cover them", () => {
    const sizes = clusters().map(([name, l]) => {
      const plain = frameBox(racksBounds(l), W, H);
      return { name, plain: plain.zoom, fitted: fitFrame(l, W, H, bottomRight).zoom };
    });
    for (const s of sizes) expect(s.fitted, s.name).toBeLessThanOrEqual(s.plain);
    // Level 1's one rack stands left of the buttons: it keeps its size.
    const l1 = sizes.find((s) => s.name === "campaign-1-packing")!;
    expect(l1.fitted).toBe(l1.plain);
    // Some cluster fills the stage's bottom right: it makes room.
    expect(sizes.some((s) => s.fitted < s.plain)).toBe(true);
  });

  it("shows everything on a wide stage, whatever the buttons", () => {
    const [, l] = clusters()[0]!;
    expect(fitFrame(l, 816, 675, { x: 690, y: 10, w: 114, h: 30 })).toEqual(frameBox(l.bounds, 816, 675));
  });
});
