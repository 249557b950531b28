/**
 * Where the datacenter's hall sits (client/src/scenes/layout.ts), on clusters the engine
 * makes: the Pending tray never lies on the load balancer's caption or anything else in the hall.
 */
import { describe, expect, it } from "vitest";
import { applyNow, createWorld, listScenarios, step, viewOf, type Command, type World } from "@overcommit/shared";
import { layoutCluster, type Box, type Layout } from "../client/src/scenes/layout.ts";

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
