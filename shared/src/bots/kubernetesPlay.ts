/**
 * The operator's Kubernetes play: memory limits for leaking pods, the HPA's floor (N+1
 * where hosts may fail, in steps as coarse as the style's floor band) or the replicas by hand, pods spread over hosts, and nodes for
 * pending pods (the cluster autoscaler's size, or bought by hand without it).
 */
import type { Command } from "../model/commands.ts";
import { BACKOFF_RESET_TICKS, NODE_CATALOG } from "../model/constants.ts";
import type { World } from "../model/model.ts";
import { allocatable } from "../datacenter/resources.ts";
import type { Style } from "./style.ts";
import { hostFailuresLikely, replicasNeeded, runtimeFor } from "./judgement.ts";

export function manageKubernetes(style: Style, w: World, out: Command[]): void {
  for (let s = 0; s < w.services.length; s++) {
    const dep = w.services[s]!.deployment;
    if (!dep || runtimeFor(style, w, s) !== "container") continue;
    const spec = w.scenario.services[s]!;
    // Leaking apps get a memory limit so an OOM kill takes only the leaking pod, high
    // enough that a pod runs over 10 minutes between kills: the kubelet then restarts it
    // at once every time instead of backing off for longer and longer (CrashLoopBackOff).
    const leak = Math.max(0, ...spec.releases.map((r) => r.leakMiB));
    // Room for its working set when it bursts (140 % of its nominal memory at twice its
    // nominal load) plus the leak of those 10 minutes.
    const limMem = Math.max(Math.ceil(dep.reqMem * 1.5), Math.ceil(spec.mem * 1.4) + leak * (BACKOFF_RESET_TICKS + 60));
    if (style.fixes && leak > 0 && dep.limMem < limMem) {
      out.push({
        type: "set-resources",
        service: spec.id,
        reqCpu: dep.reqCpu,
        reqMem: dep.reqMem,
        limCpu: dep.reqCpu * 2,
        limMem,
      });
    }
    // N+1: where a host may die, enough pods that the others carry the load without it
    // (the HPA cannot help then: it does not count pods it cannot measure).
    const hosts = w.nodes.filter((n) => n.mode === "container-host" && n.state === "ready").length;
    const need = Math.max(1, replicasNeeded(style, w, s, "container", "container-host", 90));
    const floor = hostFailuresLikely(style, w) && hosts >= 2 ? Math.ceil((need * hosts) / (hosts - 1)) : need;
    if (w.upgrades.autoscaler) {
      const max = Math.max(floor * 3, 10);
      // Raise the floor ahead of a peak; lower it only once the need has clearly fallen (a
      // quarter), so the floor is not re-set every few seconds as the curve moves. With a
      // floor band the HPA's own scale-up carries the ramp until the forecast outgrows the
      // floor by that share: the floor then moves in a few coarse steps, for the jumps the
      // HPA reaches too late (a spike, a steep ramp, the N+1 of a host failure).
      const raise = floor * 100 > dep.hpa.min * (100 + style.floorBand);
      const moved = raise || floor * 4 <= dep.hpa.min * 3;
      if (!dep.hpa.enabled || moved || dep.hpa.targetPct !== style.hpaTarget) {
        out.push({
          type: "set-autoscaler",
          service: spec.id,
          enabled: true,
          min: floor,
          max,
          targetPct: style.hpaTarget,
        });
      }
    } else {
      const want = Math.max(1, replicasNeeded(style, w, s, "container", "container-host", style.planUtil));
      if (dep.replicas !== want) out.push({ type: "set-replicas", service: spec.id, replicas: want });
    }
  }
  spreadPods(style, w, out);
  if (w.upgrades["cluster-autoscaler"]) {
    const shape = bestContainerHost(w);
    if (!w.autoscaler.enabled || w.autoscaler.nodeType !== shape) {
      out.push({ type: "set-cluster-autoscaler", enabled: true, nodeType: shape, maxNodes: 200 });
    }
  } else {
    // No cluster autoscaler: buy enough container hosts for the pods waiting for room.
    let cpu = 0;
    let mem = 0;
    for (const i of w.instances) {
      if (i.state === "pending") {
        cpu += i.reqCpu;
        mem += i.reqMem;
      }
    }
    const type = bestContainerHost(w);
    const a = allocatable(type, "container-host");
    let coming = 0;
    for (const n of w.nodes) if (n.state === "provisioning" && n.mode === "container-host") coming++;
    const need = Math.max(Math.ceil(cpu / a.cpu), Math.ceil(mem / a.mem)) - coming;
    for (let k = 0; k < need; k++) out.push({ type: "buy-node", nodeType: type, mode: "container-host" });
  }
}

/**
 * Never keep too many eggs in one basket: where hosts can fail, run at least two container
 * hosts, and when one node holds more than its fair share of a service's running pods (as
 * after nodes were added), delete one there so the ReplicaSet recreates it and the
 * scheduler, which spreads a Deployment, puts it on an emptier node — what the descheduler
 * does in a real cluster.
 */
function spreadPods(style: Style, w: World, out: Command[]): void {
  if (!hostFailuresLikely(style, w)) return;
  // Once a minute is enough for a descheduler: each stop restarts a pod elsewhere.
  if (w.tick % 60 !== 0) return;
  const hosts = w.nodes.filter(
    (n) => n.mode === "container-host" && (n.state === "ready" || n.state === "provisioning"),
  );
  if (hosts.length < 2) {
    out.push({ type: "buy-node", nodeType: bestContainerHost(w), mode: "container-host" });
    return;
  }
  if (hosts.filter((n) => n.state === "ready").length < 2) return;
  for (let s = 0; s < w.services.length; s++) {
    if (!w.services[s]!.deployment) continue;
    const running = w.instances.filter((i) => i.service === s && i.managed && i.state === "running");
    if (running.length < 2) continue;
    const busy = w.instances.some(
      (i) => i.service === s && i.managed && (i.state === "pending" || i.state === "pulling" || i.state === "booting"),
    );
    if (busy) continue;
    const ready = hosts.filter((n) => n.state === "ready").length;
    const fair = Math.ceil(running.length / ready) + 1;
    const perNode = new Map<number, number>();
    for (const i of running) perNode.set(i.node, (perNode.get(i.node) ?? 0) + 1);
    for (const [node, count] of perNode) {
      if (count <= fair) continue;
      const onIt = running.filter((i) => i.node === node);
      out.push({ type: "stop", instance: onIt[onIt.length - 1]!.id });
      break;
    }
  }
}

/** The container-host size with the most allocatable CPU per credit. */
export function bestContainerHost(w: World): (typeof w.scenario.nodeTypes)[number] {
  let best = w.scenario.nodeTypes[0]!;
  let bestValue = -1;
  const totalCpu = w.scenario.services.reduce((a, s) => a + s.cpu, 0);
  for (const t of w.scenario.nodeTypes) {
    const a = allocatable(t, "container-host");
    // Large nodes only pay off when the cluster is big enough to fill them.
    const value = Math.min(a.cpu, totalCpu * 8) / NODE_CATALOG[t].cost;
    if (value > bestValue) {
      bestValue = value;
      best = t;
    }
  }
  return best;
}
