// Results survive a restart: a finished round's report and replays are read back by a new
// server on the same DATA_DIR, and a round still running at shutdown is stored as it stood.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeReplay, replayWorld, stateHash } from "@overcommit/shared";
import { ask, bootServer, Inbox, st, waitFor } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

describe("a restart on the same DATA_DIR", () => {
  it("keeps finished rounds' results and replays, and stores a round cut short by shutdown", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "overcommit-restart-"));
    const first = await bootServer({ dataDir }, { scenarios: testCatalog });
    const make = async (length: number) => {
      const { body } = await first.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, seed: 5, speed: 16, length });
      const host = await first.client().join("classroom", { code: body.code, hostKey: body.hostKey });
      const hi = new Inbox(host);
      const s = await first.client().join("classroom", { code: body.code, nickname: "Keeper" });
      await ask(host, hi, "start");
      return { ...body, host, s };
    };
    const done = await make(20);
    const cut = await make(400);
    await waitFor(() => st(done.s).phase === "ended", 10_000, "the first round to end");
    await waitFor(() => st(cut.s).tick >= 10, 10_000, "the second round to run a little");
    const before = await first.api<any>("GET", `/api/classrooms/${done.code}/report?key=${done.hostKey}`);
    await first.close();

    const second = await bootServer({ dataDir }, { scenarios: testCatalog });
    try {
      const after = await second.api<any>("GET", `/api/classrooms/${done.code}/report?key=${done.hostKey}`);
      expect(after.status).toBe(200);
      expect(after.body.students).toEqual(before.body.students);
      const seat = after.body.students[0].seat;
      const bytes = new Uint8Array(await (await fetch(`${second.url}/api/classrooms/${done.code}/students/${seat}/replay?key=${done.hostKey}`)).arrayBuffer());
      const r = decodeReplay(bytes);
      expect(r.ok).toBe(true);
      if (r.ok) {
        const w = replayWorld(TEST_SCENARIO, r.value);
        expect(w.ok && stateHash(w.value)).toBe(after.body.students[0].stateHash);
      }
      const cutReport = await second.api<any>("GET", `/api/classrooms/${cut.code}/report?key=${cut.hostKey}`);
      expect(cutReport.body.phase).toBe("ended");
      expect(cutReport.body.students).toHaveLength(1);
      expect(cutReport.body.students[0].ticks).toBeGreaterThanOrEqual(10);
      // The classroom's room is gone with the old process: the code no longer admits anyone.
      expect((await second.api<any>("GET", `/api/classrooms/${cut.code}`)).body).toMatchObject({ live: false, phase: "ended" });
    } finally {
      await second.close();
    }
  });
});
