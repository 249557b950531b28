// Hand work: what the player deploys by hand waits for the operator, one job after another;
// controllers (a Deployment's ReplicaSet, VM HA) need nobody's time.
import { describe, expect, it } from "vitest";
import {
  createWorld,
  debrief,
  getScenario,
  handQueueWords,
  handSentence,
  handWorkHint,
  handWorkLine,
  parseScenario,
  step,
  viewOf,
  type Instance,
  type World,
} from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";
import { handsBusy } from "../src/datacenter/handWork.ts";

const timings = (handVm: number, handContainer: number) => ({
  nodeProvision: 90,
  nodeRepair: 900,
  notReadyAfter: 50,
  evictAfter: 300,
  vmHaDetect: 15,
  handVm,
  handContainer,
});

const sc = scenario({
  services: [service()],
  upgrades: { kubernetes: { price: 0, upkeep: 0 }, "vm-ha": { price: 0, upkeep: 0 } },
  start: {
    nodes: [
      { type: "medium", mode: "hypervisor" },
      { type: "medium", mode: "container-host" },
    ],
    instances: [],
  },
  timings: timings(60, 20),
});

const deployVm = { type: "deploy", service: "web", runtime: "vm", node: 0 } as const;
const deployContainer = { type: "deploy", service: "web", runtime: "container", node: 1 } as const;

function newest(w: World): Instance {
  return w.instances[w.instances.length - 1]!;
}

describe("hand work", () => {
  it("a VM deployed by hand waits for the operator's minute, bound and reserved on its host, then boots", () => {
    const w = createWorld(sc, 1);
    send(w, deployVm);
    const vm = newest(w);
    expect(vm.state).toBe("backoff");
    expect(vm.cause).toBe("hand-setup");
    expect(vm.node).toBe(0);
    expect(w.nodes[0]!.allocCpu).toBeGreaterThan(0);
    const waited = until(w, () => vm.state === "booting", 200);
    expect(waited).toBe(59);
    expect(vm.cause).toBe("deployed");
  });

  it("queues jobs one after another: the third of three containers starts 60 s after the clicks", () => {
    const w = createWorld(sc, 1);
    send(w, deployContainer, deployContainer, deployContainer);
    const [a, b, c] = w.instances.slice(-3);
    expect([a!.wait, b!.wait, c!.wait]).toEqual([19, 39, 59]);
    expect(handsBusy(w)).toBe(59);
    until(w, () => c!.state !== "backoff", 200);
    expect(w.tick).toBe(60);
  });

  it("stopping a queued job gives its time back and moves the later jobs up", () => {
    const w = createWorld(sc, 1);
    send(w, deployContainer, deployContainer, deployContainer);
    const [, b, c] = w.instances.slice(-3);
    send(w, { type: "stop", instance: b!.id });
    // c waited 58 more ticks; it moves up by b's 20 s.
    expect(c!.wait).toBe(38);
    expect(handsBusy(w)).toBe(38);
  });

  it("refuses to restart a VM still being set up, with a sentence that says when it starts", () => {
    const w = createWorld(sc, 1);
    send(w, deployVm);
    const r = send(w, { type: "restart", instance: newest(w).id });
    expect(r.results[0]).toMatchObject({ ok: false, code: "bad-state" });
    expect(!r.results[0]!.ok && r.results[0]!.message).toMatch(/setting it up by hand; it starts in \d+ s/);
  });

  it("a Deployment's pods need nobody's time: with Kubernetes, a container deployed is a pod started at once", () => {
    const w = createWorld(sc, 1);
    send(w, { type: "buy-upgrade", upgrade: "kubernetes" });
    send(w, deployContainer);
    const pod = newest(w);
    expect(pod.managed).toBe(true);
    expect(pod.state === "pulling" || pod.state === "booting").toBe(true);
    expect(handsBusy(w)).toBe(0);
  });

  it("containers still queued for the operator start at once as pods when Kubernetes is bought, and the operator's time comes back", () => {
    const w = createWorld(sc, 1);
    send(w, deployVm, deployContainer, deployContainer);
    expect(handsBusy(w)).toBe(99);
    const [vm, a, b] = w.instances.slice(-3);
    send(w, { type: "buy-upgrade", upgrade: "kubernetes" });
    for (const pod of [a!, b!]) {
      expect(pod.managed).toBe(true);
      expect(pod.state === "pulling" || pod.state === "booting").toBe(true);
    }
    // The VM's job is still the operator's: only the containers' 40 s came back.
    expect(vm!.state).toBe("backoff");
    expect(handsBusy(w)).toBe(58);
  });

  it("a host failure cancels the jobs queued for it; VM HA restarts a VM it protects without the operator", () => {
    const w = createWorld(scenario({ ...sc, timings: timings(60, 20) }), 1);
    send(w, { type: "buy-upgrade", upgrade: "vm-ha" }, { type: "buy-node", nodeType: "medium", mode: "hypervisor" });
    until(w, () => w.nodes[2]!.state === "ready", 200);
    send(w, deployVm, deployVm);
    expect(handsBusy(w)).toBe(119);
    const vms = w.instances.slice(-2);
    step(w, [{ type: "inject", incident: "node-failure", target: "any", size: 0 }]);
    // Both queued VMs were on host 0 (the only busy one): protected by HA, they are lost,
    // not waiting for the operator, and the operator's queue is empty again.
    expect(vms.every((v) => v.state === "lost")).toBe(true);
    expect(handsBusy(w)).toBe(0);
    until(w, () => vms.every((v) => v.state === "running"), 200);
    expect(vms.every((v) => v.node === 2)).toBe(true);
  });

  it("is instant where a scenario sets no hand time (levels before automation)", () => {
    const w = createWorld(scenario({ ...sc, timings: timings(0, 0) }), 1);
    send(w, deployVm);
    expect(newest(w).state).toBe("booting");
  });

  it("the scenario file may leave the hand times out (0), and refuses bad ones with the field's path", () => {
    const base = JSON.parse(JSON.stringify(getScenario("campaign-6-self-healing"))) as Record<string, unknown> & {
      timings: Record<string, unknown>;
    };
    const { handVm: _v, handContainer: _c, ...old } = base.timings;
    const parsed = parseScenario({ ...base, timings: old });
    expect(parsed.ok && parsed.value.timings.handVm).toBe(0);
    for (const bad of [-1, 1.5, "60", 99999]) {
      const r = parseScenario({ ...base, timings: { ...base.timings, handVm: bad } });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toMatch(/timings\.handVm/);
    }
  });
});

