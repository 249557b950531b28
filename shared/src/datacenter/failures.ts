/**
 * Incidents that happen to a cluster: drawn from the scenario's seeded stream, scripted at
 * fixed ticks, or injected by an instructor. Each function here is one failure kind of
 * GAME.md; targets chosen "at random" come from the world's own stream, so an injection
 * lands on the same node in every replay.
 */
import type { EventLog } from "../model/events.ts";
import type { Instance, Node, World } from "../model/model.ts";
import type { IncidentKind } from "../model/scenario.ts";
import { chance, nextInt } from "../model/rng.ts";
import { crash } from "./instances.ts";
import { failNode, rebootNode } from "./nodes.ts";
import { KERNEL_REBOOT_TICKS } from "../model/constants.ts";
import { openIncident, resolveIncident, runningNow } from "./incidents.ts";

/** Default sizes when a script or an instructor gives 0. */
export const DEFAULT_SPIKE_PEAK = 300;
export const DEFAULT_OUTAGE_TICKS = 120;
export const DEFAULT_NOISY_TICKS = 120;
const INJECTED_SPIKE_RAMP = 30;
const INJECTED_SPIKE_HOLD = 180;
/**
 * An injected (or scripted) spike is announced this long before it starts, as a campaign
 * or a broadcast is: time to buy nodes (90 s) and boot VMs (45–60 s) before the ramp tops
 * out. A surprise spike of ×3 on every service would leave a VM-only cluster no move that
 * helps, and a lesson of "you lose" (docs/rules.md, Failures).
 */
export const INJECTED_SPIKE_ANNOUNCE = 120;

function pick<T>(w: World, list: readonly T[]): T | undefined {
  return list.length === 0 ? undefined : list[nextInt(w.rng, list.length)];
}

/** The seeded random failures of one tick, in a fixed order: nodes by id, then the registry. */
export function drawFailures(w: World, log: EventLog): void {
  const f = w.scenario.failures;
  if (f.nodeFailure > 0 || f.kernelIncident > 0 || f.noisyNeighbour > 0) {
    for (const n of w.nodes) {
      if (n.state !== "ready" && n.state !== "cordoned") continue;
      if (chance(w.rng, f.nodeFailure)) {
        failNode(w, log, n);
        continue;
      }
      if (n.mode === "container-host" && chance(w.rng, f.kernelIncident)) kernelIncident(w, log, n);
      if (chance(w.rng, f.noisyNeighbour)) noisyNeighbour(w, log, n, f.noisyNeighbourTicks);
    }
  }
  if (w.registryDownUntil < 0 && chance(w.rng, f.registryOutage)) registryOutage(w, log, f.registryOutageTicks);
}

/**
 * A kernel panic on a container host: every container there dies (they share the kernel),
 * and the host reboots; nothing runs on it until it is back.
 */
export function kernelIncident(w: World, log: EventLog, n: Node): void {
  const victims = w.instances.filter((i) => i.node === n.id && i.runtime === "container" && isUp(i));
  if (victims.length === 0) return;
  const want = runningNow(w, -1);
  const id = openIncident(w, log, "kernel-incident", -1, n.id, victims.length, want);
  w.stats.containersHitByKernel += victims.length;
  rebootNode(w, log, n, KERNEL_REBOOT_TICKS);
  breachCheck(w, log, n, victims);
  for (const v of victims) {
    v.incident = id;
    crash(w, log, v, "kernel");
  }
}

/**
 * A compromised kernel exposes every container on it: where a sensitive service's containers
 * shared the host with another service's, its data is breached, and that costs the fine.
 */
function breachCheck(w: World, log: EventLog, n: Node, victims: readonly Instance[]): void {
  const fine = w.scenario.breachFine;
  if (fine <= 0) return;
  const sensitive = victims.find((v) => w.scenario.services[v.service]!.sensitive);
  if (!sensitive || !victims.some((v) => v.service !== sensitive.service)) return;
  w.money -= fine;
  w.stats.penalties += fine;
  log.push("data-breach", "kernel", { node: n.id, service: sensitive.service, fine });
  const id = openIncident(w, log, "breach", sensitive.service, n.id, 0, 0);
  resolveIncident(w, log, id, "nobody");
}

