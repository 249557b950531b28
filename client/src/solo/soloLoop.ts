/**
 * Solo play: the shared engine runs in the browser. The loop steps the world at the
 * chosen speed (ticks per real second) from requestAnimationFrame, with an accumulator so
 * the simulated clock does not depend on the frame rate.
 *
 * A player's command is applied at once with `applyNow` at the current tick (so a refusal
 * shows immediately, even while paused) and logged at that tick: the same as handing it to
 * the next `step`, so the log replays to the same world.
 * An optional ghost (a bot on the same scenario and seed) is stepped alongside to race.
 */
import {
  applyNow,
  BOTS,
  explainEvent,
  step,
  StepScratch,
  viewOf,
  type BotName,
  type ClusterView,
  type Command,
  type CommandResult,
  type GameEvent,
  type ReplayEntry,
  type Scenario,
  type World,
  createWorld,
  scoreOf,
  MAX_SOLO_SPEED,
} from "@overcommit/shared";

/** Simulated seconds per real second; solo may fast-forward beyond a room's 16. */
export const SPEEDS = [1, 2, 4, 8, 16, MAX_SOLO_SPEED] as const;
/** Samples kept for the HUD's sparklines and money trend (one per tick). */
const HISTORY = 240;
/** Never step more than this many ticks in one frame (keeps the page responsive). */
const MAX_STEPS_PER_FRAME = 8;

import type { GameSource, Update } from "./gameSource.ts";
export type { Update } from "./gameSource.ts";

export interface SoloOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly ghost?: BotName | undefined;
  /** Watch a recorded run: its commands are applied at their ticks and the player's are refused. */
  readonly replay?: readonly ReplayEntry[] | undefined;
}

export class SoloGame implements GameSource {
  readonly canControlTime = true;
  readonly world: World;
  readonly scenario: Scenario;
  readonly log: ReplayEntry[] = [];
  view: ClusterView;
  speed: number;
  paused = true;
  /** Per service: demand and capacity per tick, newest last. */
  readonly demandHist: number[][];
  readonly capacityHist: number[][];
  readonly moneyHist: number[] = [];
  readonly ghostName: BotName | undefined;
  ghost: World | null = null;
  readonly replay: readonly ReplayEntry[] | null;
  private replayAt = 0;
  /** The working memory of every step here, the ghost's too (they run one after the other). */
  private readonly scratch = new StepScratch();
  private readonly listeners = new Set<(u: Update) => void>();
  private readonly finishListeners = new Set<() => void>();
  private raf = 0;
  private last = 0;
  private acc = 0;
  private finishedNotified = false;

  constructor(opts: SoloOptions) {
    this.scenario = opts.scenario;
    this.world = createWorld(opts.scenario, opts.seed);
    this.speed = opts.scenario.speed;
    this.view = viewOf(this.world);
    this.demandHist = opts.scenario.services.map(() => []);
    this.capacityHist = opts.scenario.services.map(() => []);
    this.ghostName = opts.ghost;
    if (opts.ghost) this.ghost = createWorld(opts.scenario, opts.seed);
    this.replay = opts.replay ?? null;
  }

  onUpdate(f: (u: Update) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  onFinish(f: () => void): void {
    this.finishListeners.add(f);
  }

  /** Applies a player command now; the result says accepted or why not. */
  send(cmd: Command): CommandResult {
    if (this.world.finished) return { ok: false, code: "round-over", message: "The round is over." };
    if (this.replay)
      return { ok: false, code: "not-allowed", message: "This is a replay: watch, or play the level yourself." };
    const { result, events } = applyNow(this.world, cmd);
    if (result.ok) this.log.push({ tick: this.world.tick, cmd });
    this.publish(events);
    return result;
  }

  explain(e: GameEvent): string {
    return explainEvent(this.scenario, e);
  }

  start(): void {
    if (this.raf) return;
    this.last = performance.now();
    const frame = (now: number): void => {
      this.raf = requestAnimationFrame(frame);
      this.frame(now);
    };
    this.raf = requestAnimationFrame(frame);
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  setSpeed(s: number): void {
    this.speed = s;
    this.publish([]);
  }

  setPaused(p: boolean): void {
    this.paused = p;
    this.acc = 0;
    this.publish([]);
  }

  ghostScore(): number | null {
    return this.ghost ? scoreOf(this.ghost) : null;
  }

  /** Advances exactly n ticks now (tests and the "step" key use it). */
  advance(n: number): void {
    const events: GameEvent[] = [];
    for (let k = 0; k < n && !this.world.finished; k++) this.tickOnce(events);
    this.publish(events);
  }

  private frame(now: number): void {
    const dt = Math.min(0.25, (now - this.last) / 1000);
    this.last = now;
    if (this.paused || this.world.finished) return;
    this.acc += dt * this.speed;
    let n = Math.floor(this.acc);
    if (n <= 0) return;
    this.acc -= n;
    // At high speed several ticks run per frame; drop the backlog rather than spiral.
    const cap = Math.max(MAX_STEPS_PER_FRAME, Math.ceil(this.speed / 30) + 1);
    if (n > cap) {
      n = cap;
      this.acc = 0;
    }
    const events: GameEvent[] = [];
    for (let k = 0; k < n && !this.world.finished; k++) this.tickOnce(events);
    this.publish(events);
  }

  private tickOnce(events: GameEvent[]): void {
    // A replay's commands go in exactly as replayWorld() feeds them: those logged at this tick.
    const cmds: Command[] = [];
    if (this.replay)
      while (this.replayAt < this.replay.length && this.replay[this.replayAt]!.tick === this.world.tick)
        cmds.push(this.replay[this.replayAt++]!.cmd);
    const r = step(this.world, cmds, this.scratch);
    for (const e of r.events) events.push(e);
    if (this.ghost && !this.ghost.finished) step(this.ghost, BOTS[this.ghostName!].act(this.ghost), this.scratch);
    const w = this.world;
    w.services.forEach((st, s) => {
      push(this.demandHist[s]!, st.demand);
      push(this.capacityHist[s]!, st.capacity);
    });
    // Earnings, not money: a bail-out's top-up is a loan, not a trend.
    push(this.moneyHist, w.money - w.debt);
  }

  private publish(events: readonly GameEvent[]): void {
    this.view = viewOf(this.world);
    const u = { view: this.view, events };
    for (const f of this.listeners) f(u);
    if (this.world.finished && !this.finishedNotified) {
      this.finishedNotified = true;
      this.stop();
      for (const f of this.finishListeners) f();
    }
  }
}

function push(a: number[], v: number): void {
  a.push(v);
  if (a.length > HISTORY) a.shift();
}
