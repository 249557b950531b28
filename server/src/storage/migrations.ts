/**
 * The database schema as an ordered list of migrations. `PRAGMA user_version` records the
 * last one applied; each runs once, inside a transaction, in order. Never edit a shipped
 * migration: add the next one.
 *
 * No personal data: a seat is a nickname chosen for one round; keys are stored as
 * SHA-256 hashes, never as given.
 */
export interface Migration {
  readonly version: number;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE classrooms (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        host_key_hash TEXT NOT NULL,
        projector_key_hash TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        scenario_version INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        mode TEXT NOT NULL,
        team_size INTEGER NOT NULL,
        speed INTEGER NOT NULL,
        late_join INTEGER NOT NULL,
        phase TEXT NOT NULL DEFAULT 'new',
        created_at TEXT NOT NULL,
        started_at TEXT,
        ended_at TEXT
      );
      CREATE TABLE seats (
        classroom_id TEXT NOT NULL REFERENCES classrooms(id),
        seat_id TEXT NOT NULL,
        nickname TEXT NOT NULL,
        team INTEGER NOT NULL DEFAULT 0,
        cluster TEXT NOT NULL DEFAULT '',
        kicked INTEGER NOT NULL DEFAULT 0,
        joined_at TEXT NOT NULL,
        PRIMARY KEY (classroom_id, seat_id)
      );
      CREATE TABLE results (
        classroom_id TEXT NOT NULL REFERENCES classrooms(id),
        seat_id TEXT NOT NULL,
        cluster TEXT NOT NULL,
        nickname TEXT NOT NULL,
        team INTEGER NOT NULL,
        score INTEGER NOT NULL,
        sla_bp INTEGER NOT NULL,
        money INTEGER NOT NULL,
        bankrupt INTEGER NOT NULL,
        ticks INTEGER NOT NULL,
        state_hash TEXT NOT NULL,
        incidents_json TEXT NOT NULL,
        PRIMARY KEY (classroom_id, seat_id)
      );
      CREATE TABLE replays (
        classroom_id TEXT NOT NULL REFERENCES classrooms(id),
        cluster TEXT NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (classroom_id, cluster)
      );
      CREATE TABLE assignments (
        code TEXT PRIMARY KEY,
        host_key_hash TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        scenario_version INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        deadline TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE solo_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scenario_id TEXT NOT NULL,
        scenario_version INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        nickname TEXT NOT NULL,
        assignment_code TEXT REFERENCES assignments(code),
        score INTEGER NOT NULL,
        sla_bp INTEGER NOT NULL,
        stars INTEGER NOT NULL,
        money INTEGER NOT NULL,
        ticks INTEGER NOT NULL,
        state_hash TEXT NOT NULL,
        replay BLOB NOT NULL,
        submitted_at TEXT NOT NULL
      );
      CREATE INDEX solo_runs_board ON solo_runs (scenario_id, scenario_version, score DESC);
      CREATE INDEX solo_runs_assignment ON solo_runs (assignment_code);
    `,
  },
  {
    // The round journal (crash recovery): enough to rebuild a live classroom exactly after the
    // process dies. Seats keep their token's hash (so a returning browser finds its seat in
    // the new process); clusters, every command each applied, the round's clock and
    // periodic world snapshots. Cleared when the round's results are stored.
    version: 2,
    sql: `
      ALTER TABLE classrooms ADD COLUMN round_length INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE classrooms ADD COLUMN round_tick INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE classrooms ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE classrooms ADD COLUMN owner TEXT NOT NULL DEFAULT '';
      ALTER TABLE seats ADD COLUMN token_hash TEXT NOT NULL DEFAULT '';
      CREATE TABLE clusters (
        classroom_id TEXT NOT NULL REFERENCES classrooms(id),
        cluster_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        name TEXT NOT NULL,
        team INTEGER NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (classroom_id, cluster_id)
      );
      CREATE TABLE commands (
        classroom_id TEXT NOT NULL REFERENCES classrooms(id),
        cluster_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        tick INTEGER NOT NULL,
        cmd TEXT NOT NULL,
        PRIMARY KEY (classroom_id, cluster_id, n)
      );
      CREATE TABLE snapshots (
        classroom_id TEXT NOT NULL REFERENCES classrooms(id),
        cluster_id TEXT NOT NULL,
        tick INTEGER NOT NULL,
        log_length INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (classroom_id, cluster_id)
      );
    `,
  },
  {
    // One row the checkpoint worker rewrites after each complete checkpoint, so that the
    // commit that starts the WAL over (and syncs its header) is the worker's, not a room's.
    version: 3,
    sql: `CREATE TABLE wal_restarts (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL);`,
  },
  {
    // A class plays several rounds (same code, seats and keys; "new-round"), and a round may
    // open with a planning phase. The classroom row describes the current round; each
    // finished round keeps its scenario and seed in \`rounds\`, and results and replays are
    // keyed by round. planning_left is the planning time left as last saved, for a restore.
    version: 4,
    sql: `
      ALTER TABLE classrooms ADD COLUMN round INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE classrooms ADD COLUMN planning_seconds INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE classrooms ADD COLUMN planning_left INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE rounds (
        classroom_id TEXT NOT NULL REFERENCES classrooms(id),
        round INTEGER NOT NULL,
        scenario_id TEXT NOT NULL,
        scenario_version INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        length INTEGER NOT NULL,
        ended_at TEXT NOT NULL,
        PRIMARY KEY (classroom_id, round)
      );
      INSERT INTO rounds (classroom_id, round, scenario_id, scenario_version, seed, length, ended_at)
        SELECT id, 1, scenario_id, scenario_version, seed, round_length, coalesce(ended_at, created_at) FROM classrooms WHERE phase = 'ended';
      CREATE TABLE results_by_round (
        classroom_id TEXT NOT NULL REFERENCES classrooms(id),
        round INTEGER NOT NULL,
        seat_id TEXT NOT NULL,
        cluster TEXT NOT NULL,
        nickname TEXT NOT NULL,
        team INTEGER NOT NULL,
        score INTEGER NOT NULL,
        sla_bp INTEGER NOT NULL,
        money INTEGER NOT NULL,
        bankrupt INTEGER NOT NULL,
        ticks INTEGER NOT NULL,
        state_hash TEXT NOT NULL,
        incidents_json TEXT NOT NULL,
        PRIMARY KEY (classroom_id, round, seat_id)
      );
      INSERT INTO results_by_round SELECT classroom_id, 1, seat_id, cluster, nickname, team, score, sla_bp, money, bankrupt, ticks, state_hash, incidents_json FROM results;
      DROP TABLE results;
      ALTER TABLE results_by_round RENAME TO results;
      CREATE TABLE replays_by_round (
        classroom_id TEXT NOT NULL REFERENCES classrooms(id),
        round INTEGER NOT NULL,
        cluster TEXT NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (classroom_id, round, cluster)
      );
      INSERT INTO replays_by_round SELECT classroom_id, 1, cluster, bytes FROM replays;
      DROP TABLE replays;
      ALTER TABLE replays_by_round RENAME TO replays;
    `,
  },
  {
    // Run tickets: a solo run is submitted with the one-use ticket the server issued when it
    // started (scenario, seed, assignment, time issued; the ticket's SHA-256, never the
    // ticket). Leaderboards are per scenario and seed.
    version: 5,
    sql: `
      CREATE TABLE run_tickets (
        token_hash TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        scenario_version INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        assignment_code TEXT,
        issued_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX run_tickets_issued ON run_tickets (issued_at);
      CREATE INDEX solo_runs_seed_board ON solo_runs (scenario_id, scenario_version, seed, score DESC);
    `,
  },
  {
    // Bankruptcy no longer ends a student's round: the bank bails them out and the result
    // counts the bail-outs. A student who went bankrupt before had one and stopped there.
    version: 6,
    sql: `
      ALTER TABLE results ADD COLUMN bailouts INTEGER NOT NULL DEFAULT 0;
      UPDATE results SET bailouts = bankrupt;
      ALTER TABLE results DROP COLUMN bankrupt;
    `,
  },
  {
    // A verified solo run keeps its bail-outs, for the boards and an assignment's results.
    version: 7,
    sql: `ALTER TABLE solo_runs ADD COLUMN bailouts INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    // The engine's rules version (RULES_VERSION in shared/) each record carrying a score or a
    // state hash was made under: a rules change makes old replays end elsewhere, so boards
    // and verification compare like with like. Rows from before read as version 1, the
    // rules before versions were recorded.
    version: 8,
    sql: `
      ALTER TABLE solo_runs ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE run_tickets ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE rounds ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE classrooms ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 1;
      DROP INDEX solo_runs_seed_board;
      CREATE INDEX solo_runs_seed_board ON solo_runs (scenario_id, scenario_version, rules_version, seed, score DESC);
    `,
  },
];
