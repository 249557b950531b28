// CrashLoopBackOff: 10, 20, 40 … capped at 300, reset after 600 s of clean running.
import { describe, expect, it } from "vitest";
import { backoffDelay, createWorld, step, type GameEvent } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

describe("the back-off before each restart", () => {
  it.each([
    [0, 10],
    [1, 20],
    [2, 40],
    [3, 80],
    [4, 160],
    [5, 300],
    [6, 300],
    [12, 300],
  ])("after %i restarts the next waits %i s", (restarts, delay) => {
    expect(backoffDelay(restarts)).toBe(delay);
  });
});

function podWorld(crashPerMillion: number) {
  const sc = scenario({
    services: [service({ releases: [{ version: 1, crashPerMillion, leakMiB: 0, note: "" }] })],
    start: { nodes: [{ type: "small", mode: "container-host" }], instances: [] },
  });
  const w = createWorld(sc, 7);
  send(w, { type: "buy-upgrade", upgrade: "kubernetes" }, { type: "set-replicas", service: "web", replicas: 1 });
  until(w, (x) => x.instances.some((i) => i.state === "running"));
  return w;
}

describe("a crashing pod in a real world", () => {
  it("waits 10, 20, 40, 80, 160, 300, 300 s between restarts", () => {
    const w = podWorld(1_000_000); // crashes every tick it runs
    const delays: number[] = [];
    while (delays.length < 7) {
      const r = step(w, []);
      for (const e of r.events) if (e.type === "instance-state" && e.state === "backoff") delays.push(e.a);
    }
    expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it("forgets its back-off after 600 s of clean running", () => {
    const w = podWorld(0);
    const pod = w.instances.find((i) => i.state === "running")!;
    pod.restarts = 5; // as if it had crashed five times before
    for (let k = 0; k < 599; k++) step(w, []);
    expect(pod.restarts).toBe(5);
    for (let k = 0; k < 2; k++) step(w, []);
    expect(pod.restarts).toBe(0);
  });

  it("without Kubernetes a crashed container stays down until the player restarts it", () => {
    const sc = scenario({
      services: [service({ releases: [{ version: 1, crashPerMillion: 1_000_000, leakMiB: 0, note: "" }] })],
      start: { nodes: [{ type: "small", mode: "container-host" }], instances: [{ service: "web", runtime: "container", node: 0 }] },
    });
    const w = createWorld(sc, 1);
    step(w, []);
    expect(w.instances[0]!.state).toBe("crashed");
    for (let k = 0; k < 1000; k++) step(w, []);
    expect(w.instances[0]!.state).toBe("crashed");
    const r = send(w, { type: "restart", instance: w.instances[0]!.id });
    expect(r.results[0]).toEqual({ ok: true });
    const states = r.events.filter((e: GameEvent) => e.type === "instance-state").map((e) => e.state);
    expect(states).toContain("booting");
  });
});
