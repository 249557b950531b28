/**
 * The wire protocol of the classroom room, in one place that both the server and the
 * browser import (docs/protocol.md explains it): the room name, join errors, close codes,
 * the message types both ways and the room state as the client reads it (plain JSON).
 */
import type { GameEvent } from "../model/events.ts";
export const CLASSROOM_ROOM = "classroom";

/** Join refusals: thrown from onAuth/onJoin as ServerError(code, sentence). */
export const JOIN_ERRORS = {
  "bad-options": 4400,
  "bad-key": 4401,
  kicked: 4403,
  "late-join-off": 4409,
  "round-over": 4410,
  "bad-nickname": 4422,
  locked: 4423,
  "room-full": 4429,
  /** Too many lookups of codes that do not exist from this address (server/src/guessThrottle.ts). */
  "too-many-guesses": 4430,
  /** Too many joins of this class waiting to connect at this moment: worth retrying in a few seconds. */
  busy: 4431,
} as const;
export type JoinError = keyof typeof JOIN_ERRORS;

/** WebSocket close codes the room uses when it removes a client. */
export const CLOSE_CODES = { kicked: 4403, flood: 4429, replaced: 4409, restarting: 4503 } as const;

export type Role = "host" | "projector" | "student";

/** Client → server. */
export const STUDENT_MESSAGES = ["cmd"] as const;
// Host messages and their shapes: hostMessages.ts.
export const VIEWER_MESSAGES = ["spectate"] as const;

/** Server → client: "welcome", "reply", "events", "incident", "kicked", "round-over". */
export interface Welcome {
  readonly role: Role;
  readonly seat: string;
  /** Only on the first join of a seat: keep it to come back to the same seat later. */
  readonly seatToken: string;
  readonly cluster: string;
  readonly classroomId: string;
  /**
   * Host and projector only: the address students should open (the server's PUBLIC_ADDRESS,
   * else the LAN address it printed at start-up), or "" when the server knows none.
   */
  readonly classUrl: string;
}

export interface Reply {
  /** The `seq` the client sent (or -1). */
  readonly seq: number;
  readonly ok: boolean;
  readonly code: string;
  readonly message: string;
  /** The world tick a command was applied at (-1 when refused before queuing). */
  readonly tick: number;
}

export const MIN_SPEED = 1;
export const MAX_SPEED = 16;
/**
 * The fastest a solo run plays in the browser (simulated seconds per real second). A
 * submitted run that took less wall-clock time than its ticks at this speed since its
 * ticket was issued is refused as not played (server/src/runTickets.ts).
 */
export const MAX_SOLO_SPEED = 128;
export const MAX_SEATS = 150;

/** One engine event as a student receives it in an `events` message: the event and its sentence. */
export type ToldEvent = GameEvent & { readonly text: string };

/** One of the class's incidents, as the host and projector receive them in `incident`. */
export interface ClassIncident {
  readonly cluster: string;
  readonly name: string;
  readonly tick: number;
  readonly kind: string;
  readonly concept: string;
  /** The service it hit, by name ("" for node-wide trouble). */
  readonly service: string;
}

/** A seat as synchronised (students only). */
export interface SeatJson {
  readonly id: string;
  readonly nickname: string;
  readonly team: number;
  readonly cluster: string;
  readonly connected: boolean;
}

/** A leaderboard row as synchronised, one per cluster. */
export interface RowJson {
  readonly cluster: string;
  readonly name: string;
  readonly team: number;
  readonly score: number;
  readonly money: number;
  readonly slaBp: number;
  readonly incidents: number;
  readonly openIncidents: number;
  /** Times the bank bailed this cluster out (its score carries the cost). */
  readonly bailouts: number;
}

/**
 * A round's phases. "planning": the clusters exist and students may buy and place, but
 * the clock stands still until the planning time runs out (its last COUNTDOWN_SECONDS are
 * the countdown into the round). "paused" may interrupt planning or the round.
 */
export type Phase = "lobby" | "planning" | "running" | "paused" | "ended";

/** Planning time an instructor may give before the clock starts: none, or this many seconds. */
export const PLANNING_MIN_SECONDS = 30;
export const PLANNING_MAX_SECONDS = 60;
/** The last seconds of planning, shown as a countdown into the round. */
export const COUNTDOWN_SECONDS = 5;

/** The room state as plain data (Schema's toJSON of ClassroomState). */
export interface RoomStateJson {
  readonly code: string;
  readonly scenario: string;
  readonly title: string;
  readonly mode: string;
  readonly phase: Phase;
  readonly speed: number;
  readonly tick: number;
  readonly length: number;
  readonly locked: boolean;
  readonly lateJoin: boolean;
  /** Planning seconds this round opens with (0: none). */
  readonly planning: number;
  /** Seconds of planning left (0 outside planning; kept while planning is paused). */
  readonly planningLeft: number;
  /** Which round of this class it is: 1, then one more for each "new-round". */
  readonly round: number;
  readonly seats: Record<string, SeatJson>;
  readonly rows: Record<string, RowJson>;
  /** Cluster id → the ClusterView fields, with nodes and instances keyed by id. */
  readonly clusters: Record<string, Record<string, unknown>>;
}

/** How the class did with one concept over a round (the projector's closing screen, the report). */
export interface ConceptVerdict {
  readonly concept: string;
  /** The concept's name in the glossary. */
  readonly term: string;
  readonly incidents: number;
  /** Resolved by someone or something in place: automation, spare capacity, the student. */
  readonly handled: number;
  readonly open: number;
  /** Datacenters (students, or teams) that met it. */
  readonly clusters: number;
  readonly dropped: number;
  /** Resolvers and how many each handled (the report's `handledBy` ids). */
  readonly handledBy: Readonly<Record<string, number>>;
  readonly verdict: "well" | "mixed" | "badly";
  /** One sentence after the term: how often it happened, where, and who handled it. */
  readonly text: string;
  /** What would have prevented or softened it (for a concept not handled well), else "". */
  readonly tip: string;
}

/** The class's round summed up by concept, most frequent first: the "summary" message. */
export interface ClassSummary {
  readonly round: number;
  /** Datacenters in the round (students, or teams). */
  readonly clusters: number;
  readonly concepts: readonly ConceptVerdict[];
}
