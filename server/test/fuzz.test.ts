// Fuzz suite against a real server: while honest students play a running round, attackers
// send well over 100,000 random and malformed room messages (every registered type and
// unknown ones, broken shapes, huge/negative/NaN/Infinity numbers, BigInt, deep nesting,
// long strings, prototype keys, raw garbage frames, floods), and then random HTTP
// requests hit every route, WebSocket upgrades to made-up rooms are fed garbage, and random
// matchmaking requests (every method, room and join/create option) try to get a seat or a
// room they should not. It checks that the process stays up, the room keeps ticking
// and accepting honest commands, every message still gets exactly one reply, the world
// invariants hold (finite money, each cluster's stored replay re-simulates to its state
// hash) and no HTTP answer is a 5xx or a non-JSON API error. It prints its counts.
// Reproduce a run with FUZZ_SEED=<seed> (printed); FUZZ_MESSAGES scales the size.
import { request, Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import { scoreOf, stateHash } from "@overcommit/shared";
import { bootServer, ask, replayOf, sleep, st, waitFor, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";
import { runQueueWaitMs } from "../src/threadTime.ts";
import { Rng } from "./fuzzInputs.ts";
import { randomMatchmake, randomRequest, type FuzzRequest } from "./fuzzRequests.ts";
import { garbageUpgrade, sendRequest } from "./fuzzHttp.ts";
import {
  Attacker,
  bump,
  counts,
  decodeErrors,
  floodRun,
  fuzzRun,
  garbageRun,
  honest,
  honestPlay,
  join,
  restoreConsole,
  slowRun,
  validationRun,
} from "./fuzzAttacker.ts";
import { normaliseJoinCode } from "../src/rooms/joinCode.ts";

const SEED = Number(process.env["FUZZ_SEED"] ?? 20261201) >>> 0;
const TOTAL = Number(process.env["FUZZ_MESSAGES"] ?? 100_000);
const HTTP_REQUESTS = Number(process.env["FUZZ_HTTP"] ?? 3000);
const MATCHMAKE_REQUESTS = Number(process.env["FUZZ_MATCHMAKE"] ?? 2000);

/** How the WebSocket budget is split (fractions of TOTAL). */
const SHARE = { students: 0.785, projector: 0.05, host: 0.1, flood: 0.06, slow: 0.008 };

let t: TestServer;
let classA: { classroomId: string; code: string; roomId: string; hostKey: string; projectorKey: string };
let classB: { classroomId: string; code: string; roomId: string; hostKey: string };

beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
  fuzzRun.server = t;
  classA = (await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, seed: 11, speed: 6 })).body;
  classB = (await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, seed: 12, speed: 8 })).body;
  honest.host = await join({ code: classA.code, hostKey: classA.hostKey });
  for (const nickname of ["Ada", "Bob", "Cy"]) honest.students.push(await join({ code: classA.code, nickname }));
  expect(await ask(honest.host.room, honest.host.inbox, "start")).toMatchObject({ ok: true });
  for (const s of honest.students)
    await waitFor(() => Object.keys(st(s.room).clusters ?? {}).length === 1, 5000, "a cluster");
});
afterAll(async () => {
  restoreConsole();
  await t?.close();
});

