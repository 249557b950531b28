/**
 * The rules of each command: whether a well-formed command is allowed now, and what it
 * does. One handler per command type; a handler either refuses (and has changed nothing)
 * or applies the whole command. `step` calls `applyCommand` for each queued command
 * before the tick advances.
 */
import { MAX_INSTANCES, MAX_NODES, NODE_CATALOG, ONCALL_FEE, ONCALL_RESPONSE_TICKS } from "../model/constants.ts";
import type { Command } from "../model/commands.ts";
import { EventLog, type GameEvent } from "../model/events.ts";
import type { Instance, World } from "../model/model.ts";
import { refuse, type Refusal } from "../model/result.ts";
import {
  beginStart,
  createInstance,
  findInstance,
  isActive,
  setState,
  stopWork,
  terminate,
} from "../datacenter/instances.ts";
import { canPlace, nodeRefusal, serviceIndex } from "../datacenter/queries.ts";
import { migrationTarget, removeNodeNow, setNodeState, startMigration } from "../datacenter/nodes.ts";
import { newNode } from "../datacenter/world.ts";
import { adoptContainers, newPod } from "../kubernetes/deployment.ts";
import { appRelease, TEMPLATE_STEP } from "../datacenter/releases.ts";
import { applyIncident } from "../datacenter/failures.ts";
import { beginHandJob, isHandSetup } from "../datacenter/handWork.ts";
import { defaultResources, instanceCpu, instanceMem } from "../datacenter/resources.ts";

export type CommandResult = { readonly ok: true } | Refusal;
const OK: CommandResult = { ok: true };

type Handler<C extends Command> = (w: World, log: EventLog, c: C) => CommandResult;
type Handlers = { [K in Command["type"]]: Handler<Extract<Command, { type: K }>> };

function service(w: World, id: string): number | Refusal {
  const s = serviceIndex(w, id);
  return s < 0 ? refuse("unknown-service", `There is no service "${id}" in this scenario.`) : s;
}

function instance(w: World, id: number): Instance | Refusal {
  const i = findInstance(w, id);
  return i && isActive(i) ? i : refuse("unknown-instance", `There is no instance ${id}.`);
}

function needsKubernetes(w: World): Refusal | null {
  return w.upgrades.kubernetes
    ? null
    : refuse("needs-upgrade", "This needs the Kubernetes control plane (buy it in the upgrade shop).");
}

function deploymentOf(w: World, id: string) {
  const k = needsKubernetes(w);
  if (k) return k;
  const s = service(w, id);
  if (typeof s !== "number") return s;
  const dep = w.services[s]!.deployment;
  if (!dep)
    return refuse("not-managed", `${w.scenario.services[s]!.name} runs only as VMs, so Kubernetes does not manage it.`);
  return { s, dep };
}