function isUp(i: Instance): boolean {
  return i.state === "running" || i.state === "booting" || i.state === "pulling";
}

/** The registry stops serving images: pulls stall, cached images still start. */
export function registryOutage(w: World, log: EventLog, ticks: number): void {
  const d = ticks > 0 ? ticks : DEFAULT_OUTAGE_TICKS;
  if (w.registryDownUntil > log.tick) {
    w.registryDownUntil = Math.max(w.registryDownUntil, log.tick + d);
    return;
  }
  w.registryDownUntil = log.tick + d;
  log.push("registry-down", "registry-down", { seconds: d });
  openIncident(w, log, "registry-outage", -1, -1, 0, 0);
}

/** Called each tick: ends the outage when its time is up. */
export function registryTick(w: World, log: EventLog): void {
  if (w.registryDownUntil >= 0 && log.tick >= w.registryDownUntil) {
    w.registryDownUntil = -1;
    log.push("registry-up", "registry-down");
    closeTimed(w, log, "registry-outage", -1);
  }
}

/**
 * A noisy neighbour: one container on the node starts spinning and wants every millicore.
 * Its CPU request is its weight and its limit its cap (cpu.ts): with a limit it takes at
 * most that; without one it takes all the CPU nobody else is using. Its neighbours keep
 * what they requested, so only those that were bursting above their requests lose out.
 * VMs are shielded by the hypervisor's reservations, so on a VM host nothing happens but
 * a lesson.
 */
export function noisyNeighbour(w: World, log: EventLog, n: Node, ticks: number): void {
  const d = ticks > 0 ? ticks : DEFAULT_NOISY_TICKS;
  const running = w.instances.filter((i) => i.node === n.id && i.state === "running");
  if (running.length < 2 || n.noisyUntil > log.tick) return;
  if (n.mode !== "container-host") {
    const id = openIncident(w, log, "noisy-neighbour", -1, n.id, 0, 0);
    log.push("noisy-start", "noisy", { node: n.id, seconds: 0, state: "vm-shielded" });
    resolveIncident(w, log, id, "hypervisor");
    return;
  }
  const culprit = pick(w, running)!;
  n.noisyUntil = log.tick + d;
  n.noisyInstance = culprit.id;
  const limited = culprit.limCpu > 0;
  const id = openIncident(w, log, "noisy-neighbour", -1, n.id, running.length - 1, 0);
  log.push("noisy-start", "noisy", {
    node: n.id,
    instance: culprit.id,
    service: culprit.service,
    seconds: d,
    limitCpu: culprit.limCpu,
    state: limited ? "limited" : "slowing",
  });
  // A CPU limit bounds the harm from the start: the incident is handled by it.
  if (limited) resolveIncident(w, log, id, "limits");
}

export function noisyTick(w: World, log: EventLog): void {
  for (const n of w.nodes) {
    if (n.noisyUntil >= 0 && log.tick >= n.noisyUntil) {
      n.noisyUntil = -1;
      n.noisyInstance = -1;
      log.push("noisy-end", "noisy", { node: n.id });
      closeTimed(w, log, "noisy-neighbour", n.id);
    }
  }
}

function closeTimed(w: World, log: EventLog, kind: IncidentKind, node: number): void {
  for (const id of [...w.openIncidents]) {
    const inc = w.incidents[id]!;
    if (inc.kind === kind && (node < 0 || inc.node === node)) resolveIncident(w, log, id, "time");
  }
}

/** A process crash of one running instance of the service (or of any service). */
export function crashOne(w: World, log: EventLog, service: number): void {
  const running = w.instances.filter((i) => i.state === "running" && (service < 0 || i.service === service));
  const v = pick(w, running);
  if (!v) return;
  crashInstance(w, log, v, "crash");
}

/**
 * Crashes an instance and opens the incident for it. `running` is the service's running
 * count just before, when the caller already knows it (it saves a scan of every instance).
 */
