/**
 * One client's room connection as the load tool drives it: every message goes to the
 * caller's handler (a handler that throws counts as an error, never stops the run), replies
 * are matched to their `seq`, and a connection that drops without the tool leaving counts
 * as an error.
 */
import type { Room } from "colyseus.js";
import { describeError } from "./errors.ts";
import type { Stats } from "./stats.ts";

export interface Reply {
  seq: number;
  ok: boolean;
  code: string;
  message: string;
  tick: number;
}

export interface Conn {
  readonly room: Room;
  leaving: boolean;
  readonly replies: Map<number, (r: Reply) => void>;
}

export function wsUrl(base: string): string {
  return base.replace(/^http/, "ws");
}

export function makeConn(
  room: Room,
  stats: Stats,
  onMessage: (type: string, message: any) => void,
  label: string,
  onDrop: () => void,
): Conn {
  const conn: Conn = { room, leaving: false, replies: new Map() };
  room.onMessage("*", (type, message: any) => {
    if (type === "reply" && message && typeof message.seq === "number") {
      const waiter = conn.replies.get(message.seq);
      if (waiter) {
        conn.replies.delete(message.seq);
        waiter(message as Reply);
      }
    }
    try {
      onMessage(String(type), message);
    } catch (err) {
      stats.error(`${label}: handling "${String(type)}" failed: ${describeError(err)}`);
    }
  });
  room.onError((code, message) => stats.error(`${label}: room error ${code} ${message ?? ""}`));
  room.onLeave((code) => {
    if (conn.leaving) return;
    stats.error(`${label}: connection dropped (close code ${code})`);
    onDrop();
  });
  return conn;
}

/** Sends a message with its `seq` and resolves with the reply, or rejects after `timeoutMs`. */
export function ask(
  conn: Conn,
  seq: number,
  type: string,
  body: Record<string, unknown> = {},
  timeoutMs = 5000,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      conn.replies.delete(seq);
      reject(new Error(`no reply to "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    conn.replies.set(seq, (r) => {
      clearTimeout(t);
      resolve(r);
    });
    conn.room.send(type, { ...body, seq });
  });
}

/** The room's clock as this client's state has it. */
export function stateTick(room: Room): number {
  return Number((room.state as { tick?: number } | undefined)?.tick ?? 0);
}