describe("an instructor's spike at its default size", () => {
  it.each([
    ["campaign-6-self-healing", 150, "VMs grow only by hand there: ×1.5, which a minute a VM can meet"],
    ["campaign-7-kubernetes", 300, "with Kubernetes on offer: ×3"],
    ["campaign-5-spike", 300, "where hand work is instant: ×3"],
  ])("%s: %i % (%s)", (id, peak) => {
    const w = createWorld(getScenario(id)!, 1);
    const r = send(w, { type: "inject", incident: "spike", target: "any", size: 0 });
    expect(r.events.find((e) => e.type === "spike-announced")).toBeDefined();
    expect(w.spikes.at(-1)?.peak).toBe(peak);
    // An instructor who asks for a size gets it.
    send(w, { type: "inject", incident: "spike", target: "any", size: 300 });
    expect(w.spikes.at(-1)?.peak).toBe(300);
  });
});

describe("a queued instance, as the player sees it", () => {
  it("says where a queued instance stands: the set-ups before it, then its own", () => {
    const w = createWorld(sc, 1);
    send(w, deployVm, deployVm);
    const [a, b] = w.instances.slice(-2);
    expect(handQueueWords(w.scenario, a!)).toBe("you are setting it up now; it starts in 59 s");
    expect(handQueueWords(w.scenario, b!)).toBe(
      "starts in 119 s: your set-ups queued before it take 59 s, then its own 60 s",
    );
    until(w, () => a!.state !== "backoff", 200);
    expect(handQueueWords(w.scenario, a!)).toBeNull();
  });

  it("a VM waiting for the operator shows no memory in use until it boots", () => {
    const w = createWorld(sc, 1);
    send(w, deployVm);
    const vm = newest(w);
    expect(viewOf(w).instances.find((i) => i.id === vm.id)!.memUsed).toBe(0);
    until(w, () => vm.state === "booting", 200);
    expect(viewOf(w).instances.find((i) => i.id === vm.id)!.memUsed).toBeGreaterThan(0);
  });
});

describe("the debrief's account of hand work", () => {
  it("counts the machines set up by hand and the operator's seconds, less what was cancelled", () => {
    const w = createWorld(sc, 1);
    send(w, deployVm, deployContainer, deployContainer);
    send(w, { type: "stop", instance: newest(w).id });
    for (let k = 0; k < 200; k++) step(w, []);
    const d = debrief(w);
    expect(d.handJobs).toBe(2);
    expect(d.handSeconds).toBe(80);
    // The test scenario offers Kubernetes and VM HA; the sentence names only those.
    expect(handSentence(sc, d.handJobs, d.handSeconds)).toBe(
      "You set up 2 machines by hand: 1 min 20 s of your own time, one after another. A Deployment's ReplicaSet and VM HA need nobody's time.",
    );
  });

  it("the line above the services says what a hand deploy costs where containers can run; its hint names the automation on offer", () => {
    const l6 = createWorld(getScenario("campaign-6-self-healing")!, 1);
    expect(handWorkLine(l6)).toBe("Your hands are free. By hand: a VM 60 s of your time each, one after another.");
    expect(handWorkHint(l6.scenario)).toBe(
      "What you deploy by hand waits for you to set it up, one job after another. VM HA needs nobody's time.",
    );
    const r = send(l6, { type: "deploy", service: "storefront", runtime: "vm", node: 3 });
    expect(r.results[0]?.ok).toBe(true);
    expect(handWorkLine(l6)).toBe("Your hands: 59 s of set-up queued (a VM 60 s each).");
    const l8 = createWorld(getScenario("campaign-8-chaos")!, 1);
    expect(handWorkLine(l8)).toBe(
      "Your hands are free. By hand: a VM 60 s, a container 20 s of your time each, one after another.",
    );
    expect(handWorkHint(l8.scenario)).toMatch(
      /A Deployment's ReplicaSet, the autoscalers and VM HA need nobody's time\.$/,
    );
    expect(handWorkLine(createWorld(getScenario("campaign-5-spike")!, 1))).toBeNull();
  });
});
