/**
 * The fuzz suite's attackers and honest players (fuzz.test.ts): a connection that sends
 * what it is told and counts the replies, rejoining with its seat token when cut off; the
 * runs that drive them (malformed messages of every shape, floods, slow trickles, raw
 * garbage frames); an honest student who keeps playing; and the counts they all keep.
 */
import { matchMaker } from "@colyseus/core";
import { Packr } from "msgpackr";
import type { Room } from "colyseus.js";
import { Inbox, ask, sleep, st, waitFor, type TestServer } from "./harness.ts";
import { RateLimiter } from "../src/rooms/rateLimit.ts";
import type { ClassroomRoom } from "../src/rooms/classroomRoom.ts";
import { randomFrame, randomMessage, Rng } from "./fuzzInputs.ts";
export type Conn = { room: Room; inbox: Inbox };
export const honest: { host: Conn; students: Conn[] } = { host: null!, students: [] };

export const counts = {
  sent: 0,
  replies: 0,
  unencodable: 0,
  frames: 0,
  joins: 0,
  refusals: new Map<string, number>(),
  disconnects: new Map<number, number>(),
  slowDisconnects: 0,
  honestAccepted: 0,
  honestLatencyMaxMs: 0,
  http: 0,
  httpStatus: new Map<number, number>(),
};
/**
 * The run's server, and whether it was fuzzRun.aborted: set when one attacker fails, so the others
 * stop instead of running on in the background.
 */
export const fuzzRun = { server: null as unknown as TestServer, aborted: false };
export const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * State decode failures per client. colyseus.js only logs them ('"refId" not found'), so
 * each client's decoder is wrapped to say whose state was being decoded when one is logged.
 */
export const decodeErrors = new Map<string, number>();
let decoding = "";
export function watchDecoding(room: Room, name: string): void {
  const s = (room as unknown as { serializer: Record<string, (...a: unknown[]) => unknown> }).serializer;
  for (const f of ["patch", "setState"]) {
    const inner = s[f]!.bind(s);
    s[f] = (...a: unknown[]) => {
      decoding = name;
      try {
        return inner(...a);
      } finally {
        decoding = "";
      }
    };
  }
}
const consoleError = console.error;
const consoleWarn = console.warn;
console.error = (...a: unknown[]) => (decoding ? bump(decodeErrors, decoding) : consoleError(...a));
console.warn = (...a: unknown[]) => (decoding ? undefined : consoleWarn(...a));

/** Puts the console back as it was before this module was loaded. */
export function restoreConsole(): void {
  console.error = consoleError;
  console.warn = consoleWarn;
}

export async function join(
  options: Record<string, unknown>,
  name = String(options["nickname"] ?? "host"),
): Promise<Conn> {
  const room = await fuzzRun.server.client().join("classroom", options);
  watchDecoding(room, name);
  return { room, inbox: new Inbox(room) };
}

/** The server side of a classroom (same process), to reach a client's rate limiter. */
export function serverRoom(roomId: string): ClassroomRoom {
  return matchMaker.getLocalRoomById(roomId) as ClassroomRoom;
}

/**
 * One attacking connection. Replies are counted, not stored (there are 100k of them). On a
 * disconnect it joins again with its seat token, so it keeps its seat and cluster.
 */
export class Attacker {
  room!: Room;
  sent = 0;
  replies = 0;
  connected = false;
  private seatToken = "";
  private left: Promise<number> = Promise.resolve(0);
  lastLeave = 0;
  /** Messages with a well-formed seq still waiting for their reply (what a missing one was). */
  readonly pending = new Map<number, string>();
  /** The last few messages sent, to say what preceded an unexpected disconnect. */
  readonly recent: string[] = [];

  constructor(
    readonly name: string,
    private readonly base: Record<string, unknown>,
    private readonly unlimited: boolean,
  ) {}

