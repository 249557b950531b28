/**
 * A connection to a classroom room (docs/protocol.md): joining with the right options for
 * each role, keeping a student's seat token so a refresh returns to the same cluster,
 * sending messages with a `seq` and resolving each with its `reply`, and handing out the
 * room state as plain JSON (Schema's toJSON) so screens never touch Schema objects.
 *
 * A connection that drops (network, or the server restarting or crashing) is re-established
 * here, with back-off, for every screen: first as a reconnection to the same room, then by
 * joining the code again with the seat token or key (a restarted server brings the room
 * back under the same code). Listeners stay registered across it; "reconnecting" and
 * "reconnected" let a screen say what is happening, and "leave" comes only when it is over.
 */
import { Client, type Room } from "colyseus.js";
import { savedSeatToken, seatKey } from "./hostKeys.ts";
import {
  CLOSE_CODES,
  JOIN_ERRORS,
  type ClassSummary,
  type ClientBody,
  type ClientMessage,
  type Reply as ReplyMessage,
  type RoomStateJson,
  type RowJson,
  type SeatJson,
  type Welcome,
} from "@overcommit/shared";

export { savedSeatToken, saveHostKeys, savedHostKeys } from "./hostKeys.ts";

export type { Role, Welcome } from "@overcommit/shared";
export type Seat = SeatJson;
export type Row = RowJson;
export type RoomState = RoomStateJson;
/** A reply as the client reads it (the `seq` is matched inside this module). */
export type Reply = Omit<ReplyMessage, "seq">;

function endpoint(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
}

/** Close codes after which trying again is pointless (the server removed this client). */
const FINAL_CLOSES: ReadonlySet<number> = new Set([CLOSE_CODES.kicked, CLOSE_CODES.replaced, CLOSE_CODES.flood]);
/** Join refusals that will not change by waiting (a missing room may be a server restoring). */
const FINAL_JOIN_ERRORS: ReadonlySet<number> = new Set([
  JOIN_ERRORS["kicked"],
  JOIN_ERRORS["bad-key"],
  JOIN_ERRORS["round-over"],
  JOIN_ERRORS["bad-options"],
]);
/** Joins refused as "busy" tried again (about 15 s in all) before the refusal is shown. */
const BUSY_RETRIES = 5;
/** How long to keep trying before giving up on the class. */
const RECONNECT_FOR_MS = 3 * 60_000;

