/**
 * Questions the UI and bots ask without re-deriving rules: may this instance go on this
 * node (and why not), and how few nodes could hold what runs now.
 */
import { HOST_MODE_SPECS, KUBELET_MAX_PODS, type HostMode, type NodeType } from "../model/constants.ts";
import type { Node, Runtime, World } from "../model/model.ts";
import { refuse, type Refusal } from "../model/result.ts";
import { allocatable, instanceCpu, instanceMem, reservedCpu, reservedMem } from "./resources.ts";
import { isActive } from "./instances.ts";

export function serviceIndex(w: World, id: string): number {
  return w.scenario.services.findIndex((s) => s.id === id);
}

/** Why a node cannot take an instance right now, or null if it can. */
export function nodeRefusal(
  w: World,
  node: Node | undefined,
  runtime: Runtime,
  cpu: number,
  mem: number,
): Refusal | null {
  if (!node || node.state === "gone") return refuse("unknown-node", "There is no such node.");
  if (node.state === "provisioning")
    return refuse("node-not-ready", `Node ${node.id} is still being provisioned (ready in ${node.wait} s).`);
  if (node.state === "failed")
    return refuse(
      "node-not-ready",
      node.rebooting
        ? `Node ${node.id} is rebooting after a kernel panic (${node.wait} s).`
        : `Node ${node.id} has failed and is being repaired.`,
    );
  if (node.state === "cordoned")
    return refuse("node-not-ready", `Node ${node.id} is cordoned: uncordon it to place work on it.`);
  if (node.state === "draining") return refuse("node-not-ready", `Node ${node.id} is draining.`);
  const runs = HOST_MODE_SPECS[node.mode].runs;
  if (runs !== runtime) {
    return runtime === "vm"
      ? refuse("wrong-host-mode", `Node ${node.id} is a container host: it has no hypervisor, so it cannot run VMs.`)
      : refuse(
          "wrong-host-mode",
          `Node ${node.id} is a ${node.mode === "hypervisor" ? "Type 1" : "Type 2"} hypervisor host: it runs VMs, not containers.`,
        );
  }
  const freeCpu = node.cpu - node.allocCpu;
  const freeMem = node.mem - node.allocMem;
  const extra = runtime === "vm" ? " (including its guest OS)" : "";
  if (freeCpu < cpu)
    return refuse("insufficient-cpu", `Needs ${cpu} m CPU${extra}; node ${node.id} has ${freeCpu} m free.`);
  if (freeMem < mem)
    return refuse("insufficient-memory", `Needs ${mem} MiB memory${extra}; node ${node.id} has ${freeMem} MiB free.`);
  if (runtime === "container" && w.upgrades.kubernetes && node.pods >= KUBELET_MAX_PODS) {
    return refuse(
      "too-many",
      `Node ${node.id} already runs ${KUBELET_MAX_PODS} pods, the most a kubelet takes; place it on another node.`,
    );
  }
  return null;
}

/** May a new instance of this service run as this runtime on this node? */
export function canPlace(w: World, serviceId: string, runtime: Runtime, nodeId: number): Refusal | null {
  const s = serviceIndex(w, serviceId);
  if (s < 0) return refuse("unknown-service", `There is no service "${serviceId}" in this scenario.`);
  const spec = w.scenario.services[s]!;
  if (spec.runtime === "vm-only" && runtime === "container")
    return refuse("runtime-not-allowed", `${spec.name} must run as a VM: ${spec.why}`);
  if (spec.runtime === "container-only" && runtime === "vm")
    return refuse("runtime-not-allowed", `${spec.name} only ships as a container image: ${spec.why}`);
  const dep = w.services[s]!.deployment;
  const reqCpu = runtime === "container" && dep ? dep.reqCpu : spec.cpu;
  const reqMem = runtime === "container" && dep ? dep.reqMem : spec.mem;
  return nodeRefusal(w, w.nodes[nodeId], runtime, reservedCpu(runtime, reqCpu), reservedMem(runtime, reqMem));
}

/** Fewest nodes of this size that could hold these reservations (ignoring fragmentation). */
export function lowerBound(totalCpu: number, totalMem: number, type: NodeType, mode: HostMode): number {
  const a = allocatable(type, mode);
  return Math.max(Math.ceil(totalCpu / a.cpu), Math.ceil(totalMem / a.mem), 0);
}

/**
 * Lower bound of nodes needed for what runs now: VMs and containers counted separately
 * (they need different host modes), each in the largest node shape the player runs for
 * them. Largest, so the bound never exceeds the nodes actually used (everything running
 * fits on those, and none of them holds more than the largest): packing stays ≤ 100 %.
 */
export function lowerBoundNodes(w: World): number {
  let total = 0;
  for (const runtime of ["vm", "container"] as const) {
    let cpu = 0;
    let mem = 0;
    for (const i of w.instances) {
      if (i.runtime === runtime && isActive(i) && i.state !== "pending") {
        cpu += instanceCpu(i);
        mem += instanceMem(i);
      }
    }
    if (cpu === 0 && mem === 0) continue;
    const { type, mode } = largestNode(w, runtime);
    total += lowerBound(cpu, mem, type, mode);
  }
  return total;
}

function largestNode(w: World, runtime: Runtime): { type: NodeType; mode: HostMode } {
  let best: { type: NodeType; mode: HostMode } | null = null;
  let bestCpu = -1;
  for (const n of w.nodes) {
    if (n.state === "gone" || n.state === "provisioning" || HOST_MODE_SPECS[n.mode].runs !== runtime) continue;
    const cpu = allocatable(n.type, n.mode).cpu;
    if (cpu > bestCpu) {
      bestCpu = cpu;
      best = { type: n.type, mode: n.mode };
    }
  }
  return best ?? { type: w.scenario.nodeTypes[0] ?? "small", mode: runtime === "vm" ? "hypervisor" : "container-host" };
}

/** Nodes that exist and could run work (not provisioning, failed or gone). */
export function usedNodes(w: World): number {
  let k = 0;
  for (const n of w.nodes) if (n.state !== "gone" && n.state !== "provisioning") k++;
  return k;
}
