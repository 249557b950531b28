/**
 * What a simulated student decides to do: a shadow of its cluster (the same scenario and
 * seed, stepped to the room's tick, with the student's own accepted commands re-applied at
 * the tick each reply names, so it is the server's cluster) and a shared bot (autopilot or
 * greedy) asked what to do in it. When the bot has nothing to do, the student cordons a
 * ready node, and uncordons it on its next turn, so that every student keeps sending.
 */
import { createWorld, step, StepScratch, type Bot, type Command, type Scenario, type World } from "@overcommit/shared";
import type { Reply } from "./conn.ts";

export interface Choice {
  readonly cmd: Command;
  /** The bot had nothing to do: a cordon or uncordon instead. */
  readonly fallback: boolean;
}

export class Shadow {
  world: World | null = null;
  /** Commands the server applied (or refused in the engine) by tick, not yet stepped into the shadow. */
  private readonly pending = new Map<number, Command[]>();
  private intent: Command[] = [];
  private cordoned = -1;
  private readonly scratch = new StepScratch();

  constructor(private readonly bot: Bot) {}

  /** Creates the shadow world, once the student knows its cluster. */
  begin(scenario: Scenario, seed: number): void {
    this.world = createWorld(scenario, seed);
    const first = this.bot.act(this.world);
    if (first.length > 0) this.intent = first;
  }

  /** Steps the shadow world to the room's tick, re-applying this student's commands where the server applied them. */
  advance(target: number): void {
    const w = this.world;
    if (!w) return;
    while (w.tick < target && !w.finished) {
      const cmds = this.pending.get(w.tick) ?? [];
      this.pending.delete(w.tick);
      step(w, cmds, this.scratch);
      const want = this.bot.act(w);
      if (want.length > 0) this.intent = want;
    }
  }

  /** The next command to send, or null when there is nothing to do (no ready node to cordon). */
  choose(): Choice | null {
    const w = this.world!;
    if (this.cordoned >= 0) return { cmd: { type: "uncordon", node: this.cordoned }, fallback: true };
    const next = this.intent.shift();
    if (next) return { cmd: next, fallback: false };
    const node = w.nodes.find((n) => n.state === "ready");
    return node ? { cmd: { type: "cordon", node: node.id }, fallback: true } : null;
  }

  /** The server's reply to `cmd`: applied (or refused by the engine) at `r.tick`, the shadow does the same there. */
  answered(r: Reply, cmd: Command): void {
    if (r.tick >= 0) {
      const list = this.pending.get(r.tick);
      if (list) list.push(cmd);
      else this.pending.set(r.tick, [cmd]);
    }
    if (r.ok && cmd.type === "cordon") this.cordoned = cmd.node;
    if (cmd.type === "uncordon") this.cordoned = -1;
  }
}
