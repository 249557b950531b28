/**
 * The instructor's controls: lobby (lock, kick, rename, teams, late join), round (start,
 * pause, resume, end, speed, inject) and the class's next round (new-round). The room has
 * already checked that the sender is the host and the message's shape (the shared
 * `parseHostMessage`); each handler checks the phase and what its fields name, and replies
 * once.
 */
import type { Client } from "@colyseus/core";
import {
  checkNickname,
  CLOSE_CODES,
  type Command,
  type HostBody,
  type HostMessage,
  type HostRequest,
} from "@overcommit/shared";
import type { Classroom, ClientData } from "./classroom.ts";
import { refuseMessage, reply } from "./replies.ts";
import { publishClassView } from "./tick.ts";
import { cancelPlanning, startNextRound } from "./newRound.ts";

export type HostHandlers = {
  readonly [T in HostMessage]: (client: Client<ClientData>, seq: number, m: HostBody<T>) => void;
};

/** Runs a checked host message's handler. */
export function runHostMessage(
  handlers: HostHandlers,
  client: Client<ClientData>,
  seq: number,
  req: HostRequest,
): void {
  // The request's type and body match (parseHostMessage made them); the compiler cannot pair them through the union.
  (handlers[req.type] as (client: Client<ClientData>, seq: number, m: HostRequest["body"]) => void)(
    client,
    seq,
    req.body,
  );
}

export function hostHandlers(room: Classroom): HostHandlers {
  const ok = (client: Client, seq: number) =>
    reply(client, { seq, ok: true, code: "", message: "", tick: room.round.tick });
  const no = (client: Client, seq: number, code: string, message: string) =>
    refuseMessage(room, client, seq, code, message);
  const seatOf = (m: { readonly seat: string }) => room.book.seats.get(m.seat);

  return {
    lock(client, seq, m) {
      room.state.locked = m.locked;
      room.persistSettings();
      ok(client, seq);
    },

    "late-join"(client, seq, m) {
      room.state.lateJoin = m.on;
      room.persistSettings();
      ok(client, seq);
    },

    kick(client, seq, m) {
      const seat = seatOf(m);
      if (!seat) return no(client, seq, "bad-field", "There is no such student.");
      room.book.kick(seat.id);
      room.state.seats.delete(seat.id);
      room.persistSeat(seat, true);
      // Alone on the cluster (competitive mode): the cluster leaves the leaderboard too.
      const alone = seat.cluster ? room.round.clusters.get(seat.cluster) : undefined;
      if (alone && ![...room.book.seats.values()].some((s) => s.cluster === alone.id)) {
        room.persistCluster(alone, true);
        room.round.removeCluster(seat.cluster);
        room.state.rows.delete(seat.cluster);
        room.state.clusters.delete(seat.cluster);
      }
      const target = room.clients.find((c) => c.sessionId === seat.sessionId);
      if (target) {
        target.send("kicked", { message: "The instructor removed you from this classroom." });
        target.leave(CLOSE_CODES.kicked);
      }
      ok(client, seq);
    },

    rename(client, seq, m) {
      const seat = seatOf(m);
      if (!seat) return no(client, seq, "bad-field", "There is no such student.");
      const nick = checkNickname(m.nickname, room.book.nicknames(seat.id), room.ctx.blockedWords);
      if (!nick.ok) return no(client, seq, nick.code, nick.message);
      seat.nickname = nick.value;
      room.syncSeat(seat);
      room.persistSeat(seat);
      const c = room.round.clusters.get(seat.cluster);
      if (c && c.team === 0) {
        c.name = nick.value;
        room.persistCluster(c);
        const row = room.state.rows.get(c.id);
        if (row) row.name = nick.value;
      }
      ok(client, seq);
    },

    team(client, seq, m) {
      if (room.state.mode !== "teams") return no(client, seq, "not-allowed", "Teams exist only in team mode.");
      if (room.phase !== "lobby")
        return no(client, seq, "not-allowed", "Teams are set in the lobby, before the round starts.");
      const seat = seatOf(m);
      if (!seat) return no(client, seq, "bad-field", "There is no such student.");
      const team = m.team;
      const members = [...room.book.seats.values()].filter((s) => s.team === team && s !== seat).length;
      if (team > 0 && members >= room.state.teamSize)
        return no(client, seq, "too-many", `Team ${team} already has ${room.state.teamSize} students.`);
      seat.team = team;
      room.syncSeat(seat);
      room.persistSeat(seat);
      ok(client, seq);
    },

    start(client, seq) {
      // During planning, "start" cuts it short: the countdown into the round begins now.
      if (room.phase === "planning") {
        room.skipToCountdown();
        return ok(client, seq);
      }
      if (room.phase !== "lobby") return no(client, seq, "bad-state", "The round has already started.");
      if (room.book.size === 0) return no(client, seq, "bad-state", "Nobody has joined yet.");
      room.start();
      ok(client, seq);
    },

    pause(client, seq) {
      if (room.phase !== "running" && room.phase !== "planning")
        return no(client, seq, "bad-state", "The round is not running.");
      room.setPhase("paused");
      room.stopClock();
      // The paused screen shows the clock and rows as they stand, not as of the last class tick.
      publishClassView(room);
      ok(client, seq);
    },

    resume(client, seq) {
      if (room.phase !== "paused") return no(client, seq, "bad-state", "The round is not paused.");
      room.resume();
      ok(client, seq);
    },

    end(client, seq) {
      if (room.phase === "lobby" || room.phase === "ended")
        return no(client, seq, "bad-state", "There is no round under way to end.");
      // Before its clock started a round has nothing to score: the class goes back to the lobby.
      if (room.inPlanning) cancelPlanning(room);
      else room.endRound("host");
      ok(client, seq);
    },

    "new-round"(client, seq, m) {
      if (room.phase !== "ended") return no(client, seq, "bad-state", "A new round can start once this one is over.");
      const next = startNextRound(room, m);
      if (!next.ok) return no(client, seq, "bad-field", next.message);
      ok(client, seq);
    },

    speed(client, seq, m) {
      room.state.speed = m.speed;
      room.persistSettings();
      if (room.phase === "running") room.runClock();
      ok(client, seq);
    },

    inject(client, seq, m) {
      if ((room.phase !== "running" && room.phase !== "paused") || room.inPlanning)
        return no(client, seq, "bad-state", "Incidents can be injected only once the round's clock runs.");
      const to = m.cluster ?? "all";
      const clusters =
        to === "all"
          ? [...room.round.clusters.values()]
          : room.round.clusters.has(to)
            ? [room.round.clusters.get(to)!]
            : [];
      if (clusters.length === 0) return no(client, seq, "bad-field", '"cluster" must be a cluster id or "all".');
      const cmd: Command = { type: "inject", incident: m.incident, target: m.target ?? "any", size: m.size ?? 0 };
      // One reply once every cluster has applied (or refused) the incident.
      let refused = 0;
      let pending = clusters.length;
      const settle = (ok: boolean, tick: number) => {
        if (!ok) refused++;
        if (--pending > 0) return;
        if (refused === 0) return reply(client, { seq, ok: true, code: "", message: "", tick });
        const all = refused === clusters.length;
        reply(client, {
          seq,
          ok: !all,
          code: all ? "refused" : "partly-refused",
          message: `${refused} of ${clusters.length} clusters refused the incident.`,
          tick,
        });
      };
      for (const c of clusters) {
        if (!room.round.enqueue(c, { cmd, onResult: (r, tick) => settle(r.ok, tick) })) settle(false, -1);
      }
    },
  };
}
