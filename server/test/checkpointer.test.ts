/**
 * The WAL checkpoint worker: the server's own connection never checkpoints inside a commit,
 * and the log still stays bounded because the worker copies it into the database.
 */
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../src/storage/index.ts";
import { DB_FILE } from "../src/storage/db.ts";
import { startCheckpointer, type Checkpointer } from "../src/storage/checkpointer.ts";

const open: { storage: Storage; checkpoints?: Checkpointer }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.checkpoints?.stop();
    o.storage.close();
  }
});

function scratch(): { storage: Storage; dir: string; write: (rows: number) => void; walBytes: () => number } {
  const dir = mkdtempSync(join(tmpdir(), "overcommit-wal-"));
  const storage = openStorage(dir);
  open.push({ storage });
  storage.db.exec("CREATE TABLE filler (k INTEGER PRIMARY KEY, v BLOB)");
  const insert = storage.db.prepare("INSERT OR REPLACE INTO filler (k, v) VALUES (?, ?)");
  const blob = Buffer.alloc(2000, 7);
  // One commit per row, as the rooms commit once per tick.
  const write = (rows: number) => {
    for (let k = 0; k < rows; k++) insert.run(k % 500, blob);
  };
  return {
    storage,
    dir,
    write,
    walBytes: () => statSync(join(dir, `${DB_FILE}-wal`), { throwIfNoEntry: false })?.size ?? 0,
  };
}

describe("the checkpoint worker", () => {
  it("takes checkpointing off the committing connection", () => {
    const { storage, write, walBytes } = scratch();
    const checkpoints = startCheckpointer(
      storage.db,
      (err) => {
        throw err;
      },
      60_000,
    );
    open[0]!.checkpoints = checkpoints;
    expect(storage.db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    // Far past SQLite's own 1000-page threshold: nothing on this connection shrank the log.
    write(3000);
    expect(walBytes()).toBeGreaterThan(3000 * 2000);
  });

  it("copies the whole log into the database, and the log starts over instead of growing", async () => {
    const { storage, write, walBytes } = scratch();
    const checkpoints = startCheckpointer(
      storage.db,
      (err) => {
        throw err;
      },
      60_000,
    );
    open[0]!.checkpoints = checkpoints;
    write(1500);
    const first = await checkpoints.now();
    expect(first.log).toBeGreaterThan(1500);
    expect(first.checkpointed).toBe(first.log);
    // The worker itself made the commit that started the log over: the log now holds only
    // that commit, and the next commit here appends to it instead of restarting it.
    const [after] = storage.db.pragma("wal_checkpoint(PASSIVE)") as { log: number }[];
    expect(after!.log).toBeGreaterThan(0);
    expect(after!.log).toBeLessThan(5);
    expect(storage.db.prepare("SELECT count(*) AS n FROM wal_restarts").get()).toEqual({ n: 1 });
    const size = walBytes();
    for (let round = 0; round < 3; round++) {
      write(1500);
      const r = await checkpoints.now();
      expect(r.checkpointed).toBe(r.log);
      // The same number of commits fits in the file the first round left.
      expect(walBytes()).toBeLessThanOrEqual(size);
    }
    expect(storage.db.prepare("SELECT count(*) AS n FROM filler").get()).toEqual({ n: 500 });
  });

  it("runs on its own, on its timer", async () => {
    const { storage, write } = scratch();
    const checkpoints = startCheckpointer(
      storage.db,
      (err) => {
        throw err;
      },
      100,
    );
    open[0]!.checkpoints = checkpoints;
    write(200);
    const t0 = Date.now();
    while (checkpoints.runs === 0 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(checkpoints.runs).toBeGreaterThan(0);
    expect(checkpoints.last!.checkpointed).toBe(checkpoints.last!.log);
  });

  it("stops, and the database is whole after the server's connection closes", async () => {
    const { storage, dir, write } = scratch();
    const checkpoints = startCheckpointer(
      storage.db,
      (err) => {
        throw err;
      },
      60_000,
    );
    write(800);
    await checkpoints.stop();
    await expect(checkpoints.now()).rejects.toThrow(/not running/);
    storage.close();
    open.length = 0;
    const again = openStorage(dir);
    expect(again.db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(again.db.prepare("SELECT count(*) AS n FROM filler").get()).toEqual({ n: 500 });
    again.close();
  });
});
