/**
 * Test harness: a real server on a free port (port 0) with its own temporary DATA_DIR, and
 * real colyseus.js clients. Each test file starts its own server, so files run in parallel.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "colyseus.js";
import { pino } from "pino";
import { decodeReplay, replayWorld, type Replay, type Scenario, type World } from "@overcommit/shared";
import type { Config } from "../src/config.ts";
import { startServer, type RunningServer, type StartOptions } from "../src/server.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

export function testConfig(over: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: "127.0.0.1",
    dataDir: mkdtempSync(join(tmpdir(), "overcommit-test-")),
    redisUrl: "",
    publicAddress: "",
    clientDir: "",
    blockedWords: ["badword"],
    reconnectSeconds: 5,
    logLevel: "silent",
    unfilteredViews: false,
    ...over,
  };
}

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  client(): Client;
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export async function bootServer(over: Partial<Config> = {}, opts: StartOptions = {}): Promise<TestServer> {
  const server = await startServer(testConfig(over), { logger: pino({ level: "silent" }), ...opts });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    server,
    url,
    client: () => new Client(`ws://127.0.0.1:${server.port}`),
    async api(method, path, body, headers = {}) {
      const isBytes = body instanceof Uint8Array;
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { "content-type": isBytes ? "application/octet-stream" : "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : isBytes ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (CSV, metrics): keep the text
      }
      return { status: res.status, body: parsed as never, text, headers: res.headers };
    },
    close: () => server.close(),
  };
}

/** A run ticket from POST /api/run-tickets (`{ scenario, seed }`, `{ scenario, daily }` or `{ assignment }`). */
export async function runTicket(t: TestServer, body: Record<string, unknown>): Promise<string> {
  const r = await t.api<{ ticket?: string; message?: string }>("POST", "/api/run-tickets", body);
  if (r.status !== 201 || !r.body.ticket)
    throw new Error(`No run ticket for ${JSON.stringify(body)}: ${r.status} ${r.body.message ?? r.text}`);
  return r.body.ticket;
}

/** Joins a classroom of `t` with these options; the room and its inbox. */
export async function joinClassroom(
  t: TestServer,
  options: Record<string, unknown>,
): Promise<{ room: Room; inbox: Inbox }> {
  const room = await t.client().join("classroom", options);
  return { room, inbox: new Inbox(room) };
}

/**
 * A classroom of the test scenario (seed 5, speed 16, `length` ticks) whose round has started,
 * with one student, "Keeper": its creation answer (code, keys), the host's and the student's
 * rooms and inboxes.
 */
export async function startedClassroom(t: TestServer, length: number) {
  const { body } = await t.api<any>("POST", "/api/classrooms", {
    scenario: TEST_SCENARIO.id,
    seed: 5,
    speed: 16,
    length,
  });
  const host = await t.client().join("classroom", { code: body.code, hostKey: body.hostKey });
  const hi = new Inbox(host);
  const s = await t.client().join("classroom", { code: body.code, nickname: "Keeper" });
  const si = new Inbox(s);
  await ask(host, hi, "start");
  return { ...(body as { code: string; hostKey: string }), host, hi, s, si };
}

/**
 * The scene of a restart: a server on `dataDir` (the test scenarios) with two started
 * classrooms, `done` (20 ticks, played to its end) and `cut` (400 ticks, at least 10 played).
 */
export async function roundsBeforeRestart(dataDir: string) {
  const first = await bootServer({ dataDir }, { scenarios: testCatalog });
  const done = await startedClassroom(first, 20);
  const cut = await startedClassroom(first, 400);
  await waitFor(() => st(done.s).phase === "ended", 10_000, "the first round to end");
  await waitFor(() => st(cut.s).tick >= 10, 10_000, "the second round to run a little");
  return { first, done, cut };
}

/** Every message a room receives, by type, in order (registered right after joining). */
export class Inbox {
  readonly all: { type: string; message: any }[] = [];
  constructor(readonly room: Room) {
    room.onMessage("*", (type, message) => this.all.push({ type: String(type), message }));
  }
  of(type: string): any[] {
    return this.all.filter((m) => m.type === type).map((m) => m.message);
  }
  /** The first message of this type (matching `pred`) that arrives from now on. */
  next(type: string, pred: (m: any) => boolean = () => true, timeoutMs = 5000): Promise<any> {
    const from = this.all.length;
    return waitFor(
      () => this.all.slice(from).find((m) => m.type === type && pred(m.message))?.message,
      timeoutMs,
      `message "${type}"`,
    );
  }
  /** The first message of this type received so far or from now on. */
  first(type: string, timeoutMs = 5000): Promise<any> {
    return waitFor(() => this.all.find((m) => m.type === type)?.message, timeoutMs, `message "${type}"`);
  }
  /** The reply to the message sent with this seq. */
  reply(
    seq: number,
    timeoutMs = 5000,
  ): Promise<{ seq: number; ok: boolean; code: string; message: string; tick: number }> {
    return waitFor(
      () => this.all.find((m) => m.type === "reply" && m.message.seq === seq)?.message,
      timeoutMs,
      `reply ${seq}`,
    );
  }
}

export async function waitFor<T>(
  get: () => T | undefined | false | null,
  timeoutMs = 5000,
  what = "condition",
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Sends a message with a fresh seq and waits for its reply. */
let seqCounter = 1;
export async function ask(
  room: Room,
  inbox: Inbox,
  type: string,
  body: Record<string, unknown> = {},
  timeoutMs = 5000,
): Promise<{ ok: boolean; code: string; message: string; tick: number }> {
  const seq = seqCounter++;
  room.send(type, { ...body, seq });
  return inbox.reply(seq, timeoutMs);
}

/** A room's synchronised state as plain JSON (maps become objects). */
export function st(room: Room): any {
  return (room.state as any).toJSON();
}

/**
 * A student's replay as the server gives it to the host (GET …/students/:seat/replay), and
 * the world re-simulating it on `scenario` gives (to `length` ticks when given): what a
 * report's numbers and state hash are checked against.
 */
export async function replayOf(
  url: string,
  code: string,
  hostKey: string,
  seat: string,
  scenario: Scenario,
  length?: number,
): Promise<{ replay: Replay; world: World }> {
  const bytes = await fetch(`${url}/api/classrooms/${code}/students/${seat}/replay`, {
    headers: { authorization: `Bearer ${hostKey}` },
  }).then((r) => r.arrayBuffer());
  const decoded = decodeReplay(new Uint8Array(bytes));
  if (!decoded.ok) throw new Error(`The replay of ${seat}: ${decoded.message}`);
  const w = replayWorld(scenario, length === undefined ? decoded.value : { ...decoded.value, length });
  if (!w.ok) throw new Error(`Re-simulating the replay of ${seat}: ${w.message}`);
  return { replay: decoded.value, world: w.value };
}
