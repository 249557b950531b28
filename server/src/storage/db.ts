/**
 * Opens the SQLite database under DATA_DIR (creating the directory), switches on WAL (a
 * reader never blocks the room that writes results) and brings the schema up to date.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS, type Migration } from "./migrations.ts";

export type Db = Database.Database;

export const DB_FILE = "overcommit.sqlite";

export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  db.pragma("journal_mode = WAL");
  // Commits reach the OS without an fsync each: they survive the process being killed (what
  // crash recovery needs; every tick of every room commits) though not the machine losing power.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, MIGRATIONS);
  return db;
}

/**
 * Applies the migrations newer than the database's user_version; returns the version
 * reached. Each one runs in an IMMEDIATE transaction that re-reads the version first, so
 * several server processes starting on one DATA_DIR apply each migration exactly once.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number {
  let current = db.pragma("user_version", { simple: true }) as number;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      const now = db.pragma("user_version", { simple: true }) as number;
      if (m.version <= now) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    current = m.version;
  }
  return current;
}
