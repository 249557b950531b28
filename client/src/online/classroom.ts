/**
 * A connection to a classroom room (docs/protocol.md): joining with the right options for
 * each role, keeping a student's seat token so a refresh returns to the same cluster,
 * sending messages with a `seq` and resolving each with its `reply`, and handing out the
 * room state as plain JSON (Schema's toJSON) so screens never touch Schema objects.
 */
import { Client, type Room } from "colyseus.js";
import { savedSeatToken, seatKey } from "./hostKeys.ts";
import type { Reply as ReplyMessage, RoomStateJson, RowJson, SeatJson, Welcome } from "@overcommit/shared";

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

export class Classroom {
  state: RoomState | null = null;
  welcome: Welcome | null = null;
  /** The student's cluster id: from `welcome` on a rejoin, else from `cluster` at round start. */
  clusterId = "";
  private seq = 0;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private readonly stateListeners = new Set<(s: RoomState) => void>();
  private readonly messageListeners = new Map<string, Set<(body: unknown) => void>>();

  private constructor(
    private readonly room: Room,
    readonly code: string,
  ) {
    room.onStateChange((s: { toJSON(): unknown }) => {
      // Maps the view filters out (or that are still empty) may be missing: default them.
      const raw = s.toJSON() as Partial<RoomState>;
      this.state = { ...(raw as RoomState), seats: raw.seats ?? {}, rows: raw.rows ?? {}, clusters: raw.clusters ?? {} };
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
      if (w.seatToken) localStorage.setItem(seatKey(code), w.seatToken);
      this.emit("welcome", w);
    });
    room.onMessage("cluster", (b: { cluster: string }) => {
      this.clusterId = b.cluster;
      if (this.state) for (const f of this.stateListeners) f(this.state);
    });
    for (const type of ["events", "incident", "kicked", "round-over"]) room.onMessage(type, (body: unknown) => this.emit(type, body));
    room.onLeave((code: number) => this.emit("leave", code));
  }

  /** Joins as a student (a saved seat token returns to the same seat), host or projector. */
  static async join(code: string, as: { nickname?: string; hostKey?: string; projectorKey?: string }): Promise<Classroom> {
    const client = new Client(endpoint());
    const c = code.trim().toUpperCase();
    const token = as.hostKey || as.projectorKey ? null : savedSeatToken(c);
    const options = as.hostKey ? { code: c, hostKey: as.hostKey } : as.projectorKey ? { code: c, projectorKey: as.projectorKey } : token ? { code: c, seatToken: token } : { code: c, nickname: as.nickname ?? "" };
    const room = await client.join("classroom", options);
    return new Classroom(room, c);
  }

  send(type: string, body: Record<string, unknown> = {}): Promise<Reply> {
    const seq = this.seq++;
    return new Promise((resolve) => {
      this.waiting.set(seq, resolve);
      this.room.send(type, { ...body, seq });
      // A reply that never comes (a dropped socket) must not hang the caller forever.
      setTimeout(() => {
        if (this.waiting.delete(seq)) resolve({ ok: false, code: "timeout", message: "The server did not answer; check your connection.", tick: -1 });
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
    void this.room.leave();
  }

  private emit(type: string, body: unknown): void {
    for (const f of this.messageListeners.get(type) ?? []) f(body);
  }
}

/** A join error from colyseus.js as a sentence (the server's own message when it sent one). */
export function joinErrorText(e: unknown): string {
  const err = e as { code?: number; message?: string };
  if (err.code === 4211 || /no rooms found/i.test(err.message ?? "")) return "There is no live class with that code.";
  // The matchmaking request itself failed: no game server behind this page.
  if (!err.code || /not found|failed to fetch|network|ECONNREFUSED/i.test(err.message ?? "")) return "The class server cannot be reached. Classroom play needs the Overcommit server (npm start); solo play works without it.";
  return err.message || "Could not join the class.";
}
