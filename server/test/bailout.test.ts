// Bankruptcy in a class, over real sockets: a student who spends far more than she earns
// goes bankrupt, the bank bails her out, and she plays on to the end of the round with the
// class. She is told why; the instructor is told who; the projector sees only the mark on
// her row; the report counts her bail-out and its numbers are the engine's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreOf, stateHash } from "@overcommit/shared";
import { ask, bootServer, joinClassroom, replayOf, st, waitFor, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

const LENGTH = 160;

let t: TestServer;
beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
});
afterAll(async () => {
  await t.close();
});

const join = (options: Record<string, unknown>) => joinClassroom(t, options);

describe("a bankrupt student in a class", () => {
  it("is bailed out by the bank and plays on to the end; the host is told, the report counts it", async () => {
    const created = await t.api<any>("POST", "/api/classrooms", {
      scenario: TEST_SCENARIO.id,
      seed: 5,
      speed: 16,
      length: LENGTH,
    });
    const { code, hostKey, projectorKey } = created.body;
    const host = await join({ code, hostKey });
    const projector = await join({ code, projectorKey });
    const ada = await join({ code, nickname: "Ada" });
    const bob = await join({ code, nickname: "Bob" });
    const adaSeat = (await ada.inbox.first("welcome")).seat;
    expect((await ask(host.room, host.inbox, "start")).ok).toBe(true);
    const adaCluster = (await ada.inbox.first("cluster")).cluster;

    // Eight large Type 1 hosts: 88 credits a second against 5000. Bob does nothing.
    for (let k = 0; k < 8; k++)
      expect(
        (await ask(ada.room, ada.inbox, "cmd", { cmd: { type: "buy-node", nodeType: "large", mode: "hypervisor" } }))
          .ok,
      ).toBe(true);

    // She is told in the game's words when she goes into the red, then when the bank steps in.
    const event = (type: string) =>
      waitFor(
        () =>
          ada.inbox
            .of("events")
            .flat()
            .find((e) => e.type === type),
        15_000,
        `a "${type}" event`,
      );
    expect((await event("money-negative")).text).toMatch(/bank bails you out/);
    const bailout = await event("bailout");
    expect(bailout.text).toMatch(
      /^Bankrupt: the bank lent you ¢\d+ to play on\. The loan and a ¢2500 fee come off your score\.$/,
    );

    // The instructor is told who; the projector is not (it shows the mark on the row only).
    const notice = await waitFor(
      () => host.inbox.of("notice").find((m) => /Ada went bankrupt/.test(m.message)),
      5000,
      "the host's notice",
    );
    expect(notice.message).toMatch(/bailed them out \(×1\)/);
    expect(projector.inbox.of("notice")).toEqual([]);
    for (const viewer of [host, projector, bob])
      await waitFor(() => st(viewer.room).rows?.[adaCluster]?.bailouts === 1, 5000, "the mark on Ada's row");

    // Her cluster runs on: money back to the start, the score carrying the debt, commands accepted.
    await waitFor(() => st(ada.room).clusters[adaCluster].tick > bailout.tick, 5000, "Ada's clock after the bail-out");
    const mine = st(ada.room).clusters[adaCluster];
    expect(mine.bailouts).toBe(1);
    expect(mine.finished).toBe(false);
    expect(mine.debt).toBe(bailout.a + bailout.b);
    expect(mine.score).toBe(mine.money - TEST_SCENARIO.startMoney - mine.debt);
    const after = await ask(ada.room, ada.inbox, "cmd", { cmd: { type: "remove-node", node: 3 } });
    expect(after.ok).toBe(true);
    expect(after.tick).toBeGreaterThan(bailout.tick);

    await waitFor(() => st(ada.room).phase === "ended", 30_000, "the end of the round");
    const report = await t.api<any>("GET", `/api/classrooms/${code}/report`, undefined, {
      authorization: `Bearer ${hostKey}`,
    });
    const rows = new Map<string, any>(report.body.students.map((s: any) => [s.nickname, s]));
    expect(rows.get("Ada")).toMatchObject({ ticks: LENGTH });
    expect(rows.get("Ada").bailouts).toBeGreaterThanOrEqual(1);
    expect(rows.get("Bob")).toMatchObject({ ticks: LENGTH, bailouts: 0 });
    // Her numbers are the re-simulation's, bail-outs included; the debt ranks her below Bob.
    const { world } = await replayOf(t.url, code, hostKey, adaSeat, TEST_SCENARIO);
    expect({
      score: rows.get("Ada").score,
      bailouts: rows.get("Ada").bailouts,
      hash: rows.get("Ada").stateHash,
    }).toEqual({ score: scoreOf(world), bailouts: world.bailouts, hash: stateHash(world) });
    expect(report.body.students.map((s: any) => s.nickname)).toEqual(["Bob", "Ada"]);

    const csv = await t.api("GET", `/api/classrooms/${code}/report?format=csv`, undefined, {
      authorization: `Bearer ${hostKey}`,
    });
    const [head, ...lines] = csv.text
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    const col = head!.indexOf("Bail-outs");
    expect(col).toBeGreaterThan(0);
    expect(lines.map((l) => [l[1], l[col]])).toEqual([
      ["Bob", "0"],
      ["Ada", String(world.bailouts)],
    ]);
  }, 60_000);
});
