// A live room snapshots every world (for a fast restore), after the tick's patch: each
// snapshot must be exactly the world its recorded log length and tick say, or a restore
// would start from a state the log does not lead to.
import { describe, expect, it } from "vitest";
import { advanceWorld, createWorld, decodeSnapshot, stateHash, type Command } from "@overcommit/shared";
import { SNAPSHOT_EVERY } from "../src/rooms/journaling.ts";
import { ask, bootServer, Inbox, st, waitFor } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

const buy: Command = { type: "buy-node", nodeType: "small", mode: "container-host" };

describe("world snapshots in a live room", () => {
  it("are written for every cluster, and each is the world its log leads to", async () => {
    const t = await bootServer({}, { scenarios: testCatalog });
    try {
      const { body } = await t.api<any>("POST", "/api/classrooms", {
        scenario: TEST_SCENARIO.id,
        seed: 9,
        speed: 16,
        length: 400,
      });
      const host = await t.client().join("classroom", { code: body.code, hostKey: body.hostKey });
      const hi = new Inbox(host);
      const students = await Promise.all(
        ["Ada", "Bo", "Cy"].map((nickname) => t.client().join("classroom", { code: body.code, nickname })),
      );
      const inboxes = students.map((s) => new Inbox(s));
      await ask(host, hi, "start");
      // Commands before and while snapshots are due, so logs and worlds move on.
      for (let k = 0; k < 6; k++) {
        await Promise.all(students.map((s, i) => ask(s, inboxes[i]!, "cmd", { cmd: buy })));
        await waitFor(() => st(host).tick >= 20 * (k + 1), 20_000, `tick ${20 * (k + 1)}`);
      }
      await waitFor(() => st(host).tick >= SNAPSHOT_EVERY + 8, 20_000, "every cluster's first snapshot");
      const row = t.server.storage.classrooms.byCode(body.code)!;
      const journal = t.server.storage.journal.load(row.id);
      expect(journal.snapshots.size).toBe(3);
      for (const snap of journal.snapshots.values()) {
        const log = journal.logs.get(snap.cluster) ?? [];
        expect(snap.tick).toBeGreaterThan(0);
        expect(snap.logLength).toBeGreaterThan(0);
        expect(snap.logLength).toBeLessThanOrEqual(log.length);
        const decoded = decodeSnapshot(snap.bytes, TEST_SCENARIO);
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) continue;
        expect(decoded.value.tick).toBe(snap.tick);
        // The world from tick 0 and the first logLength commands, at the snapshot's tick.
        const w = createWorld(TEST_SCENARIO, 9);
        const done = advanceWorld(w, log.slice(0, snap.logLength), 0, snap.tick);
        expect(done.ok).toBe(true);
        expect(stateHash(decoded.value)).toBe(stateHash(w));
      }
    } finally {
      await t.close();
    }
  }, 60_000);
});
