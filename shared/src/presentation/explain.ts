/**
 * Events in words. One home for the sentences a player reads when something happens
 * ("OOM-killed: over its 512 MiB limit"), used by the client's flashes and log, the
 * server's reports and the CLI. Sentences are short and say the cause first.
 */
import { payloadOf, type GameEvent } from "../model/events.ts";
import type { Scenario } from "../model/scenario.ts";
import { INCIDENT_PREVENTION, type IncidentKindAll } from "../datacenter/incidents.ts";
import { appRelease, TEMPLATE_STEP } from "../datacenter/releases.ts";

const STATE_WORDS: Readonly<Record<string, string>> = {
  pending: "is waiting for a node",
  pulling: "is pulling its image",
  booting: "is starting",
  running: "is running",
  crashed: "crashed",
  backoff: "is in CrashLoopBackOff",
  migrating: "is live-migrating",
  lost: "is unreachable (its node died)",
  terminating: "is shutting down",
  gone: "is gone",
};

/** Upgrades by the names the shop shows. */
const UPGRADE_NAMES: Readonly<Record<string, string>> = {
  "vm-ha": "VM HA",
  kubernetes: "the Kubernetes control plane",
  autoscaler: "the Horizontal Pod Autoscaler",
  "cluster-autoscaler": "the cluster autoscaler",
};

function svcName(sc: Scenario, s: number): string {
  return s >= 0 ? (sc.services[s]?.name ?? `service ${s}`) : "every service";
}

function instanceState(sc: Scenario, e: GameEvent): string {
  const who = `${svcName(sc, e.service)} #${e.instance}`;
  const { figure } = payloadOf("instance-state", e);
  // A back-off keeps the cause of the crash, but its figure is then its wait: say that, not the crash again.
  if (e.state === "backoff" && e.cause !== "on-call" && e.cause !== "hand-setup")
    return `${who} will be restarted by Kubernetes in ${figure} s (CrashLoopBackOff).`;
  switch (e.cause) {
    case "oom":
      return `${who} OOM-killed: over its ${figure} MiB memory limit.`;
    case "oom-node":
      return `${who} OOM-killed: node ${e.node} ran out of memory and the kernel ended the container with the highest OOM score (${figure} MiB in use; BestEffort pods go first, Guaranteed last).`;
    case "memory-pressure":
      return `${who} evicted by the kubelet: node ${e.node} is short of memory. Pods using more memory than they requested go first; its Deployment replaces it.`;
    case "overload":
      return `${who} crashed from overload: ${figure} req/s hit it for 20 s straight.`;
    case "crash":
      return `${who} crashed: the process died.`;
    case "kernel":
      return `${who} died in a kernel panic on node ${e.node}: containers share their host's kernel.`;
    case "node-failed":
      return e.state === "lost"
        ? `${who} is unreachable: node ${e.node} failed.`
        : `${who} stopped: node ${e.node} failed.`;
    case "image-pull":
      return e.state === "pulling"
        ? `${who} is pulling its image onto node ${e.node} (${figure} s).`
        : `${who} has its image; starting.`;
    case "image-cached":
      return `${who} starts at once: its image is already cached on node ${e.node}.`;
    case "booted":
      return `${who} finished booting its guest OS and is serving.`;
    case "started":
      return `${who} is serving.`;
    case "restart-backoff":
      return `${who} is being restarted by Kubernetes after its back-off.`;
    case "restart-kubelet":
      return `${who} is being restarted by the kubelet at once; if it dies again within 10 minutes, it waits 10 s, then 20, 40 … (CrashLoopBackOff).`;
    case "restart-vm-ha":
      return `${who} is being restarted by VM HA (its guest stopped answering).`;
    case "rescheduled-vm-ha":
      return `${who} is being restarted by VM HA on node ${e.node}.`;
    case "restart-player":
      return `${who} restarted by you.`;
    case "on-call":
      return `${who}: paged the on-call engineer, who restarts it in ${figure} s (and bills the night).`;
    case "hand-setup":
      return `${who} is queued for your hands on node ${e.node}: it starts in ${figure} s (you set up one machine at a time).`;
    case "migrate":
      return `${who} is live-migrating to node ${figure}: it keeps serving while its memory is copied.`;
    case "migrated":
      return `${who} finished migrating to node ${e.node}.`;
    case "evicted":
      return `${who} evicted from node ${e.node}.`;
    case "drained":
      return `${who} stopped: node ${e.node} is being drained.`;
    case "scaled-down":
      return `${who} removed: fewer replicas wanted.`;
    case "rollout":
      return `${who} replaced by the rolling update.`;
    case "stopped":
      return `${who} stopped by you.`;
    case "repaired":
      return `${who} is starting again on repaired node ${e.node}.`;
    default:
      return `${who} ${STATE_WORDS[e.state] ?? e.state}.`;
  }
}

