/**
 * The wire protocol of the classroom room, in one place (docs/protocol.md explains it):
 * the room name, join errors, close codes and the message types both ways.
 */
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
} as const;
export type JoinError = keyof typeof JOIN_ERRORS;

/** WebSocket close codes the room uses when it removes a client. */
export const CLOSE_CODES = { kicked: 4403, flood: 4429, replaced: 4409 } as const;

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
