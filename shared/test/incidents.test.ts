// Incidents count the requests dropped while they are open, and each dropped request once:
// two troubles open together for one service (or one for the service and one for the whole
// cluster) must not both claim the same lost requests, as level 6's debrief once showed two
// rows of 55,967 each.
import { describe, expect, it } from "vitest";
import { BOTS, createWorld, debrief, getScenario, runMatch, step, type World } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";

/** Six web VMs on three hosts; demand that five serve and four do not (80 dropped a second). */
const twoCrashes = scenario({
  length: 200,
  services: [service({ traffic: { base: 480, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
  start: {
    nodes: [
      { type: "medium", mode: "hypervisor" },
      { type: "medium", mode: "hypervisor" },
      { type: "medium", mode: "hypervisor" },
    ],
    instances: [0, 0, 1, 1, 2, 2].map((node) => ({ service: "web", runtime: "vm" as const, node })),
  },
  events: [
    { at: 50, kind: "crash", target: "web", size: 0 },
    { at: 60, kind: "crash", target: "web", size: 0 },
  ],
});

const droppedInIncidents = (w: World) => w.incidents.reduce((a, i) => a + i.dropped, 0);
const droppedInAll = (w: World) => w.services.reduce((a, s) => a + s.totalDropped, 0);

describe("requests dropped during incidents", () => {
  it("two crashes of one service open together: the older incident owns the drops, the newer counts none of them", () => {
    const w = createWorld(twoCrashes, 1);
    for (let t = 0; t < 120; t++) step(w, []);
    const crashes = w.incidents.filter((i) => i.kind === "crash");
    expect(crashes.map((i) => [i.tick, i.resolvedAt])).toEqual([
      [50, -1],
      [60, -1],
    ]);
    // Every drop happened with both open (from the second crash on), and is counted once.
    expect(droppedInAll(w)).toBeGreaterThan(0);
    expect(crashes.map((i) => i.dropped)).toEqual([droppedInAll(w), 0]);
    expect(debrief(w).incidents.reduce((a, r) => a + r.dropped, 0)).toBe(droppedInAll(w));
  });

  it("a spike owns what its surge drops, though an older cluster-wide outage is open, and does not close as met by headroom", () => {
    const sc = {
      ...twoCrashes,
      length: 800,
      events: [
        { at: 20, kind: "registry-outage" as const, target: "any", size: 700 },
        { at: 30, kind: "spike" as const, target: "web", size: 150 },
      ],
    };
    const w = createWorld(sc, 1);
    for (let t = 0; t < 800; t++) step(w, []);
    const spike = w.incidents.find((i) => i.kind === "spike")!;
    const outage = w.incidents.find((i) => i.kind === "registry-outage")!;
    // The surge came and went while the outage was open, and nothing else dropped requests.
    expect(outage.tick).toBeLessThan(spike.tick);
    expect(outage.resolvedAt).toBeGreaterThan(spike.resolvedAt);
    expect(droppedInAll(w)).toBeGreaterThan(0);
    expect([spike.dropped, outage.dropped]).toEqual([droppedInAll(w), 0]);
    expect(spike.resolvedBy).toBe("nobody");
  });

  it("over whole rounds of level 6, the incidents' dropped requests never add up to more than were dropped", () => {
    const sc = getScenario("campaign-6-self-healing")!;
    for (const bot of ["idle", "greedy"] as const) {
      for (const seed of [1, 2]) {
        const { world } = runMatch(sc, seed, BOTS[bot]);
        expect(droppedInAll(world)).toBeGreaterThan(0);
        expect([bot, seed, droppedInIncidents(world) <= droppedInAll(world)]).toEqual([bot, seed, true]);
        // Per service too: a service's incidents own at most what it dropped.
        for (let s = 0; s < world.services.length; s++) {
          const own = world.incidents.filter((i) => i.service === s).reduce((a, i) => a + i.dropped, 0);
          expect(own).toBeLessThanOrEqual(world.services[s]!.totalDropped);
        }
      }
    }
  });
});
