/**
 * Seats and clusters: every student plays in a cluster of the round, their own (competitive
 * mode) or their team's, made when the first of them needs it and shown to the class as a
 * cluster in the state and a leaderboard row. A student who joins after the start is put
 * in the smallest team with room (team mode) and given a cluster at the round's tick.
 */
import type { Classroom } from "./classroom.ts";
import { mirrorWorld } from "./mirror.ts";
import type { Cluster } from "./round.ts";
import { ClusterState, RowState } from "./schema.ts";
import type { Seat } from "./seats.ts";
import { updateRow } from "./tick.ts";

/** A student who joins after the start: a team with room (team mode), then a cluster. */
export function placeLateJoiner(room: Classroom, seat: Seat): void {
  const byTeam = new Map<number, Cluster>();
  if (room.row.mode === "teams") {
    // Join the smallest team that has room, else open a new one.
    const size = new Map<number, number>();
    for (const s of room.book.seats.values())
      if (s !== seat && s.team > 0) size.set(s.team, (size.get(s.team) ?? 0) + 1);
    let best = 0;
    for (const [t, n] of size) if (n < room.row.team_size && (best === 0 || n < size.get(best)!)) best = t;
    seat.team = best || Math.max(0, ...size.keys()) + 1;
    for (const c of room.round.clusters.values()) if (c.team > 0) byTeam.set(c.team, c);
  }
  giveCluster(room, seat, byTeam);
}

/** The seat's cluster: its team's (made for the first of the team) or its own. */
export function giveCluster(room: Classroom, seat: Seat, byTeam: Map<number, Cluster>): void {
  if (seat.cluster) return;
  let c = seat.team > 0 ? byTeam.get(seat.team) : undefined;
  if (!c) {
    c = room.round.addCluster(seat.team > 0 ? `Team ${seat.team}` : seat.nickname, seat.team);
    if (seat.team > 0) byTeam.set(seat.team, c);
    room.persistCluster(c);
    showCluster(room, c);
  }
  seat.cluster = c.id;
  room.syncSeat(seat);
  room.persistSeat(seat);
  const client = room.clients.find((cl) => cl.sessionId === seat.sessionId);
  const cs = room.state.clusters.get(c.id);
  if (client && cs) {
    client.view?.add(cs);
    client.send("cluster", { cluster: c.id });
  }
}

/** Puts a cluster and its leaderboard row into the synchronised state. */
export function showCluster(room: Classroom, c: Cluster): void {
  const cs = new ClusterState();
  cs.id = c.id;
  room.state.clusters.set(c.id, cs);
  mirrorWorld(cs, c.world);
  const row = new RowState();
  row.cluster = c.id;
  row.name = c.name;
  row.team = c.team;
  room.state.rows.set(c.id, row);
  updateRow(room, c);
}
