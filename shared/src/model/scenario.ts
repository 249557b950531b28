/**
 * The scenario format: what a level or a classroom round is made of. Scenarios are data
 * (JSON files under shared/scenarios/), validated by `parseScenario` in
 * scenarios/validate.ts; docs/scenarios.md describes every field for authors.
 */
import type { HostMode, NodeType } from "./constants.ts";

export const RUNTIME_RULES = ["vm-only", "container-only", "either"] as const;
export type RuntimeRule = (typeof RUNTIME_RULES)[number];

export const UPGRADES = ["vm-ha", "kubernetes", "autoscaler", "cluster-autoscaler"] as const;
export type Upgrade = (typeof UPGRADES)[number];

export const INCIDENT_KINDS = [
  "crash",
  "node-failure",
  "kernel-incident",
  "registry-outage",
  "noisy-neighbour",
  "spike",
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** A traffic spike: ramp up to peak, hold, ramp down. Announced `announce` ticks ahead (0 = surprise). */
export interface SpikeSpec {
  readonly at: number;
  readonly ramp: number;
  /** Multiplier at the peak, in percent (300 = three times the normal demand). */
  readonly peak: number;
  readonly hold: number;
  readonly announce: number;
}

export interface TrafficSpec {
  /** Requests per second at 100 % of the daily shape. */
  readonly base: number;
  /** Piecewise-linear daily shape: [tick within period, percent] points, first at 0. */
  readonly shape: readonly (readonly [number, number])[];
  readonly period: number;
  readonly spikes: readonly SpikeSpec[];
  /** Random jitter of demand each tick, ± percent. */
  readonly noise: number;
}

export interface ReleaseSpec {
  readonly version: number;
  /** Process crash chance per running instance per tick, per million. */
  readonly crashPerMillion: number;
  /** Memory the app leaks per tick (MiB); 0 = none. */
  readonly leakMiB: number;
  readonly note: string;
}

export interface ServiceSpec {
  readonly id: string;
  readonly name: string;
  readonly runtime: RuntimeRule;
  /** Why the runtime is restricted, in the player's words (shown on refusal). */
  readonly why: string;
  /**
   * Handles data that must not share a kernel with other tenants' code (card data). A kernel
   * incident on a host where its containers run beside another service's is a data breach.
   */
  readonly sensitive: boolean;
  /** One replica's CPU and memory requests: what the app needs at its nominal capacity. */
  readonly cpu: number;
  readonly mem: number;
  /** Limits its containers start with (the app's manifest), 0 = none. A VM ignores them. */
  readonly limCpu: number;
  readonly limMem: number;
  /** Requests per second one replica serves with `cpu` millicores. */
  readonly capacity: number;
  readonly imageMB: number;
  /** Credits earned per 100 served requests. */
  readonly revenue: number;
  /** Credits lost per 100 dropped requests (SLA credits). */
  readonly penalty: number;
  readonly traffic: TrafficSpec;
  /** Releases; the first is what runs at the start. */
  readonly releases: readonly ReleaseSpec[];
}

export interface UpgradeOffer {
  readonly price: number;
  /** Credits per tick while owned. */
  readonly upkeep: number;
}

export interface FailureRates {
  /** Per ready node per tick, per million. */
  readonly nodeFailure: number;
  /** Per ready container host per tick, per million. */
  readonly kernelIncident: number;
  /** Per tick, per million. */
  readonly registryOutage: number;
  readonly registryOutageTicks: number;
  /** Per ready node per tick, per million. */
  readonly noisyNeighbour: number;
  readonly noisyNeighbourTicks: number;
}

/** An incident at a fixed tick; `target` picks the node or service (see docs/scenarios.md). */
export interface ScriptedEvent {
  readonly at: number;
  readonly kind: IncidentKind;
  /** A service id for crash/spike; "any" lets the seeded stream choose. */
  readonly target: string;
  /** Spike peak percent, outage or noisy duration in ticks; kind-specific. */
  readonly size: number;
}

export interface StartNode {
  readonly type: NodeType;
  readonly mode: HostMode;
}

export interface StartInstance {
  readonly service: string;
  readonly runtime: "vm" | "container";
  /** Index into `start.nodes`. */
  readonly node: number;
}

/** Real defaults may be overridden per scenario; the UI shows both. */
export interface Timings {
  readonly nodeProvision: number;
  readonly nodeRepair: number;
  readonly notReadyAfter: number;
  readonly evictAfter: number;
  readonly vmHaDetect: number;
  /**
   * Seconds of the operator's own time a hand deploy takes (setting a machine up by hand:
   * image, address, load balancer), one job after another; 0 = at once. Controllers
   * (ReplicaSets, the HPA, VM HA) need nobody's time.
   */
  readonly handVm: number;
  readonly handContainer: number;
}

export interface Briefing {
  readonly title: string;
  /** The idea the level teaches, as a few short paragraphs. */
  readonly text: string;
  /** The guided first step: one sentence telling the player what to do first. */
  readonly firstStep: string;
}

export interface Scenario {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly kind: "campaign" | "competitive";
  /** Campaign order (1…8); 0 for competitive scenarios. */
  readonly level: number;
  /** The concept ids (glossary.ts) this scenario teaches. */
  readonly concepts: readonly string[];
  readonly briefing: Briefing;
  readonly length: number;
  readonly speed: number;
  readonly startMoney: number;
  readonly nodeTypes: readonly NodeType[];
  readonly hostModes: readonly HostMode[];
  /** Node cost per tick overrides (else the catalog's). */
  readonly services: readonly ServiceSpec[];
  readonly upgrades: Readonly<Partial<Record<Upgrade, UpgradeOffer>>>;
  readonly failures: FailureRates;
  readonly events: readonly ScriptedEvent[];
  readonly start: { readonly nodes: readonly StartNode[]; readonly instances: readonly StartInstance[] };
  readonly timings: Timings;
  /** Score (final − starting money) for the third star. */
  /** What a data breach costs (fines, reissued cards), credits; 0 = nothing sensitive here. */
  readonly breachFine: number;
  /** Score for the second star (with an SLA of 99 %): above what buying for the peak and walking away earns. */
  readonly parScore: number;
  /** Score for the third star: above the autopilot's, within the expert's reach. */
  readonly targetScore: number;
}
