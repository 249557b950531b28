// Crash recovery: a real server process is killed with SIGKILL mid-round, with a host and
// three students connected and playing. A new process on the same DATA_DIR brings the
// classroom back under the same join code, paused; everyone rejoins (by seat token and host
// key, retrying with back-off as the browser does); each world is the one it was (its hash
// equals re-simulating the acknowledged commands, a bank bail-out included); the round then
// runs to its end and the report holds every student once, with every acknowledged command
// in their replay once.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "colyseus.js";
import { afterAll, describe, expect, it } from "vitest";
import { CLOSE_CODES, getScenario, replayWorld, stateHash, type Command, type ReplayEntry } from "@overcommit/shared";
import { ask, Inbox, replayOf, sleep, st, waitFor } from "./harness.ts";
import { freePort, startServerProcess, type ServerProcess } from "./processes.ts";

const SCENARIO = "campaign-1-packing";
const LENGTH = 260;
const NAMES = ["Ada", "Bo", "Cy"];
/** What the students play: a cycle of commands the engine accepts or refuses (both are logged). */
const PLAY: Command[] = [
  { type: "cordon", node: 0 },
  { type: "uncordon", node: 0 },
  { type: "buy-node", nodeType: "medium", mode: "hypervisor" },
  { type: "deploy", service: "storefront", runtime: "vm", node: 0 },
];

const procs: ServerProcess[] = [];
afterAll(() => {
  for (const p of procs) p.child.kill("SIGKILL");
});

/** A student at a human pace: one command, wait for its answer, a short pause, again. */
class Player {
  readonly acked: ReplayEntry[] = [];
  inFlight: Command | null = null;
  private stopped = false;
  private done: Promise<void> = Promise.resolve();
  constructor(
    public room: Room,
    public inbox: Inbox,
    private k: number,
  ) {}
  play(): void {
    this.stopped = false;
    this.done = (async () => {
      while (!this.stopped) {
        const cmd = PLAY[this.k++ % PLAY.length]!;
        this.inFlight = cmd;
        const r = await ask(this.room, this.inbox, "cmd", { cmd }).catch(() => null);
        if (!r || r.tick < 0) return; // the server went away (or refused before the engine): stop
        // A finished world refuses commands without applying or logging them.
        if (r.ok || r.code !== "round-over") this.acked.push({ tick: r.tick, cmd });
        this.inFlight = null;
        await sleep(80);
      }
    })();
  }
  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }
}

/** Joins by code, retrying with back-off while the server is down or still restoring. */
async function rejoin(
  url: string,
  code: string,
  options: Record<string, unknown>,
): Promise<{ room: Room; inbox: Inbox }> {
  let wait = 100;
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      const room = await new Client(url).join("classroom", { code, ...options });
      return { room, inbox: new Inbox(room) };
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(wait);
      wait = Math.min(wait * 2, 2000);
    }
  }
}

/** A server process on a fresh DATA_DIR with a classroom of SCENARIO and its host connected. */
async function classroomOnNewServer(seed: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "overcommit-crash-"));
  const port = await freePort();
  const ws = `ws://127.0.0.1:${port}`;
  const first = await startServerProcess(port, { DATA_DIR: dataDir });
  procs.push(first);
  const created = (await (
    await fetch(`${first.url}/api/classrooms`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: SCENARIO, seed, speed: 16, length: LENGTH }),
    })
  ).json()) as { code: string; hostKey: string };
  const host = await new Client(ws).join("classroom", { code: created.code, hostKey: created.hostKey });
  return { dataDir, port, ws, first, created, host, hostInbox: new Inbox(host) };
}