  async connect(): Promise<void> {
    const options = this.seatToken ? { code: this.base["code"], seatToken: this.seatToken } : this.base;
    this.room = await fuzzRun.server.client().join("classroom", options);
    watchDecoding(this.room, this.name);
    counts.joins++;
    this.connected = true;
    let welcomed = false;
    this.room.onMessage("welcome", (w: { seatToken: string }) => {
      welcomed = true;
      if (w.seatToken) this.seatToken = w.seatToken;
    });
    this.room.onMessage("reply", (r: { seq: number; ok: boolean; code: string }) => {
      this.pending.delete(r.seq);
      this.replies++;
      counts.replies++;
      if (!r.ok) bump(counts.refusals, r.code);
    });
    this.room.onMessage("*", () => undefined);
    this.left = new Promise((resolve) =>
      this.room.onLeave((code) => {
        this.connected = false;
        this.lastLeave = code;
        bump(counts.disconnects, code);
        resolve(code);
      }),
    );
    await waitFor(() => welcomed, 5000, `${this.name}'s welcome`);
    // The validation attackers get an unlimited rate so every message reaches the shape
    // checks; the limiter itself is fuzzed by the flood and slow attackers.
    if (this.unlimited) {
      const c = serverRoom(this.room.roomId).clients.find((x) => x.sessionId === this.room.sessionId);
      if (!c?.userData) throw new Error(`no server client for ${this.name}`);
      c.userData.limiter = new RateLimiter({ burst: 1e9, perSecond: 1e9, floodRefusals: 1e9 }, Date.now());
    }
  }

  /**
   * The validation attackers frame their messages themselves: colyseus.js keeps one msgpackr
   * Packr per room, and after one message fails to encode it hands out half-written bytes
   * with the next one, which the server then rightly refuses as "not msgpack" by closing
   * the socket. Framing here (and starting afresh after a failure) gets every message to
   * the room's handlers. The other attackers use colyseus.js's own `send`.
   */
  send(type: string | number, body: unknown): boolean {
    try {
      if (this.unlimited) this.room.connection.send(frame(type, body));
      else if (body === undefined) this.room.send(type);
      else this.room.send(type, body);
    } catch {
      counts.unencodable++;
      return false;
    }
    this.sent++;
    counts.sent++;
    const seq = (body as { seq?: unknown } | null)?.seq;
    if (this.unlimited && typeof seq === "number" && Number.isInteger(seq) && seq >= 0 && seq <= 0x7fffffff)
      this.pending.set(seq, `${String(type).slice(0, 30)} ${safeJson(body).slice(0, 300)}`);
    if (this.unlimited) {
      this.recent.push(`${String(type).slice(0, 30)} ${safeJson(body).slice(0, 300)}`);
      if (this.recent.length > 5) this.recent.shift();
    }
    return true;
  }

  waitLeft(ms: number): Promise<number | null> {
    return Promise.race([this.left, sleep(ms).then(() => null)]);
  }
}

/**
 * A room-data frame as Colyseus reads it: protocol byte 13, the type (msgpack string or
 * number), then the msgpack body. Encoded here with records off, like the server's own
 * encoder but not sharing its buffer (this test runs in the server's process).
 */
let framePackr = new Packr({ useRecords: false });
export function frame(type: string | number, body: unknown): Buffer {
  try {
    const head = Buffer.concat([Buffer.from([13]), framePackr.pack(type)]);
    return body === undefined ? head : Buffer.concat([head, framePackr.pack(body)]);
  } catch (err) {
    // A Packr that threw half-way hands out the half-written bytes on its next call: start afresh.
    framePackr = new Packr({ useRecords: false });
    throw err;
  }
}

export function safeJson(v: unknown): string {
  try {
    return (
      JSON.stringify(v, (_k, x: unknown) =>
        typeof x === "bigint" ? `${x}n` : typeof x === "number" && !Number.isFinite(x) ? String(x) : x,
      ) ?? "undefined"
    );
  } catch {
    return String(v);
  }
}

