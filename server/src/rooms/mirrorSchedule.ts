/**
 * Which clusters a room tick mirrors into the synchronised state, and in what order.
 *
 * Encoding the patch costs the server (clients × changed schema objects), and mirroring a
 * cluster costs building and comparing its items, so a tick's time follows how much is
 * mirrored in it. Every cluster plays the same scenario with the same seed, so engine
 * events (a spike, a scripted failure, instances booting at the start) land on the same
 * tick in all of them: mirroring every cluster that had an event, or was due a refresh, on
 * that tick made the slowest ticks. So each tick:
 * - a cluster that finished is mirrored exactly, once;
 * - a cluster whose player's commands were applied is mirrored in that tick (the result of
 *   a click in the patch of the tick it was applied) while COMMAND_BUDGET lasts; when a
 *   whole class acts at once, those beyond it go first in the next tick, in the order
 *   their commands came. At least one is mirrored per tick whatever it costs;
 * - a cluster whose last periodic refresh is OVERDUE_PERIODS periods old goes ahead of the
 *   others, oldest first, within OVERDUE_BUDGET (a bound on how stale a screen gets);
 * - the others wait their turn: those with engine events not mirrored yet, and those due
 *   a periodic refresh (gauges, timers, money and their leaderboard row; due every
 *   `refreshPeriod(speed)` ticks). They are mirrored oldest first, the two kinds taking
 *   turns, while what is left of TICK_BUDGET lasts; the rest keep their place.
 * Costs are counted in schema objects written (what the mirror reports) plus MIRROR_COST a
 * cluster. What these budgets give in time and in staleness, measured, is in
 * docs/performance.md.
 *
 * A cluster's leaderboard row moves with its periodic refresh, on the next class tick (every
 * refresh period): the schedule keeps the clusters whose rows are due.
 */
import type { Refresh } from "./mirror.ts";

/** At most this many ticks between periodic refreshes of a cluster and its leaderboard row. */
const REFRESH_EVERY_MAX = 4;
/** What one tick may spend on mirroring; the clusters mirrored first (finished, commanded, overdue) count first. */
const TICK_BUDGET = 40;
/** The cost of mirroring a cluster beyond the objects it writes (building its items and comparing them). */
const MIRROR_COST = 2;
/** What one tick may spend on commanded clusters. */
const COMMAND_BUDGET = 160;
/** Periods after which a periodic refresh goes ahead of the others, within OVERDUE_BUDGET a tick. */
const OVERDUE_PERIODS = 4;
const OVERDUE_BUDGET = 80;

/** What the schedule needs to know of a cluster. */
export interface Scheduled {
  /** Order of creation, 0-based: periodic refreshes are staggered by it. */
  readonly index: number;
  readonly world: { readonly finished: boolean };
}

/** What one cluster's step did in this tick. */
export interface Stepped<C> {
  readonly cluster: C;
  readonly events: { readonly length: number };
  /** Commands applied (or refused by the engine) in this tick. */
  readonly commands: number;
}

/** Copies a cluster into the synchronised state; returns how many schema objects it put into the patch. */
export type MirrorFn<C> = (cluster: C, refresh: Refresh) => number;

/** Where a cluster stands in the schedule. */
interface Mark {
  /** Round tick of its first engine event not mirrored yet, or -1. */
  dirtySince: number;
  /** Round tick of its last periodic (or exact) refresh. */
  refreshed: number;
  /** Mirrored exactly since its world finished. */
  final: boolean;
  /** Round tick of its first applied command not mirrored yet, or -1. */
  commandedSince: number;
}

/** Ticks between a cluster's periodic refreshes, and between class ticks: min(speed, 4), at least 1. */
export function refreshPeriod(speed: number): number {
  return Math.max(1, Math.min(speed, REFRESH_EVERY_MAX));
}

/** A class tick publishes the room's clock and the leaderboard rows that are due. */
export function isClassTick(now: number, speed: number): boolean {
  return now % refreshPeriod(speed) === 0;
}

export class MirrorSchedule<C extends Scheduled> {
  private readonly marks = new WeakMap<C, Mark>();
  private readonly rowsDue = new Set<C>();

  /** `mirrorFn` copies a cluster into the synchronised state. */
  constructor(private readonly mirrorFn: MirrorFn<C>) {}

