/**
 * A round's journal, both ways.
 *
 * Each tick, the room journals the round's clock and the commands applied, in one
 * transaction, before Round answers anyone (`JournalStore.appendTick`). Staggered over
 * clusters, each world is also
 * snapshotted every SNAPSHOT_EVERY ticks (`snapshotsDue`, `saveSnapshots`): the room does
 * that after its tick's patch is out, since no answer waits on a snapshot (it only
 * shortens a restore) and encoding and writing one took up to a millisecond of the tick.
 *
 * `restoreRound` rebuilds a round from its journal after the server restarted: every
 * cluster that was in play, with its id, name, team, whole command log, and a world stepped
 * to the round's journaled clock. A world starts from its latest snapshot when that
 * snapshot is sound, else from tick 0; either way the commands logged after it are applied
 * at their ticks, so the world's state hash is the one it had when the journal was last
 * written. A round restored before its clock started (planning) had its commands applied
 * between ticks, at tick 0: they are applied the same way again.
 */
import { advanceWorld, applyNow, createWorld, decodeSnapshot, encodeSnapshot, type World } from "@overcommit/shared";
import type { Journal, JournalStore } from "../storage/journal.ts";
import type { Cluster, Round } from "./round.ts";

/** Ticks between snapshots of a cluster's world: bounds the replay on restore to this many ticks. */
export const SNAPSHOT_EVERY = 120;

/** The clusters whose snapshot is due at this round tick. */
export function snapshotsDue(round: Round, tick: number): Cluster[] {
  const due: Cluster[] = [];
  for (const c of round.clusters.values())
    if ((tick + c.index) % SNAPSHOT_EVERY === 0 && !c.world.finished) due.push(c);
  return due;
}

/**
 * Snapshots worlds as they are now, with the length of their log at this moment: world
 * and log always agree, whenever this runs after the tick that made them due.
 */
export function saveSnapshots(journal: JournalStore, classroomId: string, clusters: readonly Cluster[]): void {
  for (const c of clusters)
    journal.saveSnapshot(classroomId, {
      cluster: c.id,
      tick: c.world.tick,
      logLength: c.log.length,
      bytes: encodeSnapshot(c.world),
    });
}

export interface Restored {
  /** Clusters whose world started from a snapshot rather than from tick 0. */
  readonly fromSnapshots: number;
  /** Clusters whose log could not be replayed (storage damaged): they restart at tick 0's state. */
  readonly damaged: string[];
}

export function restoreRound(round: Round, journal: Journal, roundTick: number): Restored {
  const tick = Math.min(Math.max(0, roundTick), round.length);
  let fromSnapshots = 0;
  const damaged: string[] = [];
  for (const rec of journal.clusters) {
    round.reserveIndex(rec.index);
    if (rec.removed) continue;
    const log = journal.logs.get(rec.id) ?? [];
    let world: World | undefined;
    let from = 0;
    const snap = journal.snapshots.get(rec.id);
    if (snap && snap.tick <= tick && snap.logLength <= log.length) {
      const decoded = decodeSnapshot(snap.bytes, round.scenario);
      if (decoded.ok && decoded.value.tick === snap.tick) {
        world = decoded.value;
        from = snap.logLength;
        fromSnapshots++;
      }
    }
    world ??= createWorld(round.scenario, round.seed);
    const done = advanceWorld(world, log, from, tick);
    if (done.ok && tick === 0) for (const e of log) applyNow(world, e.cmd);
    if (!done.ok) {
      // A damaged log (never written by us in order) cannot be trusted: start the world over.
      world = createWorld(round.scenario, round.seed);
      advanceWorld(world, [], 0, tick);
      log.length = 0;
      damaged.push(rec.id);
    }
    round.restoreCluster({ id: rec.id, index: rec.index, name: rec.name, team: rec.team, world, log });
  }
  round.tick = tick;
  return { fromSnapshots, damaged };
}
