// Room churn: 1000 classrooms in a row, each created through POST /api/classrooms, joined by
// its host and one student, started, ended, left and disposed, against a real server
// without Redis and with REDIS_URL on a real redis-server. The server's heap after the
// churn (and a full GC) stays within 10 % of its heap after a warm-up, no disposed room is
// still reachable (held by WeakRefs only), and Redis keeps nothing per room: no room
// listing, no room key, no room channel subscription (the upstream RedisPresence leak,
// colyseus/colyseus#386 and #842, kept disposed rooms alive through presence
// subscriptions). The server runs in this process so that the test can force GCs and look
// into Colyseus' presence; the clients are closed before each reading. CHURN_ROOMS and
// CHURN_WARMUP shorten it while debugging.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { matchMaker } from "@colyseus/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, bootServer, Inbox, sleep, waitFor, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";
import { redisInstalled, startRedis, type RedisServer } from "./redisServer.ts";

/** Classrooms per churn: the figure. */
const ROOMS = Number(process.env["CHURN_ROOMS"] ?? 1000);
/**
 * Classrooms before the first reading. Most of what the heap gains early is V8's compiled
 * code for paths that have just become hot, not rooms: a heap snapshot diff over 2000 more
 * rooms showed ~2.8 MB of code (bytecode, compiled functions) and ~20 KB of everything else.
 * After 100 rooms the heap still grew 9.9 % over the next 1000; after 500 it is well inside.
 */
const WARMUP_ROOMS = Number(process.env["CHURN_WARMUP"] ?? 500);
/** Classrooms in flight at once: a busy school morning, and the run stays well under 90 s. */
const CONCURRENCY = 16;
const HEAP_TOLERANCE = 0.1;

const hasRedis = redisInstalled("the room churn test on Redis");

// A real full GC: --expose-gc cannot be passed to Vitest's forks per file, but V8 honours the
// flag for contexts created after it is set, and their gc() collects the whole heap.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap in use after full GCs, once it stops shrinking (finalizers and weak maps settle over a few rounds). */
async function settledHeap(): Promise<number> {
  let used = Infinity;
  for (let k = 0; k < 6; k++) {
    await sleep(100);
    gc();
    used = Math.min(used, process.memoryUsage().heapUsed);
  }
  return used;
}

/** A disposed room, held weakly: collected unless something (the upstream leak: presence) keeps it. */
interface Gone {
  readonly roomId: string;
  readonly room: WeakRef<object>;
}

/** One classroom's whole life, as a class would live it, then the room's empty-room dispose. */
async function oneClassroom(t: TestServer, n: number): Promise<Gone> {
  const created = await t.api<{ code: string; hostKey: string; roomId: string }>("POST", "/api/classrooms", {
    scenario: TEST_SCENARIO.id,
    speed: 16,
    length: 10,
    seed: n,
  });
  if (created.status !== 201)
    throw new Error(`POST /api/classrooms answered ${created.status}: ${created.text.slice(0, 200)}`);
  const { code, hostKey, roomId } = created.body;
  const host = await t.client().join("classroom", { code, hostKey });
  const hostInbox = new Inbox(host);
  const student = await t.client().join("classroom", { code, nickname: `churn${n % 1000}` });
  new Inbox(student);
  const started = await ask(host, hostInbox, "start");
  if (!started.ok) throw new Error(`start refused: ${started.code}`);
  const ended = await ask(host, hostInbox, "end");
  if (!ended.ok) throw new Error(`end refused: ${ended.code}`);
  await student.leave();
  await host.leave();
  // An ended, empty room disposes itself after 30 minutes (ClassroomRoom.armDispose calls
  // disconnect()); the test makes that call now instead of waiting.
  const room = await waitFor(
    () => {
      const r = matchMaker.getLocalRoomById(roomId);
      return r && r.clients.length === 0 ? r : undefined;
    },
    10_000,
    `room ${roomId} to empty`,
  );
  await room.disconnect();
  await waitFor(() => matchMaker.getLocalRoomById(roomId) === undefined, 10_000, `room ${roomId} to dispose`);
  return { roomId, room: new WeakRef(room) };
}

async function churn(t: TestServer, count: number, from: number): Promise<Gone[]> {
  const gone: Gone[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) gone.push(await oneClassroom(t, from + next++));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return gone;
}

async function metric(t: TestServer, name: string): Promise<number> {
  const text = (await t.api("GET", "/metrics")).text;
  return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
}

/** Listeners on RedisPresence's subscription emitter, by channel: the upstream leak grew these. */
function presenceChannels(): string[] {
  const p = matchMaker.presence as unknown as { subscriptions?: { eventNames(): (string | symbol)[] } };
  return (p.subscriptions?.eventNames() ?? []).map(String);
}

