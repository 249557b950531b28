/**
 * The wire protocol of the classroom room, in one place that both the server and the
 * browser import (docs/protocol.md explains it): the room name, join errors, close codes,
 * the message types both ways and the room state as the client reads it (plain JSON).
 */
import type { GameEvent } from "./events.ts";
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
} as const;
export type JoinError = keyof typeof JOIN_ERRORS;

/** WebSocket close codes the room uses when it removes a client. */
export const CLOSE_CODES = { kicked: 4403, flood: 4429, replaced: 4409, restarting: 4503 } as const;

export type Role = "host" | "projector" | "student";

/** Client → server. */
export const STUDENT_MESSAGES = ["cmd"] as const;
export const HOST_MESSAGES = ["lock", "kick", "rename", "team", "start", "pause", "resume", "end", "speed", "inject", "late-join"] as const;
export const VIEWER_MESSAGES = ["spectate"] as const;
export type HostMessage = (typeof HOST_MESSAGES)[number];

/** Server → client: "welcome", "reply", "events", "incident", "kicked", "round-over". */
export interface Welcome {
  readonly role: Role;
  readonly seat: string;
  /** Only on the first join of a seat: keep it to come back to the same seat later. */
  readonly seatToken: string;
  readonly cluster: string;
  readonly classroomId: string;
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
  readonly bankrupt: boolean;
}

export type Phase = "lobby" | "running" | "paused" | "ended";

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
  readonly seats: Record<string, SeatJson>;
  readonly rows: Record<string, RowJson>;
  /** Cluster id → the ClusterView fields, with nodes and instances keyed by id. */
  readonly clusters: Record<string, Record<string, unknown>>;
}
