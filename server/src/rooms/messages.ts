/**
 * Every message a client sends the room, routed: a flooder's socket is closed, a burst is
 * refused, a message that is not an object is refused; then a student's command goes to
 * the queue (replies.ts), a viewer's spectate to spectating.ts, and the host's controls,
 * checked for shape by the shared `parseHostMessage`, to their handlers (hostActions.ts).
 * Every message gets exactly one reply.
 */
import type { Client } from "@colyseus/core";
import { CLOSE_CODES, isHostMessage, parseHostMessage } from "@overcommit/shared";
import type { Classroom, ClientData } from "./classroom.ts";
import { runHostMessage, type HostHandlers } from "./hostActions.ts";
import { handleCommand, refuseMessage, seqOf } from "./replies.ts";
import { spectate } from "./spectating.ts";

/** Routes one message: a flooder is cut off, a burst refused, then each type to its own checks and handler. */
export function dispatchMessage(
  room: Classroom,
  handlers: HostHandlers,
  client: Client<ClientData>,
  type: string,
  message: unknown,
): void {
  const data = client.userData;
  // A flooder's messages already in the socket's buffer keep arriving after it was told to
  // leave (the close handshake takes a while): they are dropped, not disconnected again.
  if (!data || data.closing) return;
  const seq = seqOf(message);
  const verdict = data.limiter.take(Date.now());
  if (verdict === "flood") {
    data.closing = true;
    room.ctx.metrics.refused("flood");
    room.ctx.log.warn({ room: room.roomId, seat: data.seat, role: data.role }, "flood: disconnecting");
    client.leave(CLOSE_CODES.flood);
    return;
  }
  if (verdict === "limited")
    return refuseMessage(room, client, seq, "rate-limited", "Too many messages: slow down a little.");
  if (typeof message !== "object" || message === null || Array.isArray(message)) {
    return refuseMessage(room, client, seq, "bad-command", "A message must be an object.");
  }
  if (type === "cmd") {
    if (data.role !== "student")
      return refuseMessage(
        room,
        client,
        seq,
        "not-allowed",
        "Only students play commands; the instructor uses the room controls.",
      );
    return handleCommand(room, client, seq, (message as Record<string, unknown>)["cmd"]);
  }
  if (type === "spectate") {
    if (data.role === "student")
      return refuseMessage(
        room,
        client,
        seq,
        "not-allowed",
        "Only the instructor and the projector can watch other clusters.",
      );
    return spectate(room, client, seq, (message as Record<string, unknown>)["cluster"]);
  }
  // Own keys only: "constructor", "toString", "__proto__"… are Object.prototype members, not messages.
  if (!isHostMessage(type)) return refuseMessage(room, client, seq, "unknown-command", "Unknown message type.");
  if (data.role !== "host") return refuseMessage(room, client, seq, "not-allowed", "Only the instructor can do that.");
  const parsed = parseHostMessage(type, message);
  if (!parsed.ok) return refuseMessage(room, client, seq, parsed.code, parsed.message);
  runHostMessage(handlers, client, seq, parsed.value);
}
