// Results survive a restart: a finished round's report and replays are read back by a new
// server on the same DATA_DIR, and a round still running at shutdown comes back live, paused
// at the tick it stood, for its students (by seat token) and its host to carry on.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeReplay, replayWorld, stateHash } from "@overcommit/shared";
import { ask, bootServer, Inbox, roundsBeforeRestart, st, waitFor } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

describe("a restart on the same DATA_DIR", () => {
  it("keeps finished rounds' results and replays, and brings back a round cut short by shutdown", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "overcommit-restart-"));
    const { first, done, cut } = await roundsBeforeRestart(dataDir);
    const before = await first.api<any>("GET", `/api/classrooms/${done.code}/report?key=${done.hostKey}`);
    await first.close();

    const second = await bootServer({ dataDir }, { scenarios: testCatalog });
    try {
      const after = await second.api<any>("GET", `/api/classrooms/${done.code}/report?key=${done.hostKey}`);
      expect(after.status).toBe(200);
      expect(after.body.students).toEqual(before.body.students);
      const seat = after.body.students[0].seat;
      const bytes = new Uint8Array(
        await (
          await fetch(`${second.url}/api/classrooms/${done.code}/students/${seat}/replay?key=${done.hostKey}`)
        ).arrayBuffer(),
      );
      const r = decodeReplay(bytes);
      expect(r.ok).toBe(true);
      if (r.ok) {
        const w = replayWorld(TEST_SCENARIO, r.value);
        expect(w.ok && stateHash(w.value)).toBe(after.body.students[0].stateHash);
      }
      // The round cut short is live again, paused where it stood, with the same student.
      const standing = await waitFor(
        async () => (await second.api<any>("GET", `/api/classrooms/${cut.code}`)).body,
        5000,
        "the info",
      );
      expect(standing).toMatchObject({ live: true, phase: "paused" });
      const cutReport = await second.api<any>("GET", `/api/classrooms/${cut.code}/report?key=${cut.hostKey}`);
      expect(cutReport.body.phase).toBe("paused");
      expect(cutReport.body.students).toHaveLength(1);
      const stood = cutReport.body.students[0];
      expect(stood.ticks).toBeGreaterThanOrEqual(10);
      // Its seat token brings the student back to the same seat and cluster.
      const { seatToken, seat: seatId } = await cut.si.first("welcome");
      const cluster = stood.cluster;
      const back = await second.client().join("classroom", { code: cut.code, seatToken });
      const bi = new Inbox(back);
      expect(await bi.first("welcome")).toMatchObject({ seat: seatId, cluster });
      await waitFor(() => st(back).clusters?.[cluster]?.tick === stood.ticks, 5000, "the restored cluster in state");
      const host = await second.client().join("classroom", { code: cut.code, hostKey: cut.hostKey });
      const hi = new Inbox(host);
      expect((await ask(host, hi, "resume")).ok).toBe(true);
      await waitFor(() => st(back).tick >= stood.ticks + 5, 10_000, "the round to go on");
      // Re-simulating the replay to the tick it was restored at gives the hash it had then.
      const bytes2 = new Uint8Array(
        await (
          await fetch(`${second.url}/api/classrooms/${cut.code}/students/${stood.seat}/replay?key=${cut.hostKey}`)
        ).arrayBuffer(),
      );
      const r2 = decodeReplay(bytes2);
      expect(r2.ok).toBe(true);
      if (r2.ok) {
        const w = replayWorld(TEST_SCENARIO, { ...r2.value, length: stood.ticks });
        expect(w.ok && stateHash(w.value)).toBe(stood.stateHash);
      }
    } finally {
      await second.close();
    }
  });
});
