// Which events alarm a player: the rule the play screen's red lines and the server's
// messages to a student share.
import { describe, expect, it } from "vitest";
import { alarmsPlayer, createWorld, EventLog, type Scenario } from "../src/index.ts";
import { run } from "./helpers.ts";
import { scenario, service } from "../src/fixtures.ts";

describe("alarmsPlayer", () => {
  it("is raised by a failure, not by what the player or the kubelet decided", () => {
    const log = new EventLog(10);
    log.push("instance-state", "oom", { instance: 1, state: "crashed" });
    log.push("instance-state", "restart-backoff", { instance: 1, state: "backoff" });
    log.push("instance-state", "stopped", { instance: 2, state: "terminating" });
    log.push("instance-state", "evicted", { instance: 3, state: "terminating" });
    log.push("node-failed", "node-failed", { node: 0 });
    log.push("node-ready", "provisioned", { node: 1 });
    log.push("money-negative", "");
    expect(log.events.map(alarmsPlayer)).toEqual([true, false, false, true, true, false, true]);
  });

  it("is not raised again by a crashed instance's back-off", () => {
    const log = new EventLog(10);
    log.push("instance-state", "crash", { instance: 1, state: "backoff" });
    expect(alarmsPlayer(log.events[0]!)).toBe(false);
  });

  it("marks the OOM kills of a leaking app in a played round, and nothing in a quiet one", () => {
    const start = { nodes: [{ type: "small" as const, mode: "hypervisor" as const }], instances: [] };
    const leaky = scenario({
      length: 600,
      start,
      services: [service({ releases: [{ version: 1, leakMiB: 40, crashPerMillion: 0, note: "leaks" }] })],
    });
    const quiet = scenario({ length: 600, start });
    const alarms = (sc: Scenario) => {
      const w = createWorld(sc, 3);
      return run(w, 600, [{ type: "deploy", service: sc.services[0]!.id, runtime: "vm", node: 0 }]).filter(
        alarmsPlayer,
      );
    };
    expect(alarms(quiet)).toEqual([]);
    const hit = alarms(leaky);
    expect(hit.length).toBeGreaterThan(0);
    expect(hit.every((e) => e.type === "instance-state" && e.cause === "oom")).toBe(true);
  });
});
