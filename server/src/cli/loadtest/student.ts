/**
 * One simulated student: it joins with a shadow of its cluster (shadow.ts) and, once it
 * knows its cluster, sends one real `cmd` every 3–8 s (think time after the reply,
 * jittered; the first 0.5–5 s after it got its cluster). Round trips are timed from send to
 * `reply`; what its socket received and whether it kept up with its class are recorded for
 * the played window.
 */
import type { Room } from "colyseus.js";
import type { Bot, Command, Scenario } from "@overcommit/shared";
import { makeConn, stateTick, type Conn, type Reply } from "./conn.ts";
import { ReceivedBytes } from "./bytes.ts";
import { KeepingUp } from "./keepingUp.ts";
import { Shadow } from "./shadow.ts";
import type { Stats } from "./stats.ts";
import type { PlayedWindow } from "./window.ts";

/** Think time between a reply and the next command, ms. */
const THINK_MIN_MS = 3000;
const THINK_MAX_MS = 8000;
/** A reply later than this counts as an error (and that student's shadow may drift). */
export const REPLY_TIMEOUT_MS = 10_000;

/** What every student of a run shares. */
export interface Play {
  readonly stats: Stats;
  readonly window: PlayedWindow;
  readonly scenario: Scenario;
  readonly seed: number;
}

interface Inflight {
  readonly seq: number;
  readonly sentAt: number;
  readonly cmd: Command;
  readonly fallback: boolean;
  readonly timer: NodeJS.Timeout;
  /** Sent during the played window (only those count towards starvation). */
  readonly inWindow: boolean;
}

function rand(min: number, max: number): number {
  return min + Math.random() * (max - min);
}

export class Student {
  readonly conn: Conn;
  readonly bytes: ReceivedBytes;
  readonly keep = new KeepingUp();
  private readonly shadow: Shadow;
  private seq = 1;
  private inflight: Inflight | null = null;
  private timer: NodeJS.Timeout | null = null;
  roundOver = false;
  dropped = false;

  constructor(
    readonly classIdx: number,
    room: Room,
    bot: Bot,
    label: string,
    private readonly play: Play,
  ) {
    this.bytes = new ReceivedBytes(room);
    this.shadow = new Shadow(bot);
    room.onStateChange(() => this.keep.patched(performance.now(), play.window, this.roundOver));
    this.conn = makeConn(
      room,
      play.stats,
      (type, message) => this.onMessage(type, message),
      label,
      () => {
        this.dropped = true;
        this.stopTurns();
      },
    );
  }

  /** The room's clock as this student sees it. */
  get tick(): number {
    return stateTick(this.conn.room);
  }

  /** A command of this student's is waiting for its reply. */
  get waiting(): boolean {
    return this.inflight !== null;
  }

  get hasShadow(): boolean {
    return this.shadow.world !== null;
  }

  /** No more turns (the window is over, or the student left). */
  stopTurns(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** Stops waiting for the reply in flight, if any. */
  forgetInflight(): void {
    if (this.inflight) clearTimeout(this.inflight.timer);
  }

  /** Steps the shadow to a mirrored cluster's tick and says whether it is that cluster (tick and money). */
  matches(cluster: { tick: number; money: number }): boolean {
    this.shadow.advance(cluster.tick);
    const w = this.shadow.world!;
    return w.tick === cluster.tick && w.money === cluster.money;
  }

  private schedule(ms: number): void {
    if (this.play.window.stopping || this.roundOver || this.dropped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.turn();
    }, ms);
  }

  private turn(): void {
    const { stats, window } = this.play;
    if (window.stopping || this.roundOver || this.dropped || !this.shadow.world || this.inflight) return;
    this.shadow.advance(this.tick);
    const choice = this.shadow.choose();
    if (!choice) return this.schedule(rand(THINK_MIN_MS, THINK_MAX_MS));
    const seq = this.seq++;
    const timer = setTimeout(() => {
      if (this.inflight?.seq !== seq) return;
      stats.error(`class ${this.classIdx}: no reply to command ${seq} within ${REPLY_TIMEOUT_MS} ms`);
      this.keep.unanswered(this.inflight.inWindow);
      this.inflight = null;
      this.schedule(rand(THINK_MIN_MS, THINK_MAX_MS));
    }, REPLY_TIMEOUT_MS);
    this.inflight = {
      seq,
      sentAt: performance.now(),
      cmd: choice.cmd,
      fallback: choice.fallback,
      timer,
      inWindow: window.measuring,
    };
    stats.commandsSent++;
    if (choice.fallback) stats.commandsFallback++;
    this.conn.room.send("cmd", { seq, cmd: choice.cmd });
  }

  private onMessage(type: string, message: any): void {
    if (type === "cluster" || (type === "welcome" && message?.cluster)) {
      if (!this.shadow.world) {
        this.shadow.begin(this.play.scenario, this.play.seed);
        this.schedule(rand(500, 5000));
      }
      return;
    }
    if (type === "round-over") {
      this.roundOver = true;
      this.stopTurns();
      return;
    }
    if (type !== "reply") return;
    const r = message as Reply;
    const f = this.inflight;
    if (!f || r.seq !== f.seq) return;
    const { stats, window } = this.play;
    clearTimeout(f.timer);
    this.inflight = null;
    stats.replies++;
    const rtt = performance.now() - f.sentAt;
    stats.rtt.push(rtt);
    this.keep.replied(rtt, f.inWindow);
    if (window.steady(f.sentAt, f.inWindow)) stats.rttSteady.push(rtt);
    if (r.ok) stats.repliesOk++;
    else stats.refusals.set(r.code, (stats.refusals.get(r.code) ?? 0) + 1);
    this.shadow.answered(r, f.cmd);
    if (r.code === "round-over") this.roundOver = true;
    this.schedule(rand(THINK_MIN_MS, THINK_MAX_MS));
  }
}
