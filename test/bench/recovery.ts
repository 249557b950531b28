/**
 * Crash-recovery benchmark: what the round journal costs while a class plays, and how long
 * a restarted server takes to bring live classrooms back.
 *
 * A round of 40 clusters (each played by the autopilot bot) is stepped through the room's
 * own Round and journaled as the room does (`appendTick`, then `saveSnapshots`) into a real SQLite file; then a
 * real server starts on that DATA_DIR and restores the classrooms (the same path as after a
 * `kill -9`), and the time it reports is the figure.
 *
 * Figures: journal_tick_us (mean time to journal one tick of a 40-cluster room: clock,
 * commands, staggered snapshots), journal_bytes_per_tick (database growth per room tick),
 * restore_10x40_ms (ten classrooms of 40 at tick 600 rebuilt and listed).
 */
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { BOTS, getScenario, RULES_VERSION } from "@overcommit/shared";
import { startServer } from "../../server/src/server.ts";
import { openStorage } from "../../server/src/storage/index.ts";
import { DB_FILE } from "../../server/src/storage/db.ts";
import { startCheckpointer } from "../../server/src/storage/checkpointer.ts";
import { Round } from "../../server/src/rooms/round.ts";
import { saveSnapshots, snapshotsDue } from "../../server/src/rooms/journaling.ts";
import { testConfig } from "../../server/test/harness.ts";

const SCENARIO = "black-friday";
const STUDENTS = 40;

export async function recoveryFigures(quick: boolean): Promise<Record<string, number>> {
  const classes = quick ? 2 : 10;
  const ticks = quick ? 240 : 600;
  const scenario = getScenario(SCENARIO);
  if (!scenario) throw new Error(`The scenario "${SCENARIO}" is missing.`);
  const dataDir = mkdtempSync(join(tmpdir(), "overcommit-bench-recovery-"));
  const storage = openStorage(dataDir);
  // As in the server: the WAL is checkpointed by a worker, not inside a tick's commit.
  const checkpoints = startCheckpointer(storage.db, (err) => {
    throw err;
  });
  let journalMs = 0;
  let journaled = 0;
  for (let k = 0; k < classes; k++) {
    const id = randomUUID();
    storage.classrooms.create({
      id,
      code: `BENCH${String.fromCharCode(65 + k)}`,
      hostKeyHash: "x",
      projectorKeyHash: "x",
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      seed: 1000 + k,
      mode: "competitive",
      teamSize: 1,
      speed: 4,
      lateJoin: true,
    });
    storage.classrooms.opened(id, "", scenario.length, RULES_VERSION);
    storage.classrooms.setPhase(id, "running");
    const round = new Round(scenario, 1000 + k, scenario.length);
    for (let s = 0; s < STUDENTS; s++) {
      const c = round.addCluster(`Student ${s + 1}`, 0);
      storage.journal.saveCluster(id, { id: c.id, index: c.index, name: c.name, team: 0, removed: false });
    }
    round.onTick = (tick, logged) => {
      const t0 = performance.now();
      storage.journal.appendTick(id, tick, logged);
      // The room saves these after its patch is out; they are part of what journaling costs.
      saveSnapshots(storage.journal, id, snapshotsDue(round, tick));
      journalMs += performance.now() - t0;
      journaled++;
    };
    for (let t = 0; t < ticks; t++) {
      for (const c of round.clusters.values())
        for (const cmd of BOTS.autopilot.act(c.world)) round.enqueue(c, { cmd, onResult: () => {} });
      round.stepAll();
    }
  }
  await checkpoints.stop();
  storage.close();
  const bytes =
    statSync(join(dataDir, DB_FILE)).size +
    (statSync(join(dataDir, `${DB_FILE}-wal`), { throwIfNoEntry: false })?.size ?? 0);

  const server = await startServer(testConfig({ dataDir, logLevel: "silent" }), { logger: pino({ level: "silent" }) });
  const restored = server.restored;
  await server.close();
  if (restored.restored !== classes) throw new Error(`Restored ${restored.restored} of ${classes} classrooms.`);
  return {
    journal_tick_us: Math.round((journalMs / journaled) * 1000),
    journal_bytes_per_tick: Math.round(bytes / journaled),
    [quick ? "restore_2x40_ms" : "restore_10x40_ms"]: restored.ms,
  };
}
