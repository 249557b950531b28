/**
 * Memory on a node: what happens when it runs short (what an app really uses is appMemory.ts).
 *
 * An app's memory use does not follow its request: it has an idle part and a working set
 * that grows with the requests it serves (its service's nominal memory at its nominal
 * capacity, more when it bursts past it), plus whatever it has leaked. A request is only
 * what the scheduler reserved for it. So a node whose requests fit can still run out of
 * memory, when pods use more than they asked for; that is memory overcommit.
 *
 * Who pays when a node runs short (kubernetes.io/docs/concepts/scheduling-eviction/
 * node-pressure-eviction/):
 *  - a container over its own memory limit is OOM-killed by its cgroup, alone (step.ts);
 *  - with Kubernetes, the kubelet checks every 10 s whether less than 100 MiB is left; if so
 *    it sets the MemoryPressure condition and evicts one pod, ranked as qos.ts says (pods
 *    over their request first, Guaranteed pods practically never);
 *  - if memory runs out between two checks, or there is no kubelet at all, the kernel's OOM
 *    killer ends the container with the highest badness (qos.ts: its share of the machine's
 *    memory plus its oom_score_adj).
 * Memory in a VM is the hypervisor's fixed reservation: a VM never presses on its host.
 */
import {
  EVICTION_HARD_MEM,
  EVICTION_MONITOR_TICKS,
  NODE_CATALOG,
  PRESSURE_TRANSITION_TICKS,
} from "../model/constants.ts";
import type { EventLog } from "../model/events.ts";
import type { Instance, Node, World } from "../model/model.ts";
import { evictionVictim, oomVictim } from "./qos.ts";
import { terminate } from "./instances.ts";
import { crashInstance } from "./failures.ts";
import { openIncident, runningNow } from "./incidents.ts";
import { holdsMemory } from "./appMemory.ts";

/**
 * After the instances' timers: each container host whose containers use more memory than
 * it has loses containers to the kernel's OOM killer; with Kubernetes, the kubelet's
 * eviction check runs every 10 s. `node.usedMem` holds this tick's use on entry.
 */
export function nodeMemory(w: World, log: EventLog): void {
  const t = log.tick;
  const kubelet = w.upgrades.kubernetes;
  const check = t % EVICTION_MONITOR_TICKS === 0;
  for (const n of w.nodes) {
    if (n.mode !== "container-host" || n.state === "failed" || n.state === "gone" || n.state === "provisioning")
      continue;
    if (n.usedMem > n.mem) oomKills(w, log, n);
    if (!kubelet || n.mem - n.usedMem >= EVICTION_HARD_MEM) continue;
    n.pressureUntil = t + PRESSURE_TRANSITION_TICKS;
    if (check) evictOne(w, log, n);
  }
}

function containersHoldingMemory(w: World, n: Node): Instance[] {
  const out: Instance[] = [];
  for (const i of w.instances) if (i.node === n.id && i.runtime === "container" && holdsMemory(i)) out.push(i);
  return out;
}

/** The kernel frees memory by killing containers, highest badness first, until the node fits. */
function oomKills(w: World, log: EventLog, n: Node): void {
  const list = containersHoldingMemory(w, n);
  const capacity = NODE_CATALOG[n.type].mem;
  while (n.usedMem > n.mem && list.length > 0) {
    const v = oomVictim(list, capacity)!;
    list.splice(list.indexOf(v), 1);
    n.usedMem -= v.memUsed;
    crashInstance(w, log, v, "oom-node", v.memUsed);
  }
}

/** One kubelet eviction: the pod ranked first is failed and its ReplicaSet replaces it. */
function evictOne(w: World, log: EventLog, n: Node): void {
  const v = evictionVictim(containersHoldingMemory(w, n));
  if (!v) return;
  n.usedMem -= v.memUsed;
  v.incident = openIncident(w, log, "eviction", v.service, n.id, 1, runningNow(w, v.service));
  terminate(w, log, v, "memory-pressure");
}
