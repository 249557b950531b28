/**
 * Which sounds a batch of game events makes: one per kind at most, the most urgent first,
 * and at most two per batch, so a fast-forwarded minute is a few clear sounds rather than a
 * wall of noise. Solo and classroom play hand the same events here.
 */
import type { GameEvent } from "@overcommit/shared";
import type { SoundName } from "./effects.ts";

/** Most urgent first: a batch plays the first two that occur in it. */
const PRIORITY: readonly SoundName[] = [
  "lost",
  "node-failed",
  "panic",
  "oom",
  "crash",
  "alarm",
  "registry-down",
  "money-negative",
  "spike-warning",
  "recovered",
  "node-ready",
  "boot",
  "buy",
  "place",
  "pod",
];

export function soundOf(e: GameEvent): SoundName | null {
  switch (e.type) {
    case "bailout":
      return "lost";
    case "node-failed":
      return "node-failed";
    case "instance-state":
      if (e.state === "crashed" || e.state === "lost") {
        if (e.cause === "kernel") return "panic";
        if (e.cause === "oom" || e.cause === "oom-node") return "oom";
        if (e.cause === "crash" || e.cause === "overload") return "crash";
        return null;
      }
      if (e.state === "running") return e.cause === "booted" ? "boot" : "pod";
      return null;
    case "spike-announced":
      return "spike-warning";
    case "spike-started":
      return "alarm";
    case "registry-down":
      return "registry-down";
    case "registry-up":
    case "node-repaired":
      return "recovered";
    case "money-negative":
      return "money-negative";
    case "node-ready":
      return "node-ready";
    case "node-bought":
    case "upgrade-bought":
      return "buy";
    case "instance-created":
      return e.cause === "deployed" ? "place" : null;
    default:
      return null;
  }
}

export function soundsFor(events: readonly GameEvent[], max = 2): SoundName[] {
  const found = new Set<SoundName>();
  for (const e of events) {
    const s = soundOf(e);
    if (s) found.add(s);
  }
  return PRIORITY.filter((s) => found.has(s)).slice(0, max);
}

/**
 * A money milestone: each time money first passes a new multiple of `step` above the
 * start. Keeps its high-water mark, so money going down and up again rings once.
 */
export class MoneyMilestones {
  private best: number;
  constructor(
    start: number,
    private readonly step: number,
  ) {
    this.best = Math.floor(start / step);
  }

  passed(money: number): boolean {
    const m = Math.floor(money / this.step);
    if (m <= this.best) return false;
    this.best = m;
    return true;
  }
}
