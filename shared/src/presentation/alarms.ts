/**
 * Which events alarm a player: the one list the play screen draws in red (and flashes on
 * the machine hit) and the server always tells a student about. An instance hit by a
 * failure alarms (its restart back-off that follows is not news again); so do a machine
 * failing, the registry going down, a spike or a noisy neighbour starting, VM HA unable to
 * bring a VM back, and money running out.
 */
import type { Cause } from "../model/causes.ts";
import type { EventType, GameEvent } from "../model/events.ts";

/** Why an instance stopped that is trouble, not a decision (a player's stop or a drain is not). */
export const ALARM_CAUSES: ReadonlySet<Cause> = new Set<Cause>([
  "crash",
  "oom",
  "oom-node",
  "overload",
  "kernel",
  "node-failed",
  "evicted",
  "memory-pressure",
]);

/** Events that are trouble whatever their cause. */
export const ALARM_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  "node-failed",
  "node-not-ready",
  "registry-down",
  "spike-started",
  "noisy-start",
  "vm-ha-no-room",
  "vm-ha-gave-up",
  "bailout",
  "money-negative",
]);

/** Whether an event alarms the player it happened to. */
export function alarmsPlayer(e: GameEvent): boolean {
  if (e.type === "instance-state") return ALARM_CAUSES.has(e.cause) && e.state !== "backoff";
  return ALARM_TYPES.has(e.type);
}