describe("kill -9 of the server mid-round", () => {
  it("loses nothing: the classroom comes back, paused, with every world and seat as they were", async () => {
    const { dataDir, port, ws, first, created, host, hostInbox } = await classroomOnNewServer(77);
    const players: Player[] = [];
    const tokens: string[] = [];
    const seats: string[] = [];
    for (const [k, nickname] of NAMES.entries()) {
      const room = await new Client(ws).join("classroom", { code: created.code, nickname });
      const inbox = new Inbox(room);
      const welcome = await inbox.first("welcome");
      tokens.push(welcome.seatToken);
      seats.push(welcome.seat);
      players.push(new Player(room, inbox, k));
    }
    expect((await ask(host, hostInbox, "start")).ok).toBe(true);
    for (const p of players) p.play();
    // Buying a medium host every fourth command runs level 1's money out: the crash comes
    // after the bank has bailed someone out, so the restored worlds must carry their bail-outs.
    const bailedOut = () => Object.values<{ bailouts: number }>(st(host).rows ?? {}).some((r) => r.bailouts > 0);
    await waitFor(
      () => st(host).tick >= 40 && players.every((p) => p.acked.length >= 5) && bailedOut(),
      30_000,
      "a round well under way, someone bailed out",
    );

    // The crash: no shutdown path runs.
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    await Promise.all(players.map((p) => p.stop()));
    const ackedBefore = players.map((p) => [...p.acked]);
    const inFlight = players.map((p) => p.inFlight);

    const t0 = performance.now();
    const second = await startServerProcess(port, { DATA_DIR: dataDir });
    procs.push(second);
    const { room: host2, inbox: hostInbox2 } = await rejoin(ws, created.code, { hostKey: created.hostKey });
    const back = await Promise.all(tokens.map((seatToken) => rejoin(ws, created.code, { seatToken })));
    const allBackMs = Math.round(performance.now() - t0);
    console.log(`crash recovery: process start to all ${back.length + 1} clients back in ${allBackMs} ms`);

    // Same seats, each back on its own cluster, the round paused where the journal left it.
    const welcomes = await Promise.all(back.map((b) => b.inbox.first("welcome")));
    expect(welcomes.map((w) => w.seat)).toEqual(seats);
    await waitFor(() => st(host2).phase === "paused", 5000, "the paused round");
    const report = (await (
      await fetch(`${second.url}/api/classrooms/${created.code}/report?key=${created.hostKey}`)
    ).json()) as {
      phase: string;
      students: {
        seat: string;
        nickname: string;
        cluster: string;
        ticks: number;
        stateHash: string;
        money: number;
        bailouts: number;
      }[];
    };
    expect(report.phase).toBe("paused");
    expect(report.students.map((s) => s.seat).sort()).toEqual([...seats].sort());
    const restored = new Map(report.students.map((s) => [s.seat, s]));
    expect(report.students.some((s) => s.bailouts > 0)).toBe(true);
    for (const [k, w] of welcomes.entries()) expect(w.cluster).toBe(restored.get(seats[k]!)!.cluster);

    // Play on after the restart, to the end of the round.
    for (const [k, p] of players.entries()) {
      p.room = back[k]!.room;
      p.inbox = back[k]!.inbox;
      p.acked.length = 0;
    }
    expect((await ask(host2, hostInbox2, "resume")).ok).toBe(true);
    for (const p of players) p.play();
    await waitFor(() => st(host2).phase === "ended", 30_000, "the end of the round");
    await Promise.all(players.map((p) => p.stop()));

    const final = (await (
      await fetch(`${second.url}/api/classrooms/${created.code}/report?key=${created.hostKey}`)
    ).json()) as typeof report;
    expect(final.students.map((s) => s.nickname).sort()).toEqual([...NAMES].sort());
    const scenario = getScenario(SCENARIO)!;
    for (const [k, seat] of seats.entries()) {
      const at = restored.get(seat)!;
      const { replay, world: then } = await replayOf(
        second.url,
        created.code,
        created.hostKey,
        seat,
        scenario,
        at.ticks,
      );
      const log = replay.log;
      // Nothing lost: every command answered before the crash is in the log, in order, once;
      // at most the one unanswered command may follow it (journaled, then the process died).
      const pre = log.filter((e) => e.tick < at.ticks);
      expect(pre.slice(0, ackedBefore[k]!.length)).toEqual(ackedBefore[k]);
      expect(pre.length - ackedBefore[k]!.length).toBeLessThanOrEqual(inFlight[k] ? 1 : 0);
      if (pre.length > ackedBefore[k]!.length) expect(pre.at(-1)!.cmd).toEqual(inFlight[k]);
      // Nothing doubled: after the restart, exactly the commands answered since.
      expect(log.filter((e) => e.tick >= at.ticks)).toEqual(players[k]!.acked);
      // The restored world is the acknowledged one: re-simulating to its tick gives its hash and money.
      expect(stateHash(then)).toBe(at.stateHash);
      expect(then.money).toBe(at.money);
      expect(then.bailouts).toBe(at.bailouts);
      // And the stored result is the re-simulation of the whole replay.
      const whole = replayWorld(scenario, replay);
      const result = final.students.find((s) => s.seat === seat)!;
      if (!whole.ok) throw new Error(whole.message);
      expect(stateHash(whole.value)).toBe(result.stateHash);
      // To the end of the round, bail-outs or not, counted as the re-simulation counts them.
      expect(result.ticks).toBe(LENGTH);
      expect(result.bailouts).toBe(whole.value.bailouts);
    }
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 90_000);
});

describe("SIGTERM mid-round", () => {
  it("tells clients the server is restarting, exits cleanly, and the round comes back paused", async () => {
    const { dataDir, port, ws, first, created, host, hostInbox } = await classroomOnNewServer(3);
    const student = await new Client(ws).join("classroom", { code: created.code, nickname: "Dee" });
    const inbox = new Inbox(student);
    const { seatToken } = await inbox.first("welcome");
    const closed = new Promise<number>((res) => student.onLeave((code) => res(code)));
    expect((await ask(host, hostInbox, "start")).ok).toBe(true);
    await waitFor(() => st(student).tick >= 20, 10_000, "the round under way");

    first.child.kill("SIGTERM");
    expect(await closed).toBe(CLOSE_CODES.restarting);
    expect(inbox.of("server-restarting")).toHaveLength(1);
    expect(await first.exited).toBe(0);

    const second = await startServerProcess(port, { DATA_DIR: dataDir });
    procs.push(second);
    const { room: back, inbox: backInbox } = await rejoin(ws, created.code, { seatToken });
    const welcome = await backInbox.first("welcome");
    await waitFor(
      () => st(back).phase === "paused" && st(back).clusters?.[welcome.cluster],
      5000,
      "the paused round and its cluster",
    );
    expect(st(back).tick).toBeGreaterThanOrEqual(20);
    // The instructor is told why the round waits.
    const { inbox: hostBack } = await rejoin(ws, created.code, { hostKey: created.hostKey });
    expect((await hostBack.first("notice")).message).toMatch(/restarted/);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 60_000);
});
