/**
 * The state of one cluster (one player's or one team's world) as plain data.
 *
 * Everything here is JSON- and msgpack-friendly (numbers, strings, booleans, arrays,
 * plain objects), so a world can be snapshotted, hashed and sent as it is. Objects are
 * monomorphic on purpose: every field is always present (-1 or 0 stand for "none"), which
 * keeps the hot loops of `step` fast and the state hash canonical.
 */
import type { HostMode, NodeType } from "./constants.ts";
import type { IncidentKind, Scenario, Upgrade } from "./scenario.ts";
import type { Cause } from "./causes.ts";

export const NODE_STATES = ["provisioning", "ready", "cordoned", "draining", "failed", "gone"] as const;
export type NodeState = (typeof NODE_STATES)[number];

export const INSTANCE_STATES = [
  "pending",
  "pulling",
  "booting",
  "running",
  "crashed",
  "backoff",
  "migrating",
  "lost",
  "terminating",
  "gone",
] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

export const RUNTIMES = ["vm", "container"] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const SCHEDULER_STRATEGIES = ["LeastAllocated", "MostAllocated"] as const;
export type SchedulerStrategy = (typeof SCHEDULER_STRATEGIES)[number];

export interface Node {
  readonly id: number;
  readonly type: NodeType;
  readonly mode: HostMode;
  state: NodeState;
  /** Tick of the last state change. */
  since: number;
  /** Ticks left in a timed state (provisioning, repair). */
  wait: number;
  /** Allocatable CPU and memory: capacity minus the host mode's overhead. */
  readonly cpu: number;
  readonly mem: number;
  /** Sum of the reservations of the instances placed here (kept in step with them). */
  allocCpu: number;
  allocMem: number;
  /** Containers placed here (kept in step with the reservations): the kubelet runs at most 110 pods. */
  pods: number;
  /**
   * Sum of the limits of the instances placed here (a VM's limit is its reservation; a
   * container without a limit adds nothing, as in `kubectl describe node`). Limits may add
   * up past the node: that is overcommit.
   */
  limCpu: number;
  limMem: number;
  /** CPU the instances here used and memory they held in the last tick. */
  usedCpu: number;
  usedMem: number;
  /** VMs up on it this tick (booting, running or migrating away): they share a hosted hypervisor. */
  vms: number;
  /** The kubelet's MemoryPressure condition holds until this tick (exclusive), or -1. */
  pressureUntil: number;
  /** Service indices whose container image is cached here, ascending. */
  images: number[];
  /**
   * Image pulls asked for, in request order (parallel arrays, images.ts): the image (service
   * index), seconds of download left, the tick it may be tried again after a failure (or -1)
   * and its current back-off (0 before a failure).
   */
  pullService: number[];
  pullLeft: number[];
  pullRetry: number[];
  pullBackoff: number[];
  /** Tick the node failed, or -1. Kubernetes marks it NotReady a grace period later. */
  failedAt: number;
  /** Down for a reboot after a kernel panic (its `wait` counts it down), not a hardware failure. */
  rebooting: boolean;
  /** Noisy neighbour active on this node until this tick (exclusive), or -1. */
  noisyUntil: number;
  /** Instance id of the noisy container, or -1. */
  noisyInstance: number;
  /** Who bought it: the player or the cluster autoscaler. */
  byAutoscaler: boolean;
  /** Cluster autoscaler: tick since which the node has been unneeded (under the threshold, its pods able to move), or -1. */
  lowSince: number;
}

export interface Instance {
  readonly id: number;
  /** Index into the scenario's services. */
  readonly service: number;
  readonly runtime: Runtime;
  /** Node id, or -1 while pending. */
  node: number;
  state: InstanceState;
  since: number;
  /** Ticks left in a timed state (pulling waits on the node's pull instead). */
  wait: number;
  /** App requests; a VM reserves these plus its guest OS. */
  readonly reqCpu: number;
  readonly reqMem: number;
  /** Limits (0 = none). */
  readonly limCpu: number;
  readonly limMem: number;
  /** App memory in use: its working set (grows with the requests it serves) plus any leak. */
  memUsed: number;
  /** Memory leaked since it started (part of memUsed). */
  memLeak: number;
  /** CPU (millicores) its load asked for in the last tick, before any limit, and what it got. */
  cpuWant: number;
  cpuUsed: number;
  /**
   * A pod whose node just died stays a Service endpoint, and gets its share of requests
   * (which fail), until Kubernetes marks the node NotReady at this tick; -1 otherwise.
   */
  endpointUntil: number;
  /** Consecutive ticks loaded over the overload threshold. */
  overTicks: number;
  /**
   * A pod: times its container has been restarted after dying (its restartCount; never
   * reset). A VM: VM HA's resets since it was last powered on or migrated.
   */
  restarts: number;
  /**
   * CrashLoopBackOff: the kubelet's back-off for its next restart, seconds; 0 before its
   * first exit (the kubelet then restarts it at once).
   */
  backoff: number;
  /** Tick it last entered running, or -1. */
  runningSince: number;
  /** A pod of its service's Deployment (owned by the control plane). */
  managed: boolean;
  release: number;
  /** Tick it was created (for measured start times). */
  readonly born: number;
  /** Migration target node, or -1. */
  target: number;
  /** Why it is in its current state. */
  cause: Cause;
  /** Tick its latest start began (left pending, crashed or back-off), for measured start times. */
  startAt: number;
  /** Who began its latest start: "player", "kubernetes", "vm-ha" (credited when it runs). */
  startedBy: string;
  /** Index of its open incident in world.incidents, or -1. */
  incident: number;
  /** Requests routed to it and served by it in the last tick. */
  load: number;
  served: number;
}