export function crashInstance(
  w: World,
  log: EventLog,
  v: Instance,
  cause: "crash" | "oom" | "oom-node" | "overload",
  a = 0,
  running = -1,
): void {
  const kind = cause === "crash" ? "crash" : cause === "overload" ? "overload" : "oom";
  const want = running >= 0 ? running : runningNow(w, v.service);
  v.incident = openIncident(w, log, kind, v.service, v.node, 1, want);
  crash(w, log, v, cause, a);
}

/**
 * The peak of a spike injected at its default size. A cluster that can only grow by hand, a
 * VM a minute of the operator's time (hand work) with no Kubernetes on offer, cannot meet
 * ×3 in the two minutes' notice: there the default is ×1.5, which it can. An instructor
 * may still ask for more.
 */
export function defaultSpikePeak(w: World): number {
  return w.scenario.timings.handVm > 0 && !w.scenario.upgrades.kubernetes ? HAND_SPIKE_PEAK : DEFAULT_SPIKE_PEAK;
}
const HAND_SPIKE_PEAK = 150;

/**
 * A spike on one service (or all), announced INJECTED_SPIKE_ANNOUNCE seconds ahead; it
 * starts (and its incident opens) in `startSpikes` when its time comes.
 */
export function injectSpike(w: World, log: EventLog, service: number, peak: number): void {
  const s = {
    service,
    at: log.tick + INJECTED_SPIKE_ANNOUNCE,
    ramp: INJECTED_SPIKE_RAMP,
    peak: peak > 100 ? peak : defaultSpikePeak(w),
    hold: INJECTED_SPIKE_HOLD,
  };
  w.spikes.push(s);
  log.push("spike-announced", "", { service, at: s.at, peak: s.peak });
}

/** Applies an incident of a kind to this world: from the script or an instructor. */
export function applyIncident(w: World, log: EventLog, kind: IncidentKind, target: string, size: number): void {
  const svc = target === "any" ? -1 : w.scenario.services.findIndex((s) => s.id === target);
  switch (kind) {
    case "crash":
      crashOne(w, log, svc);
      break;
    case "spike":
      injectSpike(w, log, svc, size);
      break;
    case "registry-outage":
      registryOutage(w, log, size);
      break;
    case "node-failure": {
      const busy = w.nodes.filter((n) => (n.state === "ready" || n.state === "cordoned") && n.allocCpu > 0);
      // Aimed at a service, it strikes a host carrying the most of that service's running
      // instances (one basket is the risk the level is about); otherwise any busy host.
      const count = (n: Node): number =>
        w.instances.reduce((c, i) => c + (i.node === n.id && i.service === svc && i.state === "running" ? 1 : 0), 0);
      const most = svc >= 0 ? Math.max(0, ...busy.map(count)) : 0;
      const aimed = most > 0 ? busy.filter((n) => count(n) === most) : [];
      const n = pick(w, aimed.length > 0 ? aimed : busy.length > 0 ? busy : w.nodes.filter((m) => m.state === "ready"));
      if (n) failNode(w, log, n);
      break;
    }
    case "kernel-incident": {
      // Aimed at a service, it strikes a host running that service's containers if there is
      // one; otherwise any busy container host. An attacker after card data goes where it
      // shares a kernel with other tenants' code, if it does anywhere.
      const busy = w.nodes.filter((n) => n.state === "ready" && n.mode === "container-host" && n.allocCpu > 0);
      const runs = (n: Node, k: number): boolean =>
        w.instances.some(
          (i) => i.node === n.id && i.service === k && i.runtime === "container" && i.state === "running",
        );
      const aimed = svc >= 0 ? busy.filter((n) => runs(n, svc)) : [];
      const shared = w.scenario.services[svc]?.sensitive
        ? aimed.filter((n) =>
            w.instances.some(
              (i) => i.node === n.id && i.service !== svc && i.runtime === "container" && i.state === "running",
            ),
          )
        : [];
      const n = pick(w, shared.length > 0 ? shared : aimed.length > 0 ? aimed : busy);
      if (n) kernelIncident(w, log, n);
      break;
    }
    case "noisy-neighbour": {
      const nodes = w.nodes.filter((n) => n.state === "ready" && n.allocCpu > 0);
      const n = pick(w, nodes);
      if (n) noisyNeighbour(w, log, n, size);
      break;
    }
  }
}
