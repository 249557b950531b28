/**
 * Incidents: the troubles a player has to handle, counted by the concept each teaches.
 *
 * An incident opens when something takes capacity away (a crash, an OOM kill, a node or
 * kernel failure, an overload) or threatens it (a spike, a registry outage, a noisy
 * neighbour). It remembers how many instances its scope (one service, or the whole cluster
 * for node-wide trouble) had running just before, and it is resolved once the scope is back
 * to that many; whoever started the last instance that got it there is credited (the
 * player, Kubernetes, VM HA, the autoscaler). Time-boxed incidents close when they end.
 * Requests dropped in its scope while it is open are added to it for the report, each to one
 * incident only (`ownDropped` says which).
 */
import type { EventLog } from "../model/events.ts";
import type { Incident, World } from "../model/model.ts";

export type IncidentKindAll = Incident["kind"];

/** The glossary concept each incident kind teaches. */
export const INCIDENT_CONCEPT: Readonly<Record<IncidentKindAll, string>> = {
  crash: "self-healing",
  oom: "oom-kill",
  eviction: "qos",
  breach: "isolation",
  overload: "load-balancing",
  "node-failure": "self-healing",
  "kernel-incident": "shared-kernel",
  "registry-outage": "registry",
  "noisy-neighbour": "noisy-neighbour",
  spike: "autoscaling",
};

/** What would have prevented or softened each kind, for the debrief. */
export const INCIDENT_PREVENTION: Readonly<Record<IncidentKindAll, string>> = {
  crash: "Run more than one replica, and let a controller restart crashed ones (Kubernetes or VM HA).",
  oom: "Set a memory limit so a leak kills only its own container, and roll out a fixed release.",
  breach:
    "Keep data that must stay isolated off shared kernels: in VMs (each has its own kernel) or on container hosts of its own.",
  eviction:
    "Request the memory your pods really use: under memory pressure the kubelet evicts pods using more than they requested first, and Guaranteed pods (limits equal to requests) last.",
  overload: "Keep spare capacity: more replicas, or an autoscaler that adds them before they melt.",
  "node-failure": "Spread replicas over several nodes; VM HA or Kubernetes reschedules what a dead node ran.",
  "kernel-incident":
    "Containers share their host's kernel: spread them over hosts, or run what must not fall together as VMs.",
  "registry-outage":
    "Images already cached on a node still start: keep nodes warm, avoid needless new nodes during an outage.",
  "noisy-neighbour": "Give every container a CPU limit, or isolate the noisy tenant in a VM.",
  spike: "Scale before the peak: add replicas when it is announced, or let the autoscaler follow the load.",
};

export function openIncident(
  w: World,
  log: EventLog,
  kind: IncidentKindAll,
  service: number,
  node: number,
  hit: number,
  want: number,
): number {
  const id = w.incidents.length;
  w.incidents.push({
    id,
    tick: log.tick,
    kind,
    concept: INCIDENT_CONCEPT[kind],
    service,
    node,
    hit,
    want,
    resolvedAt: -1,
    resolvedBy: "",
    dropped: 0,
  });
  w.openIncidents.push(id);
  log.push("incident", "", { service, node, incident: id, hit, state: kind });
  return id;
}

export function resolveIncident(w: World, log: EventLog, id: number, by: string): void {
  const inc = w.incidents[id];
  if (!inc || inc.resolvedAt >= 0) return;
  inc.resolvedAt = log.tick;
  inc.resolvedBy = by;
  const k = w.openIncidents.indexOf(id);
  if (k >= 0) w.openIncidents.splice(k, 1);
  log.push("incident-resolved", "", { service: inc.service, node: inc.node, incident: id, state: by });
}

/** Kinds that close by time (their own end), not by capacity coming back. */
const TIMED: ReadonlySet<IncidentKindAll> = new Set(["spike", "registry-outage", "noisy-neighbour"]);

/**
 * Once a tick, after traffic: give the tick's dropped requests to open incidents and resolve
 * those whose scope has its running instances back.
 */
export function updateIncidents(w: World, log: EventLog, runningBySvc: ArrayLike<number>, totalRunning: number): void {
  const open = w.openIncidents;
  for (let s = 0; s < w.services.length; s++) {
    const dropped = w.services[s]!.dropped;
    if (dropped > 0) ownDropped(w, s, dropped);
  }
  for (let k = open.length - 1; k >= 0; k--) {
    const inc = w.incidents[open[k]!]!;
    if (TIMED.has(inc.kind)) continue;
    const running = inc.service >= 0 ? runningBySvc[inc.service]! : totalRunning;
    if (running >= inc.want && log.tick > inc.tick) {
      const by = inc.service >= 0 ? w.services[inc.service]!.lastStartBy : lastStarterOverall(w);
      resolveIncident(w, log, inc.id, by === "" ? "player" : by);
    }
  }
}

/**
 * A service's dropped requests belong to one incident, counted once for the report:
 *  1. an open spike of that service: while a surge lasts, it is what outran capacity (and a
 *     spike that owns no drops closes as met by headroom, step.ts endSpike);
 *  2. else the oldest open incident naming the service: the first trouble opened the
 *     shortfall, a later one only deepens it;
 *  3. else the oldest open incident of the whole cluster (a node failure, an outage): one
 *     naming the service is the nearer cause.
 * Open incidents are kept in the order they opened, so the first match of a rank is the oldest.
 */
function ownDropped(w: World, service: number, dropped: number): void {
  let owner: Incident | undefined;
  let rank = 3;
  for (const id of w.openIncidents) {
    const inc = w.incidents[id]!;
    const r = inc.service === service ? (inc.kind === "spike" ? 0 : 1) : inc.service < 0 ? 2 : 3;
    if (r < rank) {
      owner = inc;
      rank = r;
      if (r === 0) break;
    }
  }
  if (owner) owner.dropped += dropped;
}

function lastStarterOverall(w: World): string {
  let best = -1;
  let by = "";
  for (const s of w.services) {
    if (s.lastStartTick > best) {
      best = s.lastStartTick;
      by = s.lastStartBy;
    }
  }
  return by;
}

/** Running instances of one service (or all, for -1), counted now. */
export function runningNow(w: World, service: number): number {
  let n = 0;
  for (const i of w.instances)
    if ((i.state === "running" || i.state === "migrating") && (service < 0 || i.service === service)) n++;
  return n;
}
