// The room's small rules on their own: join codes, the rate limiter, team
// filling, migrations and the CSV report.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET, newJoinCode, normaliseJoinCode, uniqueJoinCode } from "../src/rooms/joinCode.ts";
import { RateLimiter } from "../src/rooms/rateLimit.ts";
import { PendingSeats } from "../src/rooms/admission.ts";
import { fillTeams, SeatBook } from "../src/rooms/seats.ts";
import { migrate } from "../src/storage/db.ts";
import { MIGRATIONS } from "../src/storage/migrations.ts";
import { openStorage } from "../src/storage/index.ts";
import { reportCsv, type ReportRow } from "../src/report.ts";

describe("join codes", () => {
  it("are six unambiguous letters", () => {
    for (let k = 0; k < 200; k++) expect(newJoinCode()).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    for (const ch of "IL1O0QS5B8Z2G6UV") expect(JOIN_CODE_ALPHABET).not.toContain(ch);
  });
  it("are read forgivingly and checked strictly", () => {
    expect(normaliseJoinCode(" acd-efh ")).toBe("ACDEFH");
    expect(normaliseJoinCode("ACDEF0")).toBeNull();
    expect(normaliseJoinCode(123)).toBeNull();
  });
  it("skip codes in use", async () => {
    const seen = new Set<string>();
    let calls = 0;
    const code = await uniqueJoinCode((c) => {
      calls++;
      seen.add(c);
      return calls < 3;
    });
    expect(calls).toBe(3);
    expect(seen.has(code)).toBe(true);
  });
});

describe("pending seat reservations", () => {
  it("are bounded per address and per room for strangers, and apart for seats and viewers", () => {
    const live = new Set<string>();
    const p = new PendingSeats({ perAddress: 2, strangers: 3, perSeat: 1, viewers: 1 }, (id) => live.has(id));
    const add = (id: string, claimant: Parameters<PendingSeats["add"]>[1], address: string) => {
      live.add(id);
      p.add(id, claimant, address);
    };
    add("a1", { kind: "stranger" }, "A");
    add("a2", { kind: "stranger" }, "A");
    expect(p.refusal({ kind: "stranger" }, "A")).toMatch(/your network/);
    expect(p.refusal({ kind: "stranger" }, "B")).toBeNull();
    add("b1", { kind: "stranger" }, "B");
    expect(p.refusal({ kind: "stranger" }, "C")).toMatch(/this class/);
    // Strangers do not count against the host, the projector or a returning seat.
    expect(p.refusal({ kind: "viewer" }, "A")).toBeNull();
    expect(p.refusal({ kind: "seat", seat: "s1" }, "A")).toBeNull();
    add("v1", { kind: "viewer" }, "A");
    add("s1", { kind: "seat", seat: "s1" }, "A");
    expect(p.refusal({ kind: "viewer" }, "Z")).toMatch(/instructor screens/);
    expect(p.refusal({ kind: "seat", seat: "s1" }, "Z")).toMatch(/another tab/);
    expect(p.refusal({ kind: "seat", seat: "s2" }, "A")).toBeNull();
    // A reservation that connected or expired is no longer pending.
    live.delete("a1");
    expect(p.refusal({ kind: "stranger" }, "A")).toBeNull();
    expect(p.size).toBe(4);
  });
});

describe("the rate limiter", () => {
  it("allows a burst, refuses beyond it, refills, and calls a flood a flood", () => {
    const r = new RateLimiter({ burst: 3, perSecond: 2, floodRefusals: 5 }, 0);
    expect([r.take(0), r.take(0), r.take(0), r.take(0)]).toEqual(["ok", "ok", "ok", "limited"]);
    expect(r.take(500)).toBe("ok");
    const verdicts = Array.from({ length: 7 }, () => r.take(600));
    expect(verdicts.at(-1)).toBe("flood");
  });
});

describe("teams", () => {
  it("fill the smallest team first and open new ones as needed", () => {
    const book = new SeatBook();
    const seats = Array.from({ length: 7 }, (_, k) => book.create(`s${k}`).seat);
    seats[0]!.team = 2;
    fillTeams(seats, 3);
    const sizes = new Map<number, number>();
    for (const s of seats) sizes.set(s.team, (sizes.get(s.team) ?? 0) + 1);
    expect([...sizes.values()].sort()).toEqual([2, 2, 3]);
    expect(seats.every((s) => s.team > 0)).toBe(true);
  });
  it("ban by seat token", () => {
    const book = new SeatBook();
    const { seat, token } = book.create("Eve");
    expect(book.byTokenOf(token)).toBe(seat);
    book.kick(seat.id);
    expect(book.byTokenOf(token)).toBeUndefined();
    expect(book.isBanned(token)).toBe(true);
  });
});