const HANDLERS: Handlers = {
  "buy-node"(w, log, c) {
    if (!w.scenario.nodeTypes.includes(c.nodeType))
      return refuse("not-in-catalog", `This scenario does not sell ${c.nodeType} nodes.`);
    if (!w.scenario.hostModes.includes(c.mode))
      return refuse("not-in-catalog", `This scenario does not offer the ${c.mode} host mode.`);
    if (w.nodes.length >= MAX_NODES) return refuse("too-many", `A cluster may hold at most ${MAX_NODES} nodes.`);
    if (w.money < NODE_CATALOG[c.nodeType].cost)
      return refuse("insufficient-money", "Not enough money to run another node.");
    const n = newNode(w.nodes.length, c.nodeType, c.mode, w.tick, w.scenario.timings.nodeProvision);
    w.nodes.push(n);
    log.push("node-bought", "bought", { node: n.id, state: c.mode, readyIn: n.wait });
    return OK;
  },
  "remove-node"(w, log, c) {
    const n = w.nodes[c.node];
    if (!n || n.state === "gone") return refuse("unknown-node", `There is no node ${c.node}.`);
    if (n.state === "draining") return refuse("bad-state", `Node ${n.id} is already draining.`);
    if (n.state === "provisioning" || n.state === "failed") {
      removeNodeNow(w, log, n);
      return OK;
    }
    setNodeState(log, n, "draining", 0);
    log.push("node-draining", "remove", { node: n.id });
    return OK;
  },
  cordon(w, log, c) {
    const n = w.nodes[c.node];
    if (!n || n.state === "gone") return refuse("unknown-node", `There is no node ${c.node}.`);
    if (n.state !== "ready")
      return refuse("bad-state", `Only a ready node can be cordoned; node ${n.id} is ${n.state}.`);
    setNodeState(log, n, "cordoned", 0);
    log.push("node-cordoned", "cordon", { node: n.id });
    return OK;
  },
  uncordon(w, log, c) {
    const n = w.nodes[c.node];
    if (!n || n.state === "gone") return refuse("unknown-node", `There is no node ${c.node}.`);
    if (n.state !== "cordoned") return refuse("bad-state", `Node ${n.id} is not cordoned.`);
    setNodeState(log, n, "ready", 0);
    log.push("node-uncordoned", "uncordon", { node: n.id });
    return OK;
  },
  deploy(w, log, c) {
    const why = canPlace(w, c.service, c.runtime, c.node);
    if (why) return why;
    if (w.instances.length >= MAX_INSTANCES)
      return refuse("too-many", `A cluster may hold at most ${MAX_INSTANCES} instances.`);
    const s = serviceIndex(w, c.service);
    const spec = w.scenario.services[s]!;
    const dep = w.services[s]!.deployment;
    if (c.runtime === "container" && dep && w.upgrades.kubernetes) {
      // With the control plane, a container is a pod of the Deployment: bound to the
      // chosen node (like spec.nodeName) and counted in the desired replicas.
      dep.replicas++;
      log.push("replicas-changed", "deployed", { service: s, from: dep.replicas - 1, to: dep.replicas });
      newPod(w, log, s, dep, c.node, "deployed");
      return OK;
    }
    createInstance(w, log, {
      service: s,
      runtime: c.runtime,
      node: c.node,
      managed: false,
      release: w.services[s]!.release,
      ...defaultResources(spec, c.runtime),
      cause: "deployed",
      handWait: beginHandJob(w, c.runtime),
    });
    return OK;
  },
  stop(w, log, c) {
    const i = instance(w, c.instance);
    if ("ok" in i) return i;
    if (i.state === "migrating") return refuse("bad-state", "Wait for the migration to finish.");
    // Stopping a pod deletes it; its ReplicaSet will make another unless replicas go down.
    terminate(w, log, i, "stopped");
    return OK;
  },
  restart(w, log, c) {
    const i = instance(w, c.instance);
    if ("ok" in i) return i;
    if (i.state !== "crashed" && i.state !== "backoff" && i.state !== "running") {
      return refuse(
        "bad-state",
        `Instance ${i.id} is ${i.state}; only a running, crashed or backing-off instance can be restarted.`,
      );
    }
    const node = w.nodes[i.node];
    if (!node || (node.state !== "ready" && node.state !== "cordoned"))
      return refuse(
        "node-not-ready",
        node?.rebooting
          ? `Node ${node.id} is rebooting after a kernel panic (${node.wait} s).`
          : "Its node is not ready.",
      );
    if (i.state === "backoff" && i.cause === "on-call")
      return refuse("bad-state", `The on-call engineer is already on it (${i.wait} s).`);
    if (isHandSetup(i)) return refuse("bad-state", `You are still setting it up by hand; it starts in ${i.wait} s.`);
    if (!i.managed) i.release = w.services[i.service]!.release;
    // Powering a VM off and on clears VM Monitoring's count of its resets.
    if (i.runtime === "vm") i.restarts = 0;
    stopWork(i);
    i.runningSince = -1;
    if (i.state === "running") {
      // A planned restart (a new release, say) is done at once.
      beginStart(w, log, i, "restart-player");
      return OK;
    }
    // Something died: fixing it by hand is a page to the on-call engineer.
    w.money -= ONCALL_FEE;
    w.stats.costs += ONCALL_FEE;
    w.stats.onCallPages++;
    w.stats.onCallCost += ONCALL_FEE;
    setState(log, i, "backoff", "on-call", ONCALL_RESPONSE_TICKS, ONCALL_RESPONSE_TICKS);
    return OK;
  },
  migrate(w, log, c) {
    const i = instance(w, c.instance);
    if ("ok" in i) return i;
    if (i.runtime !== "vm")
      return refuse("not-migratable", "Only VMs can be live-migrated; a container is replaced, not moved.");
    if (i.state !== "running")
      return refuse("not-migratable", `Instance ${i.id} is ${i.state}; only a running VM can be live-migrated.`);
    const from = w.nodes[i.node]!;
    const to = w.nodes[c.node];
    if (from.mode !== "hypervisor")
      return refuse(
        "not-migratable",
        "Live migration needs a Type 1 hypervisor on both hosts; this VM runs on a Type 2 host.",
      );
    if (!to || to.state === "gone") return refuse("unknown-node", `There is no node ${c.node}.`);
    if (to.id === from.id) return refuse("bad-field", "The VM is already on that node.");
    if (to.mode !== "hypervisor") return refuse("not-migratable", `Node ${to.id} is not a Type 1 hypervisor host.`);
    const why = nodeRefusal(w, to, "vm", instanceCpu(i), instanceMem(i));
    if (why) return why;
    startMigration(log, i, to);
    w.stats.migrations++;
    return OK;
  },
  "buy-upgrade"(w, log, c) {
    const offer = w.scenario.upgrades[c.upgrade];
    if (!offer) return refuse("not-offered", `The ${c.upgrade} upgrade is not offered in this scenario.`);
    if (w.upgrades[c.upgrade]) return refuse("already-owned", `You already own ${c.upgrade}.`);
    if ((c.upgrade === "autoscaler" || c.upgrade === "cluster-autoscaler") && !w.upgrades.kubernetes) {
      return refuse("needs-upgrade", "Autoscalers run on the Kubernetes control plane: buy that first.");
    }
    if (w.money < offer.price)
      return refuse("insufficient-money", `${c.upgrade} costs ${offer.price} credits; you have ${w.money}.`);
    w.money -= offer.price;
    w.stats.costs += offer.price;
    w.upgrades[c.upgrade] = true;
    if (c.upgrade === "kubernetes") adoptContainers(w, log);
    log.push("upgrade-bought", "", { state: c.upgrade, price: offer.price });
    return OK;
  },
  "set-replicas"(w, log, c) {
    const d = deploymentOf(w, c.service);
    if ("ok" in d) return d;
    if (d.dep.hpa.enabled)
      return refuse(
        "managed-by-kubernetes",
        "The autoscaler sets this deployment's replicas; turn it off to set them by hand.",
      );
    log.push("replicas-changed", "", { service: d.s, from: d.dep.replicas, to: c.replicas });
    d.dep.replicas = c.replicas;
    return OK;
  },
  "set-autoscaler"(w, _log, c) {
    const d = deploymentOf(w, c.service);
    if ("ok" in d) return d;
    if (!w.upgrades.autoscaler) return refuse("needs-upgrade", "This needs the autoscaler upgrade.");
    // Creating or deleting an HPA starts its history afresh; editing one keeps it (the
    // controller keys its recommendations by HPA). Replicas outside [min, max] are brought
    // in at its next sync.
    if (c.enabled !== d.dep.hpa.enabled) {
      d.dep.hpa.recs = [];
      d.dep.hpa.lastUtil = -1;
    }
    d.dep.hpa.enabled = c.enabled;
    d.dep.hpa.min = c.min;
    d.dep.hpa.max = c.max;
    d.dep.hpa.targetPct = c.targetPct;
    return OK;
  },
  "set-scheduler"(w, _log, c) {
    const k = needsKubernetes(w);
    if (k) return k;
    w.scheduler = c.strategy;
    return OK;
  },
  "set-resources"(w, _log, c) {
    const d = deploymentOf(w, c.service);
    if ("ok" in d) return d;
    // An unset request under a set limit defaults to the limit (as the API server does).
    d.dep.reqCpu = c.reqCpu === 0 ? c.limCpu : c.reqCpu;
    d.dep.reqMem = c.reqMem === 0 ? c.limMem : c.reqMem;
    d.dep.limCpu = c.limCpu;
    d.dep.limMem = c.limMem;
    // A changed pod template rolls out like a release: new pods get the new values.
    d.dep.release = nextTemplateRelease(d.dep.release);
    d.dep.rolling = true;
    return OK;
  },
  rollout(w, log, c) {
    const s = service(w, c.service);
    if (typeof s !== "number") return s;
    const spec = w.scenario.services[s]!;
    if (!spec.releases.some((r) => r.version === c.release)) {
      return refuse(
        "bad-field",
        `${spec.name} has no release ${c.release}; releases: ${spec.releases.map((r) => r.version).join(", ")}.`,
      );
    }
    const st = w.services[s]!;
    st.release = c.release;
    if (st.deployment && w.upgrades.kubernetes) {
      st.deployment.release = c.release;
      st.deployment.rolling = true;
    }
    log.push("rollout-started", "rollout", { service: s, release: c.release });
    return OK;
  },
  "set-pdb"(w, _log, c) {
    const d = deploymentOf(w, c.service);
    if ("ok" in d) return d;
    d.dep.pdbMin = c.minAvailable;
    return OK;
  },
  "set-cluster-autoscaler"(w, _log, c) {
    if (!w.upgrades["cluster-autoscaler"]) return refuse("needs-upgrade", "This needs the cluster-autoscaler upgrade.");
    if (!w.scenario.nodeTypes.includes(c.nodeType))
      return refuse("not-in-catalog", `This scenario does not sell ${c.nodeType} nodes.`);
    w.autoscaler.enabled = c.enabled;
    w.autoscaler.nodeType = c.nodeType;
    w.autoscaler.maxNodes = c.maxNodes;
    return OK;
  },
  inject(w, log, c) {
    if (c.target !== "any" && serviceIndex(w, c.target) < 0)
      return refuse("unknown-service", `There is no service "${c.target}" in this scenario.`);
    applyIncident(w, log, c.incident, c.target, c.size);
    return OK;
  },
};

/**
 * Template changes (requests/limits) reuse the release mechanism: the running release
 * number stays the app's version, so a new template is marked by a version offset the
 * debrief never shows. Real Deployments hash the pod template the same way.
 */
function nextTemplateRelease(current: number): number {
  return (Math.floor(current / TEMPLATE_STEP) + 1) * TEMPLATE_STEP + appRelease(current);
}

export function applyCommand(w: World, log: EventLog, c: Command): CommandResult {
  if (w.finished) return refuse("round-over", "The round is over.");
  const h = HANDLERS[c.type] as Handler<Command>;
  return h(w, log, c);
}

/**
 * Applies one command between ticks, as solo play does so that a refusal shows at once
 * (even while paused). Equivalent to passing it to the next `step`: it is applied at the
 * current tick, and instances it removed are dropped now, as `step` drops them at the end
 * of a tick.
 */
export function applyNow(w: World, c: Command): { readonly result: CommandResult; readonly events: GameEvent[] } {
  const log = new EventLog(w.tick);
  const result = applyCommand(w, log, c);
  if (log.gone > 0) w.instances = w.instances.filter((i) => i.state !== "gone");
  return { result, events: log.events };
}
