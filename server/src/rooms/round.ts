/**
 * One classroom round without the networking: the clusters (one engine world each, all
 * created from the same scenario and seed), their command queues and command logs.
 *
 * `stepAll` is the room's fixed tick: every cluster applies the commands queued since the
 * last tick, in arrival order, then advances one tick. Each command is logged at the tick
 * it was applied, so a cluster's log *is* its replay: re-simulating it with the shared
 * `replayWorld` gives the same state hash the server has.
 *
 * A cluster added after the round started (late join) is created at tick 0 and stepped
 * with no commands up to the round's tick, so its replay stays a plain replay.
 *
 * Planning (`applyQueued`): before the clock starts, queued commands are applied between
 * ticks with the shared `applyNow` and logged at the world's tick (0), as solo play does
 * while paused. `applyNow` is equivalent to passing the command to the next `step`, so the
 * log still replays to the same world.
 *
 * Durability: `onTick` (the room's journal) is called with the tick's logged commands
 * after every cluster has stepped and before any command is answered, so no player is
 * told "accepted" about a command a crash could lose.
 */
import {
  RULES_VERSION,
  applyNow,
  createWorld,
  scoreOf,
  step,
  stateHash,
  StepScratch,
  type Command,
  type CommandResult,
  type GameEvent,
  type Replay,
  type ReplayEntry,
  type Scenario,
  type World,
} from "@overcommit/shared";

export interface Queued {
  readonly cmd: Command;
  readonly onResult: (r: CommandResult, tick: number) => void;
}

export interface Cluster {
  readonly id: string;
  /** Order of creation, 0-based (staggers per-cluster work over ticks). */
  readonly index: number;
  name: string;
  readonly team: number;
  readonly world: World;
  readonly log: ReplayEntry[];
  queue: Queued[];
}

/** A command as it was logged: cluster, position in that cluster's log, tick, command. */
export interface LoggedCommand {
  readonly cluster: string;
  readonly n: number;
  readonly tick: number;
  readonly cmd: Command;
}

export interface TickOutput {
  readonly cluster: Cluster;
  readonly events: readonly GameEvent[];
  /** Commands applied (or refused) this tick. */
  readonly commands: number;
}

/** Most commands one cluster may have waiting for one tick; more are refused. */
export const MAX_QUEUED_PER_TICK = 32;

export class Round {
  readonly clusters = new Map<string, Cluster>();
  /** Ticks the round has advanced. */
  tick = 0;
  private nextId = 1;
  /** One working memory for every cluster's step: a round steps its clusters one after another. */
  private readonly scratch = new StepScratch();
  /** Called once per tick with what was logged, before any answer goes out. */
  onTick: ((tick: number, logged: readonly LoggedCommand[]) => void) | null = null;

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    readonly length: number,
  ) {}

  /**
   * Puts back a cluster rebuilt from the journal (crash recovery), keeping its id and
   * creation order; later clusters are numbered after it.
   */
  restoreCluster(c: Omit<Cluster, "queue">): Cluster {
    const cluster: Cluster = { ...c, queue: [] };
    this.clusters.set(c.id, cluster);
    this.reserveIndex(c.index);
    return cluster;
  }

  /** Skips creation numbers (clusters that were removed before a restore). */
  reserveIndex(index: number): void {
    this.nextId = Math.max(this.nextId, index + 2);
  }

  addCluster(name: string, team: number): Cluster {
    const world = createWorld(this.scenario, this.seed);
    while (world.tick < this.tick && !world.finished) step(world, [], this.scratch);
    const index = this.nextId++ - 1;
    const c: Cluster = { id: `c${index + 1}`, index, name, team, world, log: [], queue: [] };
    this.clusters.set(c.id, c);
    return c;
  }

  removeCluster(id: string): void {
    this.clusters.delete(id);
  }

  /** Queues a validated command for the next tick; false when the queue is full. */
  enqueue(cluster: Cluster, q: Queued): boolean {
    if (cluster.queue.length >= MAX_QUEUED_PER_TICK) return false;
    cluster.queue.push(q);
    return true;
  }

  /**
   * Answers every command still queued with a refusal: the round ended (or went back to the
   * lobby) before its next tick, and every message gets exactly one reply.
   */
  refuseQueued(code: "round-over", message: string): void {
    const r: CommandResult = { ok: false, code, message };
    for (const c of this.clusters.values()) {
      const queue = c.queue;
      c.queue = [];
      for (const q of queue) q.onResult(r, c.world.tick);
    }
  }

  get over(): boolean {
    return this.tick >= this.length;
  }

  /** Planning: applies every cluster's queued commands without advancing the clock. */
  applyQueued(): TickOutput[] {
    const out: TickOutput[] = [];
    const logged: LoggedCommand[] = [];
    const answers: (() => void)[] = [];
    for (const c of this.clusters.values()) {
      const queue = c.queue;
      if (queue.length === 0) continue;
      c.queue = [];
      const w = c.world;
      if (w.finished) {
        refuseFinished(w, queue, answers);
        out.push({ cluster: c, events: [], commands: queue.length });
        continue;
      }
      const events: GameEvent[] = [];
      for (const q of queue) {
        logged.push({ cluster: c.id, n: c.log.length, tick: w.tick, cmd: q.cmd });
        c.log.push({ tick: w.tick, cmd: q.cmd });
        const r = applyNow(w, q.cmd);
        events.push(...r.events);
        const at = w.tick;
        answers.push(() => q.onResult(r.result, at));
      }
      out.push({ cluster: c, events, commands: queue.length });
    }
    if (logged.length > 0) this.onTick?.(this.tick, logged);
    for (const a of answers) a();
    return out;
  }

  stepAll(): TickOutput[] {
    const out: TickOutput[] = [];
    const logged: LoggedCommand[] = [];
    const answers: (() => void)[] = [];
    for (const c of this.clusters.values()) {
      const commands = c.queue.length;
      out.push({ cluster: c, events: this.stepCluster(c, logged, answers), commands });
    }
    this.tick++;
    this.onTick?.(this.tick, logged);
    for (const a of answers) a();
    return out;
  }

  private stepCluster(c: Cluster, logged: LoggedCommand[], answers: (() => void)[]): readonly GameEvent[] {
    const queue = c.queue;
    c.queue = [];
    const w = c.world;
    if (w.finished) {
      refuseFinished(w, queue, answers);
      return [];
    }
    const at = w.tick;
    const cmds = queue.map((q) => q.cmd);
    for (const cmd of cmds) {
      logged.push({ cluster: c.id, n: c.log.length, tick: at, cmd });
      c.log.push({ tick: at, cmd });
    }
    const r = step(w, cmds, this.scratch);
    queue.forEach((q, k) => answers.push(() => q.onResult(r.results[k]!, at)));
    return r.events;
  }

  replayOf(c: Cluster): Replay {
    return {
      rulesVersion: RULES_VERSION,
      scenarioId: this.scenario.id,
      scenarioVersion: this.scenario.version,
      seed: this.seed,
      length: c.world.tick,
      log: c.log,
      hash: stateHash(c.world),
      score: scoreOf(c.world),
    };
  }
}

/** A finished world no longer steps; its commands are refused unlogged. */
function refuseFinished(w: World, queue: readonly Queued[], answers: (() => void)[]): void {
  const r: CommandResult = { ok: false, code: "round-over", message: "The round is over." };
  for (const q of queue) answers.push(() => q.onResult(r, w.tick));
}
