/**
 * A rendering benchmark page (`#/bench?nodes=100&instances=1000`): a synthetic cluster
 * of that size running with traffic, drawn by the real scene, with frame times recorded
 * into `window.__bench` for test/bench/client.ts. Loaded lazily; players never see it.
 */
import type { Scenario, ServiceSpec } from "@overcommit/shared";
import { scenario, service } from "@overcommit/shared/fixtures";
import { SoloGame } from "../solo/soloLoop.ts";
import { h } from "../ui/dom.ts";

function svc(id: string, runtime: ServiceSpec["runtime"], base: number): ServiceSpec {
  return service({
    id,
    name: id,
    runtime,
    imageMB: 100,
    penalty: 1,
    traffic: { base, shape: [[0, 100]], period: 3600, spikes: [], noise: 5 },
  });
}

export function benchScenario(nodes: number, instances: number): Scenario {
  const per = Math.ceil(instances / Math.max(1, nodes));
  const startNodes = Array.from({ length: nodes }, (_, k) => ({
    type: "large" as const,
    mode: k % 2 === 0 ? ("hypervisor" as const) : ("container-host" as const),
  }));
  const startInstances: { service: string; runtime: "vm" | "container"; node: number }[] = [];
  for (let k = 0; k < instances; k++) {
    const node = Math.floor(k / per);
    const vm = node % 2 === 0;
    startInstances.push({
      service: vm ? (k % 3 === 0 ? "erp" : "web") : k % 3 === 0 ? "jobs" : "api",
      runtime: vm ? "vm" : "container",
      node,
    });
  }
  const quarter = Math.round((instances / 4) * 80);
  return scenario({
    id: "bench",
    title: "Render bench",
    startMoney: 1_000_000,
    nodeTypes: ["large"],
    hostModes: ["hypervisor", "container-host"],
    services: [
      svc("web", "either", quarter * 1.3),
      svc("erp", "vm-only", quarter * 0.5),
      svc("api", "either", quarter * 1.3),
      svc("jobs", "container-only", quarter * 0.6),
    ],
    upgrades: {},
    failures: {
      nodeFailure: 0,
      kernelIncident: 0,
      registryOutage: 0,
      registryOutageTicks: 0,
      noisyNeighbour: 0,
      noisyNeighbourTicks: 0,
    },
    start: { nodes: startNodes, instances: startInstances },
  });
}

export interface BenchResult {
  frames: number;
  p95: number;
  p50: number;
  intervalP95: number;
  done: boolean;
}

function pctile(a: number[], p: number): number {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))]! : 0;
}

export function benchScreen(params: URLSearchParams): HTMLElement {
  const nodes = Math.max(1, Number(params.get("nodes")) || 100);
  const instances = Math.max(0, Number(params.get("instances")) || 1000);
  const seconds = Math.max(1, Number(params.get("seconds")) || 5);
  const sc = benchScenario(nodes, instances);
  const game = new SoloGame({ scenario: sc, seed: 1 });
  const stage = h("div", { class: "stage-canvas", id: "datacenter" });
  // The same canvas size as the play screen's stage at 1366×768 (between the side panels).
  const el = h("div", { class: "bench", style: "position:fixed;left:250px;right:300px;top:41px;bottom:50px" }, stage);
  const result: BenchResult = { frames: 0, p95: 0, p50: 0, intervalP95: 0, done: false };
  (window as unknown as { __bench: BenchResult }).__bench = result;
  void import("../scenes/boot.ts").then(async ({ startDatacenter }) => {
    const dc = await startDatacenter(stage, () => {});
    game.onUpdate((u) => dc.scene.setView(u.view, sc));
    dc.scene.setView(game.view, sc);
    game.setPaused(false);
    game.start();
    // Frame cost: from Phaser's pre-step to the end of its render, every frame.
    const work: number[] = [];
    const gaps: number[] = [];
    let t0 = 0;
    let last = 0;
    const ev = dc.scene.game.events;
    const warm = performance.now() + 1000;
    ev.on("prestep", () => {
      t0 = performance.now();
    });
    ev.on("postrender", () => {
      const now = performance.now();
      if (now < warm) return;
      work.push(now - t0);
      if (last) gaps.push(now - last);
      last = now;
    });
    setTimeout(
      () => {
        game.stop();
        result.frames = work.length;
        result.p95 = pctile(work, 0.95);
        result.p50 = pctile(work, 0.5);
        result.intervalP95 = pctile(gaps, 0.95);
        result.done = true;
      },
      1000 + seconds * 1000,
    );
  });
  return el;
}
