/**
 * Events: what `step` reports for every change that matters to a player. One flat,
 * monomorphic record per event (unused fields are -1, 0 or ""), so the server can forward
 * them cheaply and the client and debrief can explain and count them (explain.ts).
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

export interface GameEvent {
  readonly tick: number;
  readonly type: EventType;
  readonly cause: Cause;
  readonly node: number;
  readonly instance: number;
  readonly service: number;
  /** New state for state changes, else "". */
  readonly state: string;
  /** Two numbers whose meaning depends on the type (old/new replicas, MiB, ticks…). */
  readonly a: number;
  readonly b: number;
}

/** Collects the events of one step. */
export class EventLog {
  readonly events: GameEvent[] = [];
  /** Instances that became gone in this step: `step` compacts the instance list only when some did. */
  gone = 0;
  constructor(public tick: number) {}
  push(type: EventType, cause: Cause, f: Partial<Omit<GameEvent, "tick" | "type" | "cause">> = {}): void {
    this.events.push({
      tick: this.tick,
      type,
      cause,
      node: f.node ?? -1,
      instance: f.instance ?? -1,
      service: f.service ?? -1,
      state: f.state ?? "",
      a: f.a ?? 0,
      b: f.b ?? 0,
    });
  }
}