describe("storage", () => {
  it("migrates a new database once, in WAL mode", () => {
    const dir = mkdtempSync(join(tmpdir(), "overcommit-db-"));
    const s = openStorage(dir);
    expect(s.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(s.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    s.close();
    const again = openStorage(dir);
    expect(again.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    again.close();
  });

  it("keeps a class's old results: a student who went bankrupt before bail-outs existed counts one", () => {
    const db = new Database(":memory:");
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 6),
    );
    db.prepare(
      `INSERT INTO classrooms (id, code, host_key_hash, projector_key_hash, scenario_id, scenario_version, seed, mode, team_size, speed, late_join, created_at) VALUES ('k1', 'ABCDEF', 'h', 'p', 'exam-week', 1, 1, 'competitive', 1, 4, 1, 'now')`,
    ).run();
    const put = db.prepare(
      `INSERT INTO results (classroom_id, round, seat_id, cluster, nickname, team, score, sla_bp, money, bankrupt, ticks, state_hash, incidents_json) VALUES ('k1', 1, ?, ?, ?, 0, ?, 9000, 0, ?, ?, 'h', '{}')`,
    );
    put.run("s1", "c1", "Ada", 900, 0, 2400);
    put.run("s2", "c2", "Bo", -40, 1, 600);
    migrate(db, MIGRATIONS);
    expect(db.prepare(`SELECT nickname, bailouts, ticks FROM results ORDER BY nickname`).all()).toEqual([
      { nickname: "Ada", bailouts: 0, ticks: 2400 },
      { nickname: "Bo", bailouts: 1, ticks: 600 },
    ]);
    expect(db.prepare(`SELECT name FROM pragma_table_info('results') WHERE name = 'bankrupt'`).all()).toEqual([]);
    // Solo runs stored before: none was bailed out (a bankrupt run stopped there).
    expect(db.prepare(`SELECT name FROM pragma_table_info('solo_runs') WHERE name = 'bailouts'`).all()).toEqual([
      { name: "bailouts" },
    ]);
    db.close();
  });
  it("applies only newer migrations", () => {
    const db = new Database(":memory:");
    expect(migrate(db, [{ version: 1, sql: "CREATE TABLE a (x)" }])).toBe(1);
    expect(
      migrate(db, [
        { version: 1, sql: "CREATE TABLE a (x)" },
        { version: 2, sql: "CREATE TABLE b (y)" },
      ]),
    ).toBe(2);
    db.close();
  });
});

describe("the CSV report", () => {
  const row = (over: Partial<ReportRow>): ReportRow => ({
    seat: "s1",
    nickname: "Ada",
    team: 0,
    cluster: "c1",
    score: 0,
    slaBp: 10000,
    money: 0,
    bailouts: 0,
    ticks: 0,
    stateHash: "h",
    incidents: {},
    ...over,
  });

  it("quotes separators and defuses spreadsheet formulas", () => {
    const r = row({
      nickname: '=HYPERLINK("x")',
      score: -5,
      slaBp: 9950,
      money: 10,
      ticks: 40,
      incidents: { "self-healing": { count: 2, resolved: 1, open: 1, handledBy: { kubernetes: 1 }, dropped: 3 } },
    });
    const lines = reportCsv([r]).split("\r\n");
    expect(lines[1]).toBe(
      `1,"'=HYPERLINK(""x"")",-5,99.50,10,0,0:40,2,1,1,Self-healing 2,1 by Kubernetes; 1 still open,3`,
    );
  });

  it("has column names a teacher reads and no empty cell", () => {
    const lines = reportCsv([
      row({
        nickname: "Ada",
        score: 900,
        ticks: 2400,
        incidents: {
          autoscaling: { count: 3, resolved: 3, open: 0, handledBy: { autoscaler: 2, player: 1 }, dropped: 0 },
        },
      }),
      row({ seat: "s2", nickname: "Bob", cluster: "c2", score: 900, ticks: 2400 }),
      row({ seat: "s3", nickname: "Cy", cluster: "c3", score: -40, ticks: 2400, bailouts: 2 }),
    ])
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Rank,Nickname,Score (¢),SLA (%),Money at the end (¢),Bail-outs,Simulated time played,Incidents,Handled,Still open,Incidents by concept,Handled by,Requests dropped during incidents",
    );
    // Ties share a rank; a student without incidents says so instead of leaving cells blank.
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["1", "1", "3"]);
    expect(lines[1]).toContain("Horizontal Pod Autoscaler (HPA) 3,2 by the autoscaler; 1 by hand,0");
    expect(lines[2]).toMatch(/,none,no incidents,0$/);
    expect(lines[3]).toContain(",2,40:00,");
    for (const l of lines) for (const cell of l.split(",")) expect(cell).not.toBe("");
  });

  it("has a team column only when the class plays in teams", () => {
    const csv = reportCsv([row({ team: 2 }), row({ seat: "s2", nickname: "Bob", team: 2 })]);
    expect(csv.split("\r\n")[0]).toMatch(/^Rank,Nickname,Team,Score/);
    expect(csv.split("\r\n")[1]).toMatch(/^1,Ada,Team 2,0,/);
  });
});