  /** One tick at round tick `now`: mirrors this tick's share of the clusters `stepped`. */
  tick(now: number, speed: number, stepped: Iterable<Stepped<C>>): void {
    const every = refreshPeriod(speed);
    const run: Run = { now, every };
    let budget = TICK_BUDGET;
    const commanded: C[] = [];
    const overdue: C[] = [];
    // Waiting for their turn: clusters with engine events not mirrored yet, and those due a periodic refresh.
    const eventful: C[] = [];
    const due: C[] = [];
    for (const { cluster, events, commands } of stepped) {
      const m = this.markOf(cluster, now, every);
      if (events.length > 0 && m.dirtySince < 0) m.dirtySince = now;
      // A finished world's commands are refused and change nothing: no mirroring for them.
      if (commands > 0 && m.commandedSince < 0 && !cluster.world.finished) m.commandedSince = now;
      if (cluster.world.finished && !m.final) {
        budget -= this.mirror(cluster, m, run, true);
        m.final = true;
      } else if (m.commandedSince >= 0) commanded.push(cluster);
      else if (!m.final && now - m.refreshed >= every * OVERDUE_PERIODS) overdue.push(cluster);
      else if (!m.final && m.dirtySince >= 0) eventful.push(cluster);
      else if (!m.final && now - m.refreshed >= every) due.push(cluster);
    }
    if (commanded.length > 0) {
      // Those left waiting by an earlier tick first, then in creation order.
      commanded.sort(
        (a, b) => this.marks.get(a)!.commandedSince - this.marks.get(b)!.commandedSince || a.index - b.index,
      );
      budget -= this.mirrorWithin(commanded, COMMAND_BUDGET, run);
    }
    if (overdue.length > 0) {
      overdue.sort((a, b) => this.marks.get(a)!.refreshed - this.marks.get(b)!.refreshed || a.index - b.index);
      budget -= this.mirrorWithin(overdue, OVERDUE_BUDGET, run);
    }
    if (budget > 0 && eventful.length + due.length > 0) {
      // Oldest first in each queue; the two take turns, so neither starves the other.
      eventful.sort((a, b) => this.marks.get(a)!.dirtySince - this.marks.get(b)!.dirtySince);
      due.sort((a, b) => this.marks.get(a)!.refreshed - this.marks.get(b)!.refreshed);
      let e = 0;
      let p = 0;
      while (budget > 0 && (e < eventful.length || p < due.length)) {
        const c = (e < eventful.length && (p >= due.length || e <= p) ? eventful[e++] : due[p++])!;
        budget -= this.mirror(c, this.marks.get(c)!, run);
      }
    }
  }

  /** The clusters refreshed since the last class tick, whose rows are due; the list starts again. */
  takeRowsDue(): C[] {
    const due = [...this.rowsDue];
    this.rowsDue.clear();
    return due;
  }

  private markOf(c: C, now: number, every: number): Mark {
    let m = this.marks.get(c);
    // Staggered by creation order, so periodic refreshes spread over the ticks of a period.
    if (!m)
      this.marks.set(c, (m = { dirtySince: -1, refreshed: now - (c.index % every), final: false, commandedSince: -1 }));
    return m;
  }

  /** Mirrors the clusters of `list` in order while `allowance` lasts (at least one); returns what they cost. */
  private mirrorWithin(list: readonly C[], allowance: number, run: Run): number {
    let spent = 0;
    for (const c of list) {
      if (spent >= allowance) break;
      spent += this.mirror(c, this.marks.get(c)!, run);
    }
    return spent;
  }

  /**
   * Mirrors one cluster: exactly, or as a periodic refresh when one is due, else only what
   * changed in its ordinary fields. Returns what it cost out of the tick's budget.
   */
  private mirror(c: C, m: Mark, run: Run, exact = false): number {
    const refresh: Refresh = exact ? "exact" : run.now - m.refreshed >= run.every ? "periodic" : "steady";
    const written = this.mirrorFn(c, refresh);
    m.dirtySince = -1;
    m.commandedSince = -1;
    if (refresh !== "steady") {
      m.refreshed = run.now;
      this.rowsDue.add(c);
    }
    return MIRROR_COST + written;
  }
}

/** The tick being scheduled: its round tick and the refresh period. */
interface Run {
  readonly now: number;
  readonly every: number;
}