describe("fuzz", () => {
  it(`survives ${TOTAL} hostile room messages while honest students play`, async () => {
    const started = Date.now();
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} reproduces this run)`);
    const rng = (k: number) => new Rng(SEED + k * 7919);
    const n = (share: number) => Math.ceil(TOTAL * share);

    // Classroom B: the attacker is its instructor (host messages of every shape, including
    // start/pause/end/kick), with one honest student who must never be affected.
    const dee = await join({ code: classB.code, nickname: "Dee" });
    const deeLeft = new Promise<number>((resolve) => dee.room.onLeave(resolve));
    const hostAttacker = new Attacker("host-attacker", { code: classB.code, hostKey: classB.hostKey }, true);

    const students = [0, 1, 2].map(
      (k) => new Attacker(`student-attacker-${k}`, { code: classA.code, nickname: `Eve${k}` }, true),
    );
    const projector = new Attacker(
      "projector-attacker",
      { code: classA.code, projectorKey: classA.projectorKey },
      true,
    );
    const flooders = [0, 1].map(
      (k) => new Attacker(`flooder-${k}`, { code: classA.code, nickname: `Flood${k}` }, false),
    );
    const slow = [0, 1].map((k) => new Attacker(`slow-${k}`, { code: classA.code, nickname: `Slow${k}` }, false));
    const garbage = new Attacker("garbage", { code: classA.code, nickname: "Garbage" }, false);
    for (const a of [hostAttacker, ...students, projector, ...flooders, ...slow, garbage]) await a.connect();

    // Watch the room's clock from an honest student during the whole attack.
    // Each sample also notes how long this thread (the server's: it runs in this process)
    // has waited for a CPU: on a machine busy with other work that time is not the room's
    // to use, so the clock is judged against the time the thread could run.
    const ticks: { at: number; wall: number; tick: number }[] = [];
    const cpuTime = () => Date.now() - (runQueueWaitMs() ?? 0);
    let stop = false;
    const watch = (async () => {
      while (!stop) {
        ticks.push({ at: cpuTime(), wall: Date.now(), tick: st(honest.students[0]!.room).tick });
        if (process.env["FUZZ_PROGRESS"] && ticks.length % 25 === 0)
          console.log(
            `progress: ${counts.sent} sent, ${counts.replies} replies, tick ${ticks[ticks.length - 1]!.tick}, ${((Date.now() - started) / 1000).toFixed(0)} s`,
          );
        await sleep(200);
      }
    })();
    const abortOnError = <T>(p: Promise<T>): Promise<T> =>
      p.catch((err: unknown) => {
        fuzzRun.aborted = true;
        throw err;
      });
    const play = honest.students.map((s) => abortOnError(honestPlay(s, () => stop)));
    // Awaited after the attack; a failure before that stops the attackers (`fuzzRun.aborted`).
    for (const p of play) p.catch(() => undefined);

    await Promise.all(
      [
        ...students.map((a, k) => validationRun(a, n(SHARE.students / students.length), rng(k))),
        validationRun(projector, n(SHARE.projector), rng(10)),
        validationRun(hostAttacker, n(SHARE.host), rng(11)),
        ...flooders.map((a, k) => floodRun(a, n(SHARE.flood / flooders.length), rng(20 + k))),
        ...slow.map((a, k) => slowRun(a, n(SHARE.slow / slow.length), rng(30 + k))),
        garbageRun(garbage, 60, rng(40)),
      ].map(abortOnError),
    );
    if (fuzzRun.aborted) await Promise.all(play);
    const attackMs = Date.now() - started;

    // Every message an unlimited attacker sent gets exactly one reply (queued commands are
    // answered at the next tick).
    for (const a of [...students, projector, hostAttacker]) {
      await waitFor(() => a.replies >= a.sent, 10_000, `${a.name}'s replies (${a.replies}/${a.sent})`).catch(
        () => undefined,
      );
      expect([a.name, a.replies, [...a.pending.values()].slice(0, 5)], `${a.name}: one reply per message`).toEqual([
        a.name,
        a.sent,
        [],
      ]);
      expect(a.connected, `${a.name} still connected`).toBe(true);
    }
    expect(counts.disconnects.get(4429) ?? 0, "flood disconnects").toBeGreaterThanOrEqual(10);
    expect(counts.sent).toBeGreaterThanOrEqual(TOTAL);

    // The room kept stepping for the honest students: no stall of 3 s, and most of the
    // ticks the speed promises (6 a second) actually happened — both over the time this
    // thread could run (the samples' `at`), not counting its waits for a busy machine's CPU.
    const tickAfter = st(honest.students[0]!.room).tick as number;
    await waitFor(
      () => st(honest.students[0]!.room).tick > tickAfter + 2,
      5000,
      "the room to keep ticking after the attack",
    );
    stop = true;
    await watch;
    await Promise.all(play);
    let longestStall = 0;
    for (let i = 0, j = 0; i < ticks.length; i++) {
      while (ticks[j]!.tick < ticks[i]!.tick) j++;
      longestStall = Math.max(longestStall, ticks[i]!.at - ticks[j]!.at);
    }
    const advanced = ticks[ticks.length - 1]!.tick - ticks[0]!.tick;
    const expected = ((ticks[ticks.length - 1]!.at - ticks[0]!.at) / 1000) * 6;
    expect(
      longestStall,
      "longest time the honest student's tick did not move (ms of time the thread could run)",
    ).toBeLessThan(3000);
    expect(advanced).toBeGreaterThan(expected * 0.5);
    expect(counts.honestAccepted).toBeGreaterThan(10);

    // Classroom B's honest student was never touched; its room still answers its host.
    expect(await Promise.race([deeLeft, sleep(10).then(() => "still here")])).toBe("still here");
    const hostB = await join({ code: classB.code, hostKey: classB.hostKey });
    expect(await ask(hostB.room, hostB.inbox, "spectate", { cluster: "" })).toMatchObject({ ok: true });
    const stateB = st(hostB.room);
    expect(["lobby", "running", "paused", "ended"]).toContain(stateB.phase);
    expect(stateB.speed).toBeGreaterThanOrEqual(1);
    expect(stateB.speed).toBeLessThanOrEqual(16);
    expect(stateB.tick).toBeLessThanOrEqual(stateB.length);
    for (const row of Object.values<any>(stateB.rows))
      expect(Number.isFinite(row.money) && Number.isFinite(row.score)).toBe(true);

    // The process is healthy and the rooms are listed.
    const health = await t.api<any>("GET", "/healthz");
    expect(health).toMatchObject({ status: 200, body: { status: "ok" } });

    // End classroom A; every cluster (attackers' included) re-simulates from its stored
    // replay to the reported state hash, score and money, and all numbers are finite.
    expect(await ask(honest.host.room, honest.host.inbox, "end")).toMatchObject({ ok: true });
    const report = await t.api<any>("GET", `/api/classrooms/${classA.code}/report`, undefined, {
      authorization: `Bearer ${classA.hostKey}`,
    });
    expect(report.status).toBe(200);
    const seen = new Set<string>();
    for (const s of report.body.students) {
      expect(
        Number.isFinite(s.money) && Number.isFinite(s.score) && Number.isFinite(s.slaBp),
        `${s.nickname}'s numbers`,
      ).toBe(true);
      if (seen.has(s.cluster)) continue;
      seen.add(s.cluster);
      const { world } = await replayOf(t.url, classA.code, classA.hostKey, s.seat, TEST_SCENARIO);
      expect({ nickname: s.nickname, hash: s.stateHash, score: s.score, money: s.money }).toEqual({
        nickname: s.nickname,
        hash: stateHash(world),
        score: scoreOf(world),
        money: world.money,
      });
    }
    expect(seen.size).toBeGreaterThanOrEqual(3 + students.length);

    // What the honest students' browsers hold agrees with the server: at the end every
    // cluster and row is refreshed exactly, so each one's own row equals the report.
    for (const c of honest.students) {
      await waitFor(() => st(c.room).phase === "ended", 5000, "the end of the round");
      await sleep(200);
      const mine = Object.keys(st(c.room).clusters)[0]!;
      const row = st(c.room).rows[mine];
      const r = report.body.students.find((x: any) => x.cluster === mine);
      expect({ score: row.score, money: row.money, slaBp: row.slaBp }).toEqual({
        score: r.score,
        money: r.money,
        slaBp: r.slaBp,
      });
    }
    // No client (attackers included) ever failed to decode its state patches.
    expect([...decodeErrors]).toEqual([]);

    const refusals = [...counts.refusals]
      .sort((a, b) => b[1] - a[1])
      .map(([c, k]) => `${c}=${k}`)
      .join(" ");
    const disconnects = [...counts.disconnects].map(([c, k]) => `${c}=${k}`).join(" ");
    console.log(
      [
        `fuzz: ${counts.sent} room messages sent in ${(attackMs / 1000).toFixed(1)} s (${counts.unencodable} not encodable by the client, not counted), ${counts.frames} raw frames`,
        `fuzz: ${counts.replies} replies; refusals by code: ${refusals}`,
        `fuzz: ${counts.joins} joins, disconnects by close code: ${disconnects} (of them the slow attackers': ${counts.slowDisconnects})`,
        `fuzz: honest commands accepted ${counts.honestAccepted} (slowest reply ${counts.honestLatencyMaxMs} ms); honest tick advanced ${advanced} (≈${expected.toFixed(0)} expected), longest stall ${Math.round(longestStall)} ms; the thread waited ${((ticks[ticks.length - 1]!.wall - ticks[0]!.wall - (ticks[ticks.length - 1]!.at - ticks[0]!.at)) / 1000).toFixed(1)} s for a CPU`,
        `fuzz: clusters re-simulated ${seen.size}; client state decode errors: ${[...decodeErrors].map(([c, k]) => `${c}=${k}`).join(" ") || "none"}`,
      ].join("\n"),
    );
  }, 120_000);

  it(`answers ${HTTP_REQUESTS} random HTTP requests with well-formed statuses and stays healthy`, async () => {
    const started = Date.now();
    const rng = new Rng(SEED ^ 0x5eed);
    const report = await t.api<any>("GET", `/api/classrooms/${classA.code}/report`, undefined, {
      authorization: `Bearer ${classA.hostKey}`,
    });
    const known = {
      codes: [classA.code, classB.code],
      seats: report.body.students.map((s: any) => s.seat) as string[],
      keys: [classA.hostKey, classB.hostKey, "nope"],
    };
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const problems: string[] = [];
    const send = (req: FuzzRequest) => sendRequest(t.server.port, agent, req, problems);
    const queue = Array.from({ length: HTTP_REQUESTS }, () => randomRequest(rng, known));
    // A few very large bodies, above every limit (JSON 16 KB, replays 4 MB).
    for (const path of ["/api/classrooms", "/api/solo-runs?nickname=Big", "/matchmake/join/classroom"])
      queue.push({
        method: "POST",
        path,
        headers: { "content-type": path.includes("solo") ? "application/octet-stream" : "application/json" },
        body: Buffer.alloc(5 * 1024 * 1024, "7"),
      });
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let req = queue.shift(); req; req = queue.shift()) await send(req);
      }),
    );
    agent.destroy();

    // WebSocket upgrades to random paths (no seat reservation, made-up room and session ids),
    // each followed by garbage bytes: every one is refused or closed, none takes the server down.
    let upgrades = 0;
    let upgraded = 0;
    for (let k = 0; k < 200; k++) {
      const path = rng.pick([
        `/${rng.pick(known.codes)}/${rng.pick(["", "x", "abc123"])}`,
        `/p/${report.body.students[0]?.seat ?? "s"}?sessionId=${rng.int(1e9)}`,
        "/",
        "/%",
        "/a/b/c?reconnectionToken=x:y",
        `/${"x".repeat(2000)}`,
        `/matchmake/join/classroom?sessionId=1`,
      ]);
      if (await garbageUpgrade(t.server.port, path, rng, k, problems)) upgraded++;
      upgrades++;
    }
    const health = await t.api<any>("GET", "/healthz");
    expect(health).toMatchObject({ status: 200, body: { status: "ok" } });
    const statuses = [...counts.httpStatus]
      .sort((a, b) => a[0] - b[0])
      .map(([s, k]) => `${s}=${k}`)
      .join(" ");
    console.log(
      `fuzz: ${counts.http} HTTP requests and ${upgrades} WebSocket upgrades (${upgraded} accepted, then fed garbage) in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${statuses}; problems ${problems.length}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
  }, 120_000);

  it(`answers ${MATCHMAKE_REQUESTS} random matchmaking requests: seats only through a live code, rooms only from the server`, async () => {
    const started = Date.now();
    const rng = new Rng(SEED ^ 0x3a7c);
    const rooms = { [classA.code]: classA, [classB.code]: classB };
    const known = {
      codes: [classA.code, classB.code],
      roomIds: [classA.roomId, classB.roomId],
      classroomIds: [classA.classroomId, classB.classroomId],
      keys: [classA.hostKey, classA.projectorKey, classB.hostKey, "nope"],
    };
    const secrets = [...known.codes, ...known.roomIds];
    const listingsBefore = (await matchMaker.query({ name: "classroom" })).map((l) => l.roomId).sort();
    const problems: string[] = [];
    const tally = new Map<string, number>();
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const send = (k: number) =>
      new Promise<void>((resolve) => {
        const m = randomMatchmake(rng, known);
        const json = JSON.stringify(m.body, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "null";
        const body = Buffer.from(json);
        const localAddress = `127.0.1.${1 + (k % 200)}`;
        const path = `/matchmake/${m.method}/${m.room}`;
        const what = `${path} ${body.toString().slice(0, 160)}`;
        const r = request(
          {
            host: "127.0.0.1",
            port: t.server.port,
            localAddress,
            method: "POST",
            path,
            headers: { "content-type": "application/json", "content-length": String(body.length) },
            agent,
            timeout: 10_000,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (d: Buffer) => chunks.push(d));
            res.on("end", () => {
              const text = Buffer.concat(chunks).toString();
              let a: any = null;
              try {
                a = JSON.parse(text);
              } catch {
                // reported below
              }
              if (res.statusCode !== 200 || a === null || typeof a !== "object")
                return resolve(void problems.push(`${what} → ${res.statusCode} ${text.slice(0, 120)}`));
              if (typeof a.sessionId === "string") {
                bump(tally, `${m.method} seat`);
                // A seat: a join of the classroom, by a code that opens it, for the role its keys open.
                const o = (typeof m.body === "object" && m.body !== null ? m.body : {}) as Record<string, unknown>;
                const code = normaliseJoinCode(o["code"]);
                const live = code ? rooms[code] : undefined;
                const hostOk = o["hostKey"] === undefined || o["hostKey"] === live?.hostKey;
                const projectorOk =
                  o["hostKey"] !== undefined ||
                  o["projectorKey"] === undefined ||
                  (live && "projectorKey" in live && o["projectorKey"] === live.projectorKey);
                if (
                  m.method !== "join" ||
                  m.room !== "classroom" ||
                  !live ||
                  a.room?.roomId !== live.roomId ||
                  !hostOk ||
                  !projectorOk
                )
                  problems.push(`a seat it should not have: ${what} → ${text.slice(0, 160)}`);
                if (
                  Object.keys(a.room ?? {}).some(
                    (key) => !["name", "roomId", "processId", "publicAddress"].includes(key),
                  )
                )
                  problems.push(`a seat that says too much: ${text.slice(0, 200)}`);
              } else {
                bump(tally, `${m.method} ${a.code}`);
                if (typeof a.code !== "number" || typeof a.error !== "string")
                  problems.push(`${what}: not a refusal: ${text.slice(0, 120)}`);
                // A refusal names no live code or room id the request did not name itself.
                for (const x of secrets)
                  if (text.includes(x) && !path.includes(x) && !json.includes(x))
                    problems.push(`${what}: the refusal discloses ${x}: ${text.slice(0, 160)}`);
              }
              resolve();
            });
          },
        );
        r.on("timeout", () => {
          problems.push(`${what}: no answer in 10 s`);
          r.destroy();
        });
        r.on("error", (e) => {
          problems.push(`${what}: ${e.message}`);
          resolve();
        });
        r.end(body);
      });
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < MATCHMAKE_REQUESTS) await send(next++);
      }),
    );
    agent.destroy();
    // No room was made, none was restored, none was replaced: each classroom has its one room.
    expect((await matchMaker.query({ name: "classroom" })).map((l) => l.roomId).sort()).toEqual(listingsBefore);
    // The instructor still gets in, and the round still runs for the honest students (unless
    // it has reached its end meanwhile: a slow machine takes longer over the phases before).
    const host = await join({ code: classA.code, hostKey: classA.hostKey });
    expect(await ask(host.room, host.inbox, "spectate", { cluster: "" })).toMatchObject({ ok: true });
    await host.room.leave();
    const tick = st(honest.students[0]!.room).tick as number;
    await waitFor(
      () => st(honest.students[0]!.room).tick > tick + 2 || st(honest.students[0]!.room).phase === "ended",
      5000,
      "the room to keep ticking",
    );
    const answers = [...tally]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k}=${n}`)
      .join(" ");
    console.log(
      `fuzz: ${MATCHMAKE_REQUESTS} matchmaking requests in ${((Date.now() - started) / 1000).toFixed(1)} s; answers ${answers}; problems ${problems.length}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
  }, 120_000);
});
