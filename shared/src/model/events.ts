/**
 * Events: what `step` reports for every change that matters to a player. One flat,
 * monomorphic record per event (unused fields are -1, 0 or ""), so the server can forward
 * them cheaply and the client and debrief can explain and count them (explain.ts).
 *
 * Two numbers, `a` and `b`, carry what an event type needs besides its node, instance and
 * service; EVENT_PAYLOADS names them per type. Events are written with those names
 * (`EventLog.push`) and read with them (`payloadOf`), while the record and the wire keep the
 * two short fields.
 */
import type { Cause } from "./causes.ts";

export const EVENT_TYPES = [
  "node-bought",
  "node-ready",
  "node-failed",
  "node-not-ready",
  "node-repaired",
  "node-rebooting",
  "data-breach",
  "node-cordoned",
  "node-uncordoned",
  "node-draining",
  "node-removed",
  "drain-blocked",
  "instance-created",
  "instance-state",
  "instance-removed",
  "unschedulable",
  "vm-ha-no-room",
  "vm-ha-gave-up",
  "spike-announced",
  "spike-started",
  "spike-ended",
  "dropping",
  "registry-down",
  "registry-up",
  "pull-backoff",
  "noisy-start",
  "noisy-end",
  "upgrade-bought",
  "replicas-changed",
  "hpa-scaled",
  "rollout-started",
  "rollout-done",
  "ca-scale-up",
  "ca-scale-down",
  "incident",
  "incident-resolved",
  "money-negative",
  "bailout",
  "round-over",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * What `a` and `b` hold, by event type ("" where a slot is unused). An instance's state
 * change carries one figure whose meaning follows its new state and cause: seconds until a
 * restart (backoff, on-call), seconds of image pull left (pulling), the memory limit or the
 * MiB in use (an OOM kill, by the app's limit or by the node), the load in req/s
 * (overload), the target node (migrating).
 */
export const EVENT_PAYLOADS = {
  "node-bought": ["readyIn", ""],
  "node-ready": ["", ""],
  "node-failed": ["", ""],
  "node-not-ready": ["", ""],
  "node-repaired": ["", ""],
  "node-rebooting": ["seconds", ""],
  "data-breach": ["fine", ""],
  "node-cordoned": ["", ""],
  "node-uncordoned": ["", ""],
  "node-draining": ["", ""],
  "node-removed": ["", ""],
  "drain-blocked": ["", ""],
  "instance-created": ["", ""],
  "instance-state": ["figure", ""],
  "instance-removed": ["", ""],
  unschedulable: ["", ""],
  /** What the lost VM needs on a host (its app plus its guest OS): millicores and MiB. */
  "vm-ha-no-room": ["cpu", "mem"],
  /** VM Monitoring's resets so far (its limit). */
  "vm-ha-gave-up": ["resets", ""],
  /** `at`: the tick the spike arrives; `peak`: its height in % of normal traffic. */
  "spike-announced": ["at", "peak"],
  /** `until`: the tick it is over. */
  "spike-started": ["peak", "until"],
  "spike-ended": ["", ""],
  /** Requests per second dropped of those asked. */
  dropping: ["dropped", "demand"],
  "registry-down": ["seconds", ""],
  "registry-up": ["", ""],
  "pull-backoff": ["retryIn", ""],
  /** `seconds` it lasts (0: a VM's host shields it); the culprit's CPU limit in millicores (0: none). */
  "noisy-start": ["seconds", "limitCpu"],
  "noisy-end": ["", ""],
  "upgrade-bought": ["price", ""],
  "replicas-changed": ["from", "to"],
  "hpa-scaled": ["from", "to"],
  "rollout-started": ["release", ""],
  "rollout-done": ["release", ""],
  /** Pods that were pending for want of room. */
  "ca-scale-up": ["pending", ""],
  "ca-scale-down": ["", ""],
  /** The incident's id (an index into the world's incidents) and the instances it took down. */
  incident: ["incident", "hit"],
  "incident-resolved": ["incident", ""],
  "money-negative": ["money", ""],
  bailout: ["loan", "fee"],
  "round-over": ["score", ""],
} as const satisfies Record<EventType, readonly [string, string]>;

type SlotNames<T extends EventType> = Exclude<(typeof EVENT_PAYLOADS)[T][number], "">;

/** An event's payload under its type's names. */
export type Payload<T extends EventType> = { readonly [K in SlotNames<T>]: number };

/** What an event is written with: where it happened, its new state, and its payload by name (all optional). */
export type EventFields<T extends EventType> = {
  readonly node?: number;
  readonly instance?: number;
  readonly service?: number;
  readonly state?: string;
} & Partial<Payload<T>>;

/** The payload of event `e`, which must be of type `type`, under its names. */
export function payloadOf<T extends EventType>(type: T, e: GameEvent): Payload<T> {
  const [an, bn] = EVENT_PAYLOADS[type] as readonly [string, string];
  const out: Record<string, number> = {};
  if (an) out[an] = e.a;
  if (bn) out[bn] = e.b;
  return out as Payload<T>;
}

export interface GameEvent {
  readonly tick: number;
  readonly type: EventType;
  readonly cause: Cause;
  readonly node: number;
  readonly instance: number;
  readonly service: number;
  /** New state for state changes, else "". */
  readonly state: string;
  /** Two numbers whose meaning depends on the type: EVENT_PAYLOADS names them. */
  readonly a: number;
  readonly b: number;
}

/** Collects the events of one step. */
export class EventLog {
  readonly events: GameEvent[] = [];
  /** Instances that became gone in this step: `step` compacts the instance list only when some did. */
  gone = 0;
  constructor(public tick: number) {}
  push<T extends EventType>(type: T, cause: Cause, f: EventFields<T> = {}): void {
    const [an, bn] = EVENT_PAYLOADS[type] as readonly [string, string];
    const named = f as Readonly<Record<string, number | undefined>>;
    this.events.push({
      tick: this.tick,
      type,
      cause,
      node: f.node ?? -1,
      instance: f.instance ?? -1,
      service: f.service ?? -1,
      state: f.state ?? "",
      a: an ? (named[an] ?? 0) : 0,
      b: bn ? (named[bn] ?? 0) : 0,
    });
  }
}
