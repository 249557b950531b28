/**
 * A classroom as the room's helpers see it: what they may read and change, and the room's
 * own operations they may call (ClassroomRoom implements it). The helpers (tick.ts,
 * messages.ts, hostActions.ts, replies.ts, spectating.ts, planning.ts, newRound.ts,
 * joining.ts, seating.ts, roundResults.ts, recovery.ts) depend on this, not on the room class, so the room imports them and none of
 * them imports the room; a test can drive a helper with a plain object of the parts it reads.
 */
import type { Client } from "@colyseus/core";
import type { ClassSummary, Phase, Role, Scenario } from "@overcommit/shared";
import type { Config } from "../config.ts";
import type { Metrics } from "../metrics.ts";
import type { ClassroomRow } from "../storage/classrooms.ts";
import type { RoomContext } from "./context.ts";
import type { MirrorSchedule } from "./mirrorSchedule.ts";
import type { RateLimiter } from "./rateLimit.ts";
import type { Cluster, Round } from "./round.ts";
import type { ClassroomState } from "./schema.ts";
import type { Seat, SeatBook } from "./seats.ts";

export interface ClientData {
  role: Role;
  seat: string;
  /** Cluster a host or projector spectates, or "". */
  spectating: string;
  limiter: RateLimiter;
  /** Disconnected for flooding: whatever it still sends is ignored. */
  closing?: boolean;
}

/** What one room tick reads and changes (tick.ts): enough for a test to tick a round without a server. */
export interface TickedRoom {
  readonly phase: Phase;
  readonly ctx: { readonly config: Pick<Config, "measureTickCpu">; readonly metrics: Pick<Metrics, "tick"> };
  readonly clients: readonly Client<ClientData>[];
  readonly round: Round;
  readonly scenario: Scenario;
  readonly state: ClassroomState;
  readonly book: { readonly seats: ReadonlyMap<string, Seat> };
  /** Which clusters each tick mirrors into the state. */
  readonly mirrors: MirrorSchedule<Cluster>;
  /** Sends this tick's patch now. */
  broadcastPatch(): void;
  endRound(why: string): void;
}

export interface Classroom extends TickedRoom {
  readonly roomId: string;
  readonly ctx: RoomContext;
  row: ClassroomRow;
  scenario: Scenario;
  round: Round;
  readonly book: SeatBook;
  phase: Phase;
  /** Planning time left (ms): counts down in "planning", kept while paused; 0 once the clock has started. */
  planningMs: number;
  /** In planning, or paused during it: the round's clock has not started. */
  readonly inPlanning: boolean;
  /** Restored after a restart and not resumed yet: the instructor is told why it is paused. */
  restoredPaused: boolean;
  /** The last round's class summary by concept, sent to whoever joins after the end. */
  summary: ClassSummary | null;

  /** Sets the round's phase in state and storage. */
  setPhase(phase: Phase): void;
  /** Gives every seat a cluster, then opens the planning phase, or starts the clock when there is none. */
  start(): void;
  /** Planning is over (its time ran out): the clock starts. */
  beginClock(): void;
  /** Skips to the countdown: the instructor starts the round before the planning time is up. */
  skipToCountdown(): void;
  /** Puts the planning seconds left into the state (and storage, for a restore) when they change. */
  showPlanningLeft(): void;
  /** Resumes a paused round: back into planning if its clock had not started yet. */
  resume(): void;
  runClock(): void;
  stopClock(): void;

  syncSeat(seat: Seat): void;
  persistSeat(seat: Seat, kicked?: boolean): void;
  /** The settings the instructor can change mid-round, so a restored room keeps them. */
  persistSettings(): void;
  persistCluster(c: Cluster, removed?: boolean): void;
}