export function explainEvent(sc: Scenario, e: GameEvent): string {
  switch (e.type) {
    case "node-bought":
      return `Node ${e.node} bought as a ${e.state} host; ready in ${payloadOf("node-bought", e).readyIn} s.`;
    case "node-ready":
      return `Node ${e.node} is ready.`;
    case "node-failed":
      return `Node ${e.node} failed (hardware). Repair takes a while.`;
    case "node-not-ready":
      return `Kubernetes marked node ${e.node} NotReady; its pods will be evicted in ${sc.timings.evictAfter} s.`;
    case "node-repaired":
      return e.cause === "rebooted"
        ? `Node ${e.node} has rebooted and is back.`
        : `Node ${e.node} is repaired and back.`;
    case "data-breach":
      return `Data breach on node ${e.node}: ${svcName(sc, e.service)} shared a kernel with other tenants' code when it was compromised. Fines and reissued cards: ¢${payloadOf("data-breach", e).fine}.`;
    case "node-rebooting":
      return `Node ${e.node} panicked and is rebooting (${payloadOf("node-rebooting", e).seconds} s): every container on it died with its kernel.`;
    case "node-cordoned":
      return `Node ${e.node} cordoned: nothing new will be placed on it.`;
    case "node-uncordoned":
      return `Node ${e.node} uncordoned.`;
    case "node-draining":
      return `Node ${e.node} is draining: its work moves away, then it is removed.`;
    case "node-removed":
      return `Node ${e.node} removed; it no longer costs anything.`;
    case "drain-blocked":
      return `Draining node ${e.node} waits: a PodDisruptionBudget keeps enough replicas up.`;
    case "instance-created":
      return `${svcName(sc, e.service)} #${e.instance} created.`;
    case "instance-state":
      return instanceState(sc, e);
    case "instance-removed":
      return `${svcName(sc, e.service)} #${e.instance} is gone.`;
    case "unschedulable":
      return `${svcName(sc, e.service)} pod #${e.instance} is Pending: no node can take it (its reason says why).`;
    case "vm-ha-no-room": {
      const { cpu, mem } = payloadOf("vm-ha-no-room", e);
      return `VM HA cannot restart ${svcName(sc, e.service)} #${e.instance} from failed node ${e.node}: no Type 1 host has ${cpu} m CPU and ${mem} MiB free. Buy a Type 1 host or free room on one; VM HA keeps trying.`;
    }
    case "vm-ha-gave-up":
      return `VM HA gave up on ${svcName(sc, e.service)} #${e.instance}: VM Monitoring has reset it ${payloadOf("vm-ha-gave-up", e).resets} times, its limit. It stays down until you restart it (the on-call engineer), which clears the count.`;
    case "spike-announced": {
      const { at, peak } = payloadOf("spike-announced", e);
      return `Traffic spike ahead for ${svcName(sc, e.service)}: ×${(peak / 100).toFixed(1)} at ${clock(at)}.`;
    }
    case "spike-started":
      return `Traffic spike on ${svcName(sc, e.service)}: up to ×${(payloadOf("spike-started", e).peak / 100).toFixed(1)}.`;
    case "spike-ended":
      return `The spike on ${svcName(sc, e.service)} is over.`;
    case "dropping": {
      const { dropped, demand } = payloadOf("dropping", e);
      return `${svcName(sc, e.service)} is dropping requests: ${dropped} of ${demand} req/s.`;
    }
    case "registry-down":
      return `The image registry is down for ${payloadOf("registry-down", e).seconds} s: image pulls fail and back off; cached images still start.`;
    case "registry-up":
      return `The image registry is back; pulls resume when their back-off is over.`;
    case "pull-backoff":
      return `Node ${e.node} could not pull the image of ${svcName(sc, e.service)}: the registry is down. ImagePullBackOff: next try in ${payloadOf("pull-backoff", e).retryIn} s.`;
    case "noisy-start":
      if (e.state === "vm-shielded")
        return `A VM on node ${e.node} went wild with its CPU, but the hypervisor kept its neighbours safe.`;
      if (e.state === "limited")
        return `Noisy neighbour on node ${e.node}: ${svcName(sc, e.service)} #${e.instance} wants all the CPU, but its CPU limit caps it at ${payloadOf("noisy-start", e).limitCpu} m; its neighbours keep their requests.`;
      return `Noisy neighbour on node ${e.node}: ${svcName(sc, e.service)} #${e.instance} has no CPU limit and takes every spare millicore; its neighbours keep only what they requested.`;
    case "noisy-end":
      return `The noisy neighbour on node ${e.node} calmed down.`;
    case "upgrade-bought":
      return `Bought ${UPGRADE_NAMES[e.state] ?? e.state} for ¢${payloadOf("upgrade-bought", e).price}.`;
    case "replicas-changed": {
      const { from, to } = payloadOf("replicas-changed", e);
      return `${svcName(sc, e.service)}: desired replicas ${from} → ${to}.`;
    }
    case "hpa-scaled": {
      const { from, to } = payloadOf("hpa-scaled", e);
      return `Autoscaler: ${svcName(sc, e.service)} at ${e.state}% CPU, replicas ${from} → ${to}.`;
    }
    case "rollout-started": {
      const { release } = payloadOf("rollout-started", e);
      // A release number past TEMPLATE_STEP marks new pod settings, not a new app version.
      return release >= TEMPLATE_STEP
        ? `Rolling out new pod settings (requests and limits) for ${svcName(sc, e.service)} (v${appRelease(release)}).`
        : `Rolling out v${release} of ${svcName(sc, e.service)}.`;
    }
    case "rollout-done": {
      const { release } = payloadOf("rollout-done", e);
      return release >= TEMPLATE_STEP
        ? `${svcName(sc, e.service)} runs its new pod settings everywhere (v${appRelease(release)}).`
        : `v${release} of ${svcName(sc, e.service)} is fully rolled out.`;
    }
    case "ca-scale-up":
      return `Cluster autoscaler added node ${e.node} for ${payloadOf("ca-scale-up", e).pending} pending pod(s).`;
    case "ca-scale-down":
      return `Cluster autoscaler is removing under-used node ${e.node}.`;
    case "incident":
      return `Incident: ${incidentTitle(e.state as IncidentKindAll)}${e.service >= 0 ? ` on ${svcName(sc, e.service)}` : e.node >= 0 ? ` on node ${e.node}` : ""}.`;
    case "incident-resolved":
      // Which incident, and "you" for the player: "Incident resolved by player. ×6" said neither.
      return `Incident${e.service >= 0 ? ` on ${svcName(sc, e.service)}` : e.node >= 0 ? ` on node ${e.node}` : ""} resolved by ${e.state === "player" ? "you" : e.state}.`;
    case "money-negative":
      return `You are in the red. Sixty seconds below zero is bankruptcy: the bank bails you out, and your score pays for it.`;
    case "bailout": {
      const { loan, fee } = payloadOf("bailout", e);
      return `Bankrupt: the bank lent you ¢${loan} to play on. The loan and a ¢${fee} fee come off your score.`;
    }
    case "round-over":
      return `The round is over.`;
  }
}

export function incidentTitle(kind: IncidentKindAll): string {
  switch (kind) {
    case "crash":
      return "process crash";
    case "oom":
      return "out-of-memory kill";
    case "eviction":
      return "eviction under memory pressure";
    case "breach":
      return "data breach through a shared kernel";
    case "overload":
      return "overload crash";
    case "node-failure":
      return "node hardware failure";
    case "kernel-incident":
      return "kernel panic on a container host";
    case "registry-outage":
      return "image registry outage";
    case "noisy-neighbour":
      return "noisy neighbour";
    case "spike":
      return "traffic spike";
  }
}

export function incidentAdvice(kind: IncidentKindAll): string {
  return INCIDENT_PREVENTION[kind];
}

/** Simulated time as m:ss. */
export function clock(tick: number): string {
  const m = Math.floor(tick / 60);
  const s = tick % 60;
  return `${m}:${s < 10 ? "0" : ""}${s}`;
}
