/**
 * The record a level shows to beat: what the expert (the strongest reference player in
 * shared/src/bots) scores on the same scenario and seed. Played here, through the whole
 * round, the first time it is asked for (deterministic, well under a second), and kept for
 * the rest of the visit; not across visits, because a new version of the game may play it
 * differently.
 */
import { BOTS, runMatch, type Scenario } from "@overcommit/shared";

const kept = new Map<string, number>();

export function expertRecord(sc: Scenario, seed: number): number {
  const key = `${sc.id}@${sc.version}#${seed}`;
  let score = kept.get(key);
  if (score === undefined) {
    score = runMatch(sc, seed, BOTS.expert).replay.score;
    kept.set(key, score);
  }
  return score;
}
