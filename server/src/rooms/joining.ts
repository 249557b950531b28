/**
 * Who may join a classroom, judged against its code, keys and seats: the host key makes a
 * host, the projector key a projector, anything else a student, who needs a seat token the
 * room knows or a free seat and an acceptable nickname while the class takes newcomers.
 * Refusals are thrown as ServerError(code, sentence), the join errors of the protocol. The
 * room judges a join before reserving its seat (`admit`) and again as the client connects.
 */
import { ServerError, type Client } from "@colyseus/core";
import { checkNickname, CLOSE_CODES, JOIN_ERRORS, MAX_SEATS, type JoinError, type Role } from "@overcommit/shared";
import { keyMatches } from "../secrets.ts";
import type { Claimant } from "./admission.ts";
import type { Classroom, ClientData } from "./classroom.ts";
import type { Seat } from "./seats.ts";
import { placeLateJoiner } from "./seating.ts";

/** The answer to `admit`: plain data, since it may cross processes (Redis IPC). */
export type Admission = { readonly ok: true } | { readonly ok: false; readonly code: number; readonly message: string };

/** The join options a room reads; anything else a client sends is not kept with its seat. */
export const JOIN_OPTION_KEYS = ["code", "hostKey", "projectorKey", "seatToken", "nickname"] as const;

/** Host and projector connections at once: a class needs two or three. */
const MAX_VIEWERS = 20;
export function joinError(code: JoinError, message: string): ServerError {
  return new ServerError(JOIN_ERRORS[code], message);
}

/** The join options the room reads (JOIN_OPTION_KEYS), from whatever the client sent. */
export function joinOptions(options: unknown): Record<string, unknown> {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw joinError("bad-options", "Join a class with its code.");
  const o: Record<string, unknown> = {};
  for (const k of JOIN_OPTION_KEYS) if (Object.hasOwn(options, k)) o[k] = (options as Record<string, unknown>)[k];
  return o;
}

/** Who this join is, or the reason it is refused (thrown). */
export function judgeJoin(room: Classroom, o: Record<string, unknown>): { role: Role; claimant: Claimant } {
  if (o["code"] !== room.row.code) throw joinError("bad-options", "That is not this classroom's code.");
  if (o["hostKey"] !== undefined || o["projectorKey"] !== undefined) {
    const role = o["hostKey"] !== undefined ? "host" : "projector";
    if (
      role === "host"
        ? !keyMatches(o["hostKey"], room.row.host_key_hash)
        : !keyMatches(o["projectorKey"], room.row.projector_key_hash)
    ) {
      throw joinError("bad-key", `That ${role} key does not open this classroom.`);
    }
    if (
      room.clients.filter((c) => c.userData?.role === "host" || c.userData?.role === "projector").length >= MAX_VIEWERS
    ) {
      throw joinError("busy", "This classroom has too many instructor screens open: close one and try again.");
    }
    return { role, claimant: { kind: "viewer" } };
  }
  const seat = checkStudentJoin(room, o);
  return { role: "student", claimant: seat ? { kind: "seat", seat: seat.id } : { kind: "stranger" } };
}

/** Throws the reason a student cannot join now; returns the seat they get back, if any. */
export function checkStudentJoin(room: Classroom, o: Record<string, unknown>): Seat | undefined {
  if (room.book.isBanned(o["seatToken"]))
    throw joinError("kicked", "You were removed from this classroom by the instructor.");
  const seat = room.book.byTokenOf(o["seatToken"]);
  if (seat) return seat;
  if (room.phase === "ended") throw joinError("round-over", "This round is over.");
  if (room.state.locked) throw joinError("locked", "The instructor has locked this classroom.");
  if (room.phase !== "lobby" && !room.state.lateJoin)
    throw joinError("late-join-off", "The round has started and this classroom does not take late joiners.");
  if (room.book.size >= MAX_SEATS) throw joinError("room-full", "This classroom is full.");
  const nick = checkNickname(o["nickname"], room.book.nicknames(), room.ctx.blockedWords);
  if (!nick.ok) throw joinError("bad-nickname", nick.message);
  return undefined;
}

/**
 * Seats a student who has connected: their seat back (a second tab takes over from the
 * first), or a new one, with a cluster at once if the round is under way. Returns the new
 * seat's token ("" for a seat that was found), which the student keeps to come back.
 */
export function seatStudent(room: Classroom, client: Client<ClientData>, o: Record<string, unknown>): string {
  let token = "";
  // Checked again: another student may have taken the nickname since onAuth.
  let seat = checkStudentJoin(room, o);
  if (!seat) {
    const nick = checkNickname(o["nickname"], room.book.nicknames(), room.ctx.blockedWords);
    if (!nick.ok) throw joinError("bad-nickname", nick.message);
    const made = room.book.create(nick.value);
    seat = made.seat;
    token = made.token;
    if (room.phase !== "lobby" && room.phase !== "ended") placeLateJoiner(room, seat);
  } else if (seat.sessionId) {
    // The same student opened a second tab (or their old socket is half-dead): the new one wins.
    room.clients.find((c) => c.sessionId === seat!.sessionId)?.leave(CLOSE_CODES.replaced);
  }
  seat.sessionId = client.sessionId;
  client.userData!.seat = seat.id;
  room.syncSeat(seat);
  room.persistSeat(seat);
  const cs = seat.cluster ? room.state.clusters.get(seat.cluster) : undefined;
  if (cs) client.view?.add(cs);
  return token;
}