export function clustersOf(room: Room): string[] {
  return Object.keys(st(room).rows ?? {});
}

/** Sends `n` random messages in bursts, keeping at most `window` unanswered. */
export async function validationRun(a: Attacker, n: number, rng: Rng, window = 400): Promise<void> {
  let seq = 1;
  while (a.sent < n && !fuzzRun.aborted) {
    const known = clustersOf(a.room);
    const burst = Math.min(100, n - a.sent);
    for (let k = 0; k < burst; k++) {
      if (rng.chance(0.02)) {
        a.room.sendBytes(
          rng.pick(["cmd", "spectate", "start", "nonsense"]),
          new Uint8Array(rng.int(64)).map(() => rng.int(256)),
        );
        a.sent++;
        counts.sent++;
        continue;
      }
      const m = randomMessage(rng, seq++, known);
      a.send(m.type, m.body);
    }
    const until = Date.now() + 2000;
    while (a.sent - a.replies > window && Date.now() < until) await sleep(2);
    if (!a.connected)
      throw new Error(`${a.name} was disconnected (close code ${a.lastLeave}) after:\n${a.recent.join("\n")}`);
  }
}

/** Floods: each connection sends well past the limit, is cut off (4429) and comes back. */
export async function floodRun(a: Attacker, n: number, rng: Rng): Promise<void> {
  while (a.sent < n && !fuzzRun.aborted) {
    if (!a.connected) await a.connect();
    for (let k = 0; k < 160 && a.sent < n; k++) {
      const m = randomMessage(rng, k, []);
      a.send(m.type, m.body);
    }
    await a.waitLeft(1500);
  }
}

/**
 * Stays under the flood threshold (≈50 a second against 100 refused a second): mostly
 * refused with "rate-limited". Under load the server may read a backlog of them in one go
 * and count a flood; then it comes back (counted, and reported).
 */
export async function slowRun(a: Attacker, n: number, rng: Rng): Promise<void> {
  while (a.sent < n && !fuzzRun.aborted) {
    if (!a.connected) {
      counts.slowDisconnects++;
      await a.connect();
    }
    for (let k = 0; k < 5 && a.sent < n; k++) {
      const m = randomMessage(rng, k, []);
      a.send(m.type, m.body);
    }
    await sleep(100);
  }
}

/** Raw frames: most are not msgpack and close the socket; the attacker comes back each time. */
export async function garbageRun(a: Attacker, connections: number, rng: Rng): Promise<void> {
  for (let k = 0; k < connections && !fuzzRun.aborted; k++) {
    if (!a.connected) await a.connect();
    for (let f = 0; f < 1 + rng.int(8) && a.connected; f++) {
      a.room.connection.send(rng.chance(0.1) ? frame("__no_message_handler", { seq: 1 }) : randomFrame(rng));
      counts.frames++;
    }
    await a.waitLeft(150);
  }
}

/** Honest students keep playing: a valid command every 250 ms, each must be accepted. */
export async function honestPlay(c: Conn, stop: () => boolean): Promise<void> {
  let k = 0;
  // Cordoning and uncordoning a node in turn is always allowed and costs nothing.
  const cluster = Object.values<any>(st(c.room).clusters)[0];
  const node = Number(Object.keys(cluster.nodes)[0]);
  while (!stop() && !fuzzRun.aborted) {
    const t0 = Date.now();
    // Liveness is judged by the room's clock below (net of the machine's load); a reply is only
    // given up on when far later than any stall that check allows.
    const r = await ask(c.room, c.inbox, "cmd", { cmd: { type: k++ % 2 ? "uncordon" : "cordon", node } }, 30_000);
    if (!r.ok) throw new Error(`an honest command was refused: ${JSON.stringify(r)}`);
    counts.honestAccepted++;
    counts.honestLatencyMaxMs = Math.max(counts.honestLatencyMaxMs, Date.now() - t0);
    await sleep(250);
  }
}
