/**
 * Answers to client messages, and the path of a player's command: shape check with the
 * shared `parseCommand`, role check, queue for the next tick, then the engine's verdict.
 * Every message gets exactly one "reply": accepted, or refused with a code and a sentence.
 */
import type { Client } from "@colyseus/core";
import { HOST_ONLY_COMMANDS, parseCommand, type RefusalCode, type Reply } from "@overcommit/shared";
import type { Classroom, ClientData } from "./classroom.ts";

export function seqOf(message: unknown): number {
  if (typeof message !== "object" || message === null) return -1;
  const s = (message as Record<string, unknown>)["seq"];
  return typeof s === "number" && Number.isInteger(s) && s >= 0 && s <= 0x7fffffff ? s : -1;
}

export function reply(client: Client, r: Reply): void {
  client.send("reply", r);
}

export function refuseMessage(
  room: Pick<Classroom, "ctx">,
  client: Client,
  seq: number,
  code: RefusalCode | string,
  message: string,
): void {
  room.ctx.metrics.refused(code);
  reply(client, { seq, ok: false, code, message, tick: -1 });
}

export function handleCommand(room: Classroom, client: Client<ClientData>, seq: number, input: unknown): void {
  room.ctx.metrics.commands++;
  const parsed = parseCommand(input);
  if (!parsed.ok) return refuseMessage(room, client, seq, parsed.code, parsed.message);
  const cmd = parsed.value;
  if (HOST_ONLY_COMMANDS.includes(cmd.type))
    return refuseMessage(room, client, seq, "not-allowed", "Only the instructor can do that.");
  if (room.phase === "lobby") return refuseMessage(room, client, seq, "not-allowed", "The round has not started yet.");
  if (room.phase === "ended") return refuseMessage(room, client, seq, "round-over", "The round is over.");
  if (room.phase === "paused")
    return refuseMessage(room, client, seq, "not-allowed", "The instructor has paused the round.");
  // The cluster is always the sender's own: a command carries no cluster id to forge.
  const seat = room.book.seats.get(client.userData!.seat);
  const cluster = seat ? room.round.clusters.get(seat.cluster) : undefined;
  if (!cluster) return refuseMessage(room, client, seq, "not-allowed", "You have no cluster in this round.");
  const queued = room.round.enqueue(cluster, {
    cmd,
    onResult: (r, tick) => {
      if (r.ok) reply(client, { seq, ok: true, code: "", message: "", tick });
      else {
        room.ctx.metrics.refused(r.code);
        reply(client, { seq, ok: false, code: r.code, message: r.message, tick });
      }
    },
  });
  if (!queued)
    refuseMessage(room, client, seq, "rate-limited", "Too many commands for one tick: wait for the next one.");
}
