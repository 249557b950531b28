// The ReplicaSet's scale-down as upstream orders the pods it deletes: ActivePodsWithRanks in
// kubernetes/pkg/controller/controller_utils.go, used by getPodsToDelete in
// pkg/controller/replicaset/replica_set.go. The first pod of each pair goes first.
import { describe, expect, it } from "vitest";
import { compareForDeletion, createWorld, log2NanoRank, step, type PodStatus, type World } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

const NOW = 10_000;
const base: PodStatus = {
  id: 1,
  assigned: true,
  phase: 2,
  ready: true,
  readySince: 5000,
  restarts: 0,
  born: 5000,
  colocated: 1,
};
const pod = (over: Partial<PodStatus>): PodStatus => ({ ...base, ...over });

describe("the deletion order (controller_utils.go ActivePodsWithRanks.Less)", () => {
  it.each([
    {
      rule: "1. unassigned before assigned",
      first: pod({ id: 1, assigned: false, phase: 0, ready: false }),
      second: pod({ id: 2, phase: 0, ready: false }),
    },
    {
      rule: "2. Pending phase (pulling, starting) before Running",
      first: pod({ id: 1, phase: 0, ready: false }),
      second: pod({ id: 2, ready: false }),
    },
    {
      rule: "3. not ready (crash-looping) before ready",
      first: pod({ id: 1, ready: false, readySince: -1 }),
      second: pod({ id: 2 }),
    },
    {
      rule: "5. on the node holding more of the Deployment's pods first",
      first: pod({ id: 1, colocated: 3 }),
      second: pod({ id: 2, colocated: 1, readySince: 9990, born: 9990 }),
    },
    {
      rule: "6. ready for less time first (log2 scale)",
      first: pod({ id: 1, readySince: 9000 }),
      second: pod({ id: 2, readySince: 1000 }),
    },
    {
      rule: "6. within one log2 step of readiness, the higher id (upstream: UID order)",
      first: pod({ id: 2, readySince: 9000 }),
      second: pod({ id: 1, readySince: 8990, restarts: 5 }),
    },
    { rule: "7. more restarts first", first: pod({ id: 1, restarts: 3 }), second: pod({ id: 2, restarts: 1 }) },
    {
      rule: "8. the newer pod first (log2 scale of age)",
      first: pod({ id: 1, ready: false, readySince: -1, born: 9000 }),
      second: pod({ id: 2, ready: false, readySince: -1, born: 1000 }),
    },
    {
      rule: "8. within one log2 step of age, the higher id",
      first: pod({ id: 9, ready: false, readySince: -1, born: 9000 }),
      second: pod({ id: 3, ready: false, readySince: -1, born: 8995 }),
    },
  ])("$rule", ({ first, second }) => {
    expect(compareForDeletion(first, second, NOW)).toBeLessThan(0);
    expect(compareForDeletion(second, first, NOW)).toBeGreaterThan(0);
  });

  it.each([
    { seconds: 0, rank: -1 },
    { seconds: 1, rank: 29 }, // 1e9 ns: 2^29 ≤ 1e9 < 2^30
    { seconds: 2, rank: 30 },
    { seconds: 1000, rank: 39 },
    { seconds: 1100, rank: 40 },
  ])("log2 rank of $seconds s in nanoseconds is $rank (logarithmicRankDiff)", ({ seconds, rank }) => {
    expect(log2NanoRank(seconds)).toBe(rank);
  });
});

/** Three container hosts and `replicas` running pods of web, spread 2/1/1 by pinning. */
function crowded(): World {
  const sc = scenario({
    services: [service({ cpu: 500, mem: 512 })],
    start: {
      nodes: [
        { type: "small", mode: "container-host" },
        { type: "small", mode: "container-host" },
        { type: "small", mode: "container-host" },
      ],
      instances: [],
    },
  });
  const w = createWorld(sc, 1);
  send(w, { type: "buy-upgrade", upgrade: "kubernetes" });
  const on = (node: number) => ({ type: "deploy", service: "web", runtime: "container", node }) as const;
  send(w, on(0), on(1), on(2));
  until(w, (x) => x.instances.filter((i) => i.state === "running").length === 3);
  for (let k = 0; k < 200; k++) step(w, []);
  // The newest pod goes onto node 0, beside an older one.
  send(w, on(0));
  until(w, (x) => x.instances.filter((i) => i.state === "running").length === 4);
  for (let k = 0; k < 200; k++) step(w, []);
  return w;
}

describe("a ReplicaSet scaling down in a running world (replica_set.go getPodsToDelete)", () => {
  it("deletes from the node that holds two of its pods, keeping the spread", () => {
    const w = crowded();
    const before = w.instances.map((i) => [i.id, i.node]);
    expect(before.filter(([, n]) => n === 0).length).toBe(2);
    send(w, { type: "set-replicas", service: "web", replicas: 3 });
    step(w, []);
    const left = w.instances
      .filter((i) => i.state === "running")
      .map((i) => i.node)
      .sort();
    expect(left).toEqual([0, 1, 2]);
  });

  it("deletes a pod that is not ready before a serving one, wherever it is", () => {
    const w = crowded();
    // Crash the pod alone on node 2: it is in CrashLoopBackOff (Running phase, not ready).
    const lone = w.instances.find((i) => i.node === 2)!;
    lone.state = "backoff";
    lone.wait = 100;
    send(w, { type: "set-replicas", service: "web", replicas: 3 });
    expect(lone.state).toBe("terminating");
    expect(w.instances.filter((i) => i.state === "running").length).toBe(3);
  });
});
