/**
 * The classrooms of a run: created over HTTP, joined by a host and the students, started
 * together and ended at the end. With several server processes, each classroom is created
 * and each client joins through the processes in turn.
 */
import { Client, type Room } from "colyseus.js";
import { BOTS } from "@overcommit/shared";
import type { LoadTestOptions, LoadTestServer } from "./args.ts";
import { ask, makeConn, type Conn } from "./conn.ts";
import { describeError, LoadTestError, sleep } from "./errors.ts";
import { Student, type Play } from "./student.ts";

/** Joins in flight at once. */
const JOIN_CONCURRENCY = 32;

export interface Klass {
  readonly idx: number;
  code: string;
  hostKey: string;
  host: Conn | null;
  /** The host's next message seq. */
  hostSeq: number;
  readonly students: Student[];
  roundOver: boolean;
}

export function newClasses(n: number): Klass[] {
  return Array.from({ length: n }, (_, idx) => ({
    idx,
    code: "",
    hostKey: "",
    host: null,
    hostSeq: 1,
    students: [],
    roundOver: false,
  }));
}

/** POST /api/classrooms for each class (the route allows a burst of 30 per address, then one per 2 s). */
export async function createClassrooms(
  classes: readonly Klass[],
  servers: readonly LoadTestServer[],
  opts: LoadTestOptions,
): Promise<void> {
  for (const k of classes) {
    for (let attempt = 0; ; attempt++) {
      // Through each process in turn: Colyseus places a room on the process with the fewest
      // rooms as it last heard (counts reach Redis at most once a second), so creating them
      // all through one process piles a quick burst onto one other process.
      const res = await fetch(`${servers[k.idx % servers.length]!.url}/api/classrooms`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: opts.scenario, seed: opts.seed, speed: opts.speed }),
      });
      if (res.status === 201) {
        const body = (await res.json()) as { code: string; hostKey: string };
        k.code = body.code;
        k.hostKey = body.hostKey;
        break;
      }
      if (res.status === 429 && attempt < 10) {
        await sleep(2100);
        continue;
      }
      throw new LoadTestError(`POST /api/classrooms answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    }
  }
}

/** Every host and student joins (a failed join is counted, not fatal); `endpoints` are the processes' WebSocket URLs. */
export async function joinEveryone(
  classes: readonly Klass[],
  endpoints: readonly string[],
  opts: LoadTestOptions,
  play: Play,
): Promise<void> {
  const { stats } = play;
  const jobs: { k: Klass; student: number }[] = [];
  for (const k of classes) {
    jobs.push({ k, student: -1 });
    for (let i = 0; i < opts.students; i++) jobs.push({ k, student: i });
  }
  let joinCount = 0;
  await pool(jobs, JOIN_CONCURRENCY, async ({ k, student }) => {
    // Through each process in turn: a process that does not own the room sends the client on.
    const endpoint = endpoints[joinCount++ % endpoints.length]!;
    const label = student < 0 ? `class ${k.idx} host` : `class ${k.idx} student ${student}`;
    const options = student < 0 ? { code: k.code, hostKey: k.hostKey } : { code: k.code, nickname: `lt${student}` };
    let room: Room;
    try {
      room = await new Client(endpoint).join("classroom", options);
    } catch (err) {
      stats.clientsFailed++;
      stats.firstJoinFailure ??= `${label}: ${describeError(err)}`.slice(0, 200);
      return;
    }
    if (student < 0) {
      k.host = makeConn(
        room,
        stats,
        (type) => {
          if (type === "round-over") k.roundOver = true;
        },
        label,
        () => {},
      );
      stats.hostsConnected++;
      return;
    }
    const botName = opts.bot === "mix" ? (student % 2 === 0 ? "autopilot" : "greedy") : opts.bot;
    k.students.push(new Student(k.idx, room, BOTS[botName], label, play));
    stats.studentsConnected++;
  });
}

/** Every host starts its round, together. */
export async function startRounds(classes: readonly Klass[], play: Play): Promise<void> {
  await Promise.all(
    classes.map(async (k) => {
      if (!k.host) return;
      try {
        const r = await ask(k.host, k.hostSeq++, "start");
        if (!r.ok) play.stats.error(`class ${k.idx}: start refused (${r.code}: ${r.message})`);
      } catch (err) {
        play.stats.error(`class ${k.idx}: start failed: ${describeError(err)}`);
      }
    }),
  );
}

/** Every host ends its round, unless it is over already. */
export async function endRounds(classes: readonly Klass[], play: Play): Promise<void> {
  await Promise.all(
    classes.map(async (k) => {
      if (!k.host || k.roundOver) return;
      try {
        const r = await ask(k.host, k.hostSeq++, "end");
        if (!r.ok && r.code !== "bad-state") play.stats.error(`class ${k.idx}: end refused (${r.code}: ${r.message})`);
      } catch (err) {
        play.stats.error(`class ${k.idx}: end failed: ${describeError(err)}`);
      }
    }),
  );
}

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
