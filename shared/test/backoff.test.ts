// CrashLoopBackOff as the kubelet does it: doBackOff in pkg/kubelet/kuberuntime/
// kuberuntime_manager.go with the kubelet's flowcontrol.Backoff (pkg/kubelet/kubelet.go:
// 10 s initial, MaxContainerBackOff 300 s in apis/config/v1beta1/defaults.go, and a
// HasExpiredFunc that starts over once the container ran more than 600 s).
import { describe, expect, it } from "vitest";
import { createWorld, onContainerExit, step, type GameEvent } from "../src/index.ts";
import { ONCALL_FEE, ONCALL_RESPONSE_TICKS } from "../src/model/constants.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

describe("the kubelet's decision when a container exits", () => {
  it.each([
    { why: "first exit: restart at once, keep 10 s", backoff: 0, ran: 5, wait: 0, next: 10 },
    { why: "second exit soon after: wait 10 s", backoff: 10, ran: 5, wait: 10, next: 20 },
    { why: "then 20 s", backoff: 20, ran: 5, wait: 20, next: 40 },
    { why: "160 s doubles to the 300 s cap", backoff: 160, ran: 30, wait: 160, next: 300 },
    { why: "at the cap it stays 300 s", backoff: 300, ran: 30, wait: 300, next: 300 },
    {
      why: "ran exactly 600 s: still in back-off (the reset needs more than 600 s)",
      backoff: 300,
      ran: 600,
      wait: 300,
      next: 300,
    },
    { why: "ran 601 s: starts over, restart at once", backoff: 300, ran: 601, wait: 0, next: 10 },
  ])("$why", ({ backoff, ran, wait, next }) => {
    expect(onContainerExit(backoff, ran)).toEqual({ wait, backoff: next });
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
  it("is restarted at once, then after 10, 20, 40, 80, 160, 300, 300 s", () => {
    const w = podWorld(1_000_000); // crashes every tick it runs
    const waits: number[] = [];
    while (waits.length < 8) {
      const r = step(w, []);
      for (const e of r.events) {
        if (e.type !== "instance-state") continue;
        if (e.state === "backoff") waits.push(e.a);
        if (e.cause === "restart-kubelet") waits.push(0);
      }
    }
    expect(waits).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
    expect(w.instances[0]!.restarts).toBe(8);
  });

  it("is restarted at once again after it ran for more than 10 minutes, its restart count kept", () => {
    const w = podWorld(0);
    const pod = w.instances.find((i) => i.state === "running")!;
    // As if it had crash-looped before: the back-off stands at 300 s.
    pod.backoff = 300;
    pod.restarts = 6;
    for (let k = 0; k < 700; k++) step(w, []);
    const r = send(w, { type: "inject", incident: "crash", target: "web", size: 0 });
    const states = r.events.filter((e: GameEvent) => e.type === "instance-state").map((e) => [e.state, e.cause]);
    expect(states).toEqual([
      ["crashed", "crash"],
      ["booting", "restart-kubelet"],
    ]);
    expect(pod.restarts).toBe(7);
    expect(pod.backoff).toBe(10);
  });

  it("without Kubernetes a crashed container stays down until the player restarts it", () => {
    const sc = scenario({
      services: [service({ releases: [{ version: 1, crashPerMillion: 1_000_000, leakMiB: 0, note: "" }] })],
      start: {
        nodes: [{ type: "small", mode: "container-host" }],
        instances: [{ service: "web", runtime: "container", node: 0 }],
      },
    });
    const w = createWorld(sc, 1);
    step(w, []);
    expect(w.instances[0]!.state).toBe("crashed");
    for (let k = 0; k < 1000; k++) step(w, []);
    expect(w.instances[0]!.state).toBe("crashed");
    // Fixing it is a page to the on-call engineer: it costs the page and starts after their
    // response time, not at once.
    const money = w.money;
    const r = send(w, { type: "restart", instance: w.instances[0]!.id });
    expect(r.results[0]).toEqual({ ok: true });
    expect(r.events.some((e: GameEvent) => e.type === "instance-state" && e.cause === "on-call")).toBe(true);
    expect(w.stats.onCallPages).toBe(1);
    expect(money - w.money).toBeGreaterThanOrEqual(ONCALL_FEE);
    const again = send(w, { type: "restart", instance: w.instances[0]!.id });
    expect(again.results[0]).toMatchObject({ ok: false, code: "bad-state" });
    let started = -1;
    for (let k = 0; k < ONCALL_RESPONSE_TICKS + 5 && started < 0; k++) {
      for (const e of step(w, []).events) if (e.type === "instance-state" && e.state === "booting") started = e.tick;
    }
    expect(started - r.events[0]!.tick).toBe(ONCALL_RESPONSE_TICKS);
  });

  it("a planned restart of a running instance is done at once, with no page", () => {
    const sc = scenario({
      start: {
        nodes: [{ type: "small", mode: "container-host" }],
        instances: [{ service: "web", runtime: "container", node: 0 }],
      },
    });
    const w = createWorld(sc, 1);
    step(w, []);
    const r = send(w, { type: "restart", instance: w.instances[0]!.id });
    expect(r.events.some((e: GameEvent) => e.type === "instance-state" && e.state === "booting")).toBe(true);
    expect(w.stats.onCallPages).toBe(0);
  });
});
