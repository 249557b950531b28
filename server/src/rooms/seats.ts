/**
 * The seats of a classroom: who is in the room as a student, under which nickname, in
 * which team and on which cluster. A seat is found again by its seat token (a secret the
 * student's browser keeps), never by nickname, so a kicked student is banned by token and
 * a returning student gets their own cluster back whatever name they type.
 */
import { randomBytes } from "node:crypto";
import { hashKey, newSecret } from "../secrets.ts";

export interface Seat {
  readonly id: string;
  readonly tokenHash: string;
  nickname: string;
  /** Team number (1…) in team mode; 0 until assigned, and always 0 in competitive mode. */
  team: number;
  /** Cluster id once the round has given it one, else "". */
  cluster: string;
  /** Session id of the connected client, or "". */
  sessionId: string;
}

export class SeatBook {
  readonly seats = new Map<string, Seat>();
  private readonly byToken = new Map<string, Seat>();
  private readonly banned = new Set<string>();

  /** Creates a seat; returns it with the token to hand to the student (shown once). */
  create(nickname: string): { seat: Seat; token: string } {
    const token = newSecret();
    const seat: Seat = {
      id: `s${randomBytes(4).toString("hex")}`,
      tokenHash: hashKey(token),
      nickname,
      team: 0,
      cluster: "",
      sessionId: "",
    };
    this.seats.set(seat.id, seat);
    this.byToken.set(seat.tokenHash, seat);
    return { seat, token };
  }

  /** Puts back a seat from storage (crash recovery): a kicked one only as a banned token. */
  restore(s: {
    id: string;
    tokenHash: string;
    nickname: string;
    team: number;
    cluster: string;
    kicked: boolean;
  }): void {
    if (s.kicked) {
      if (s.tokenHash) this.banned.add(s.tokenHash);
      return;
    }
    const seat: Seat = {
      id: s.id,
      tokenHash: s.tokenHash,
      nickname: s.nickname,
      team: s.team,
      cluster: s.cluster,
      sessionId: "",
    };
    this.seats.set(seat.id, seat);
    if (s.tokenHash) this.byToken.set(s.tokenHash, seat);
  }

  byTokenOf(token: unknown): Seat | undefined {
    return typeof token === "string" && token.length <= 200 ? this.byToken.get(hashKey(token)) : undefined;
  }

  isBanned(token: unknown): boolean {
    return typeof token === "string" && token.length <= 200 && this.banned.has(hashKey(token));
  }

  /** Removes a seat and bans its token for the life of the room. */
  kick(id: string): Seat | undefined {
    const seat = this.seats.get(id);
    if (!seat) return undefined;
    this.seats.delete(id);
    this.byToken.delete(seat.tokenHash);
    this.banned.add(seat.tokenHash);
    return seat;
  }

  nicknames(except?: string): string[] {
    return [...this.seats.values()].filter((s) => s.id !== except).map((s) => s.nickname);
  }

  bySession(sessionId: string): Seat | undefined {
    for (const s of this.seats.values()) if (s.sessionId === sessionId) return s;
    return undefined;
  }

  get size(): number {
    return this.seats.size;
  }
}

/**
 * Team mode: puts every seat without a team into one, filling the smallest team first
 * and opening a new team when all are full, so teams stay between 2 and `size` members
 * where the class allows it.
 */
export function fillTeams(seats: Iterable<Seat>, size: number): void {
  const all = [...seats];
  const count = new Map<number, number>();
  for (const s of all) if (s.team > 0) count.set(s.team, (count.get(s.team) ?? 0) + 1);
  const unassigned = all.filter((s) => s.team === 0);
  const teamsNeeded = Math.max(count.size, Math.ceil(all.length / size));
  for (let t = 1; count.size < teamsNeeded; t++) if (!count.has(t)) count.set(t, 0);
  for (const s of unassigned) {
    let best = -1;
    for (const [t, n] of count) if (n < size && (best < 0 || n < count.get(best)!)) best = t;
    if (best < 0) {
      best = Math.max(0, ...count.keys()) + 1;
      count.set(best, 0);
    }
    s.team = best;
    count.set(best, count.get(best)! + 1);
  }
}