/** Wait before reconnection attempt `n` (1…): doubling from ¼ s to 8 s, with jitter so a class does not retry in step. */
export function reconnectDelay(n: number, random: () => number = Math.random): number {
  const base = Math.min(8000, 250 * 2 ** Math.max(0, n - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

type JoinAs = { nickname?: string; hostKey?: string; projectorKey?: string };

export interface Reconnecting {
  readonly attempt: number;
  readonly message: string;
}

export class Classroom {
  state: RoomState | null = null;
  welcome: Welcome | null = null;
  /** The student's cluster id: from `welcome` on a rejoin, else from `cluster` at round start. */
  clusterId = "";
  /** True while the connection is being re-established. */
  reconnecting = false;
  /** The class summary of the round that ended last (the "summary" message), or null. */
  summary: ClassSummary | null = null;
  private seq = 0;
  private leaving = false;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private readonly stateListeners = new Set<(s: RoomState) => void>();
  private readonly messageListeners = new Map<string, Set<(body: unknown) => void>>();

  private constructor(
    private room: Room,
    readonly code: string,
    private readonly as: JoinAs,
  ) {
    this.bind(room);
  }

  private bind(room: Room): void {
    this.room = room;
    room.onStateChange((s: { toJSON(): unknown }) => {
      // Maps the view filters out (or that are still empty) may be missing: default them.
      const raw = s.toJSON() as Partial<RoomState>;
      this.state = {
        ...(raw as RoomState),
        seats: raw.seats ?? {},
        rows: raw.rows ?? {},
        clusters: raw.clusters ?? {},
      };
      for (const f of this.stateListeners) f(this.state);
    });
    room.onMessage("reply", (r: Reply & { seq: number }) => {
      const f = this.waiting.get(r.seq);
      this.waiting.delete(r.seq);
      f?.(r);
    });
    room.onMessage("welcome", (w: Welcome) => {
      this.welcome = w;
      if (w.cluster) this.clusterId = w.cluster;
      if (w.seatToken) localStorage.setItem(seatKey(this.code), w.seatToken);
      this.emit("welcome", w);
    });
    room.onMessage("cluster", (b: { cluster: string }) => {
      this.clusterId = b.cluster;
      if (this.state) for (const f of this.stateListeners) f(this.state);
    });
    room.onMessage("server-restarting", (b: { message?: string }) =>
      this.emit("reconnecting", {
        attempt: 0,
        message: b.message ?? "The server is restarting.",
      } satisfies Reconnecting),
    );
    room.onMessage("summary", (b: ClassSummary) => {
      this.summary = b;
      this.emit("summary", b);
    });
    for (const type of ["events", "incident", "kicked", "round-over", "notice"])
      room.onMessage(type, (body: unknown) => this.emit(type, body));
    room.onLeave((code: number) => {
      if (room !== this.room) return;
      if (this.leaving || FINAL_CLOSES.has(code) || this.state?.phase === "ended") return this.emit("leave", code);
      void this.reconnect(room, code);
    });
  }

  /** Joins as a student (a saved seat token returns to the same seat), host or projector. */
  static async join(code: string, as: JoinAs): Promise<Classroom> {
    const c = code.trim().toUpperCase();
    for (let attempt = 1; ; attempt++) {
      try {
        const room = await new Client(endpoint()).join("classroom", Classroom.options(c, as));
        return new Classroom(room, c, as);
      } catch (e) {
        // "busy": too many joins of this class are connecting at this very moment (a whole class at once).
        if ((e as { code?: number }).code !== JOIN_ERRORS["busy"] || attempt >= BUSY_RETRIES) throw e;
        await new Promise((r) => setTimeout(r, reconnectDelay(attempt + 2)));
      }
    }
  }

  private static options(code: string, as: JoinAs): Record<string, unknown> {
    const token = as.hostKey || as.projectorKey ? null : savedSeatToken(code);
    return as.hostKey
      ? { code, hostKey: as.hostKey }
      : as.projectorKey
        ? { code, projectorKey: as.projectorKey }
        : token
          ? { code, seatToken: token }
          : { code, nickname: as.nickname ?? "" };
  }

  /**
   * Tries again, with back-off, until back in the class or it is clearly over: the same room
   * (a network blip; not after a restart, whose room is new) or the code again.
   */
  private async reconnect(dropped: Room, code: number): Promise<void> {
    this.reconnecting = true;
    const until = Date.now() + RECONNECT_FOR_MS;
    const sameRoom = code !== CLOSE_CODES.restarting;
    for (let attempt = 1; !this.leaving; attempt++) {
      this.emit("reconnecting", {
        attempt,
        message:
          attempt === 1
            ? "Connection lost: reconnecting to the class…"
            : `Reconnecting to the class (attempt ${attempt})…`,
      } satisfies Reconnecting);
      await new Promise((r) => setTimeout(r, reconnectDelay(attempt)));
      if (this.leaving) return;
      const client = new Client(endpoint());
      try {
        let room: Room | null = null;
        if (sameRoom && attempt <= 2) room = await client.reconnect(dropped.reconnectionToken).catch(() => null);
        room ??= await client.join("classroom", Classroom.options(this.code, this.as));
        if (this.leaving) return void room.leave();
        this.reconnecting = false;
        this.bind(room);
        this.emit("reconnected", {});
        return;
      } catch (e) {
        const err = e as { code?: number };
        if ((err.code !== undefined && FINAL_JOIN_ERRORS.has(err.code)) || Date.now() > until) {
          this.reconnecting = false;
          this.emit("leave", err.code ?? code);
          return;
        }
      }
    }
  }

  send<T extends ClientMessage>(type: T, body: ClientBody<T>): Promise<Reply> {
    if (this.reconnecting)
      return Promise.resolve({
        ok: false,
        code: "reconnecting",
        message: "Reconnecting to the class: try again in a moment.",
        tick: -1,
      });
    const seq = this.seq++;
    return new Promise((resolve) => {
      this.waiting.set(seq, resolve);
      this.room.send(type, { ...body, seq });
      // A reply that never comes (a dropped socket) must not hang the caller forever.
      setTimeout(() => {
        if (this.waiting.delete(seq))
          resolve({
            ok: false,
            code: "timeout",
            message: "The server did not answer; check your connection.",
            tick: -1,
          });
      }, 10000);
    });
  }

  onState(f: (s: RoomState) => void): () => void {
    this.stateListeners.add(f);
    if (this.state) f(this.state);
    return () => this.stateListeners.delete(f);
  }

  on(type: string, f: (body: unknown) => void): () => void {
    let set = this.messageListeners.get(type);
    if (!set) this.messageListeners.set(type, (set = new Set()));
    set.add(f);
    return () => set.delete(f);
  }

  leave(): void {
    this.leaving = true;
    void this.room.leave();
  }

  private emit(type: string, body: unknown): void {
    for (const f of this.messageListeners.get(type) ?? []) f(body);
  }
}

/** Why the connection to the class ended for good, as a sentence (`code`: close or join error code). */
export function leaveText(code: number): string {
  if (code === CLOSE_CODES.replaced) return "You opened this class in another tab or window; it continues there.";
  if (code === CLOSE_CODES.kicked || code === JOIN_ERRORS["kicked"])
    return "The instructor removed you from the class.";
  if (code === CLOSE_CODES.flood)
    return "Too many messages were sent from this page, so the server closed it. Rejoin with the same code to get your cluster back.";
  if (code === JOIN_ERRORS["round-over"]) return "This round is over.";
  return "The connection to the class was lost. Rejoin with the same code to get your cluster back.";
}

/** A join error from colyseus.js as a sentence (the server's own message when it sent one). */
export function joinErrorText(e: unknown): string {
  const err = e as { code?: number; message?: string };
  if (err.code === 4211 || /no rooms found/i.test(err.message ?? "")) return "There is no live class with that code.";
  // The matchmaking request itself failed: no game server behind this page.
  if (!err.code || /not found|failed to fetch|network|ECONNREFUSED/i.test(err.message ?? ""))
    return "The class server cannot be reached. Classroom play needs the Overcommit server (npm start); solo play works without it.";
  return err.message || "Could not join the class.";
}