export interface Hpa {
  enabled: boolean;
  min: number;
  max: number;
  /** Target CPU utilisation, percent of the request. */
  targetPct: number;
  /** Recommendations of the last window, oldest first: [tick, replicas] pairs flattened. */
  recs: number[];
  /** Utilisation the last sync saw, percent (-1 before the first sync). */
  lastUtil: number;
}

export interface Deployment {
  replicas: number;
  release: number;
  reqCpu: number;
  reqMem: number;
  limCpu: number;
  limMem: number;
  /** PodDisruptionBudget minAvailable, or -1 for none. */
  pdbMin: number;
  hpa: Hpa;
  /** Set while a rollout is under way. */
  rolling: boolean;
}

export interface ServiceState {
  /** Demand, served and dropped requests in the last tick. */
  demand: number;
  served: number;
  dropped: number;
  capacity: number;
  totalDemand: number;
  totalServed: number;
  totalDropped: number;
  revenueCarry: number;
  penaltyCarry: number;
  /** Who started the service's latest instance to reach running, and when. */
  lastStartBy: string;
  lastStartTick: number;
  /** Release the player's own (unmanaged) instances start with. */
  release: number;
  /** Present once the Kubernetes control plane is bought and the service runs as containers. */
  deployment: Deployment | null;
  /** Debrief samples every HISTORY_SAMPLE_TICKS: demand, capacity, served (flattened triples). */
  history: number[];
}

export interface Incident {
  readonly id: number;
  readonly tick: number;
  readonly kind: IncidentKind | "oom" | "overload" | "eviction" | "breach";
  /** Glossary concept the incident teaches. */
  readonly concept: string;
  readonly service: number;
  readonly node: number;
  /** Instances it took down. */
  readonly hit: number;
  /** Running instances its scope had just before it; resolved when back to this many. */
  readonly want: number;
  /** Tick it was resolved, or -1. */
  resolvedAt: number;
  /** Who resolved it: "player", "kubernetes", "vm-ha", "autoscaler", "repair", "time" or "" while open. */
  resolvedBy: string;
  /** Requests dropped while it was open. */
  dropped: number;
}

export interface ClusterAutoscaler {
  enabled: boolean;
  nodeType: NodeType;
  maxNodes: number;
  /** Tick pods first became unschedulable, or -1. */
  unschedSince: number;
  lastAdd: number;
  /** The node with pods it is draining to remove (one at a time), or -1. */
  drainingNode: number;
}

/** A spike injected by an instructor or a script: announced, then under way from `at` (scenario spikes live in the traffic curve). */
export interface ActiveSpike {
  /** Service index, or -1 for all. */
  readonly service: number;
  readonly at: number;
  readonly ramp: number;
  readonly peak: number;
  readonly hold: number;
}

export interface Stats {
  /** Peak number of ready nodes and the ticks × nodes used, for packing efficiency. */
  nodeTicks: number;
  lowerBoundTicks: number;
  /** VM vs container measured figures: starts and their total start time, crash counts. */
  vmStarts: number;
  vmStartTicks: number;
  containerStarts: number;
  containerStartTicks: number;
  vmReservedMem: number;
  vmAppMem: number;
  containerReservedMem: number;
  containerAppMem: number;
  vmsHitByKernel: number;
  containersHitByKernel: number;
  /** Portability: VM live migrations done, container images pulled onto nodes. */
  migrations: number;
  imagePulls: number;
  /** Restarts paged to the on-call engineer, and what the pages cost. */
  onCallPages: number;
  onCallCost: number;
  /** Instances the player set up by hand (hand work), and the operator's seconds that took. */
  handJobs: number;
  handTicks: number;
  revenue: number;
  costs: number;
  penalties: number;
}

export interface World {
  readonly scenario: Scenario;
  readonly seed: number;
  tick: number;
  /** sfc32 state: four unsigned 32-bit words. */
  rng: [number, number, number, number];
  money: number;
  readonly startMoney: number;
  /** Tick money went below zero, or -1. */
  brokeSince: number;
  /** Times the bank bailed the cluster out (bankruptcy: 60 s below zero). */
  bailouts: number;
  /** What the bail-outs lent plus their fees: counted against the score, never repaid from money. */
  debt: number;
  finished: boolean;
  nodes: Node[];
  instances: Instance[];
  nextInstanceId: number;
  services: ServiceState[];
  upgrades: Record<Upgrade, boolean>;
  scheduler: SchedulerStrategy;
  autoscaler: ClusterAutoscaler;
  /** Registry down until this tick (exclusive), or -1. */
  registryDownUntil: number;
  /** Tick the operator finishes the hand work already begun (at or before now: free). */
  handsFreeAt: number;
  spikes: ActiveSpike[];
  incidents: Incident[];
  /** Indices of incidents still open (an index over `incidents`, kept in step with it). */
  openIncidents: number[];
  stats: Stats;
}