interface ChurnResult {
  readonly heapBefore: number;
  readonly heapAfter: number;
  readonly gone: readonly Gone[];
}

async function churnAndMeasure(t: TestServer): Promise<ChurnResult> {
  await churn(t, WARMUP_ROOMS, 0);
  const heapBefore = await settledHeap();
  const t0 = performance.now();
  const gone = await churn(t, ROOMS, WARMUP_ROOMS);
  const seconds = (performance.now() - t0) / 1000;
  const heapAfter = await settledHeap();
  const mb = (n: number) => (n / 1048576).toFixed(1);
  console.info(
    `churn: ${ROOMS} classrooms in ${seconds.toFixed(1)} s after ${WARMUP_ROOMS} to warm up; heap ${mb(heapBefore)} → ${mb(heapAfter)} MB (${(((heapAfter - heapBefore) / heapBefore) * 100).toFixed(1)} %)`,
  );
  return { heapBefore, heapAfter, gone };
}

function expectSettled(r: ChurnResult): void {
  expect(r.gone).toHaveLength(ROOMS);
  expect(Math.abs(r.heapAfter - r.heapBefore) / r.heapBefore, "heap growth over the churn").toBeLessThan(
    HEAP_TOLERANCE,
  );
  // Sharper than the heap total: not one disposed room is still reachable.
  expect(
    r.gone.filter((g) => g.room.deref() !== undefined).map((g) => g.roomId),
    "disposed rooms still in memory",
  ).toEqual([]);
}

describe("room churn without Redis", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await bootServer({ classroomCreateBurst: 100_000 }, { scenarios: testCatalog });
  });
  afterAll(async () => {
    await t?.close();
  });

  it(`creates and disposes ${ROOMS} classrooms and the heap settles where it was`, async () => {
    const r = await churnAndMeasure(t);
    expect(await metric(t, "overcommit_rooms")).toBe(0);
    expect(await metric(t, "overcommit_clients")).toBe(0);
    expectSettled(r);
    // The figure /metrics reports is the same heap.
    expect(await metric(t, "process_heap_used_bytes")).toBeGreaterThan(1e6);
  }, 180_000);
});

describe.skipIf(!hasRedis)("room churn with REDIS_URL", () => {
  let redis: RedisServer | undefined;
  let db: Redis | undefined;
  let t: TestServer | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    // ioredis is told not to retry, so a lost connection is a clear error.
    db = new Redis({
      port: redis.port,
      host: "127.0.0.1",
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    await db.connect();
    t = await bootServer({ redisUrl: redis.url, classroomCreateBurst: 100_000 }, { scenarios: testCatalog });
  });
  afterAll(async () => {
    await t?.close();
    db?.disconnect();
    redis?.stop();
  });

  it(`creates and disposes ${ROOMS} classrooms: the heap settles and Redis keeps nothing per room`, async () => {
    // The keys and channels a process keeps whatever its rooms (a few classrooms in).
    await churn(t!, 10, 1_000_000);
    // Colyseus writes each process's room count (the "roomcount" hash) at most once a second,
    // so whether that key stands yet depends on timing: let its last write land before each look.
    await sleep(1100);
    const keysBefore = (await db!.keys("*")).sort();
    const channelsBefore = presenceChannels().length;
    const r = await churnAndMeasure(t!);
    expect(await metric(t!, "overcommit_rooms")).toBe(0);
    // Listing removals are not awaited by Colyseus: give the last ones a moment.
    const until = Date.now() + 5000;
    while ((await db!.hlen("roomcaches")) > 0 && Date.now() < until) await sleep(100);
    expect(await db!.hlen("roomcaches")).toBe(0);
    await sleep(1100);
    const keysAfter = (await db!.keys("*")).sort();
    console.info(`churn: Redis keys after ${ROOMS} classrooms: ${keysAfter.join(", ")}; roomcaches entries: 0`);
    expect(keysAfter).toEqual(keysBefore);
    const ids = r.gone.map((g) => g.roomId);
    const sample = new Set(ids);
    expect(
      keysAfter.filter((k) => ids.some((id) => k.includes(id))),
      "keys naming a disposed room",
    ).toEqual([]);
    // Presence subscriptions: one per live room ($roomId) and a few per process, never per disposed room.
    const channels = presenceChannels();
    expect(channels.filter((c) => sample.has(c.replace(/^\$/, "")))).toEqual([]);
    expect(channels.length).toBeLessThanOrEqual(channelsBefore);
    const redisChannels = (await db!.pubsub("CHANNELS", "*")) as string[];
    expect(redisChannels.filter((c) => sample.has(c.replace(/^\$/, "")))).toEqual([]);
    expectSettled(r);
  }, 240_000);
});
