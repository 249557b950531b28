/**
 * The rules version: which engine (rules and bots) a replay, a world snapshot, a run ticket
 * or a stored result was made under. A scenario's `version` covers a change to its file; this
 * covers a change to the code that plays every file. Replaying a round under other rules gives
 * another state hash, so anything carrying a hash or a score records the version it was made
 * under, and is refused or shown as stale ("stale-rules") where it is read back under other
 * rules, never compared.
 *
 * BUMP RULES_VERSION (by one) in any change to shared/ that alters a state hash, a score or a
 * bot's play for an unchanged scenario and seed. Old records then read as stale.
 */
import { refuse, type Result } from "./result.ts";

/**
 * The history, one line a bump. 2: the version was first recorded. 3: a dropped request is
 * counted by one incident (incidents.ts ownDropped), not by every incident open at the time.
 * 4: hand work (the operator's time for hand deploys), aimed node failures, the autopilot's
 * VM HA play. 5: the world counts hand work for the debrief (stats.handJobs, handTicks). 6: containers
 * still queued for the operator start at once when Kubernetes adopts them.
 */
export const RULES_VERSION = 6;

/**
 * What a record written before rules versions were recorded reads as: the rules before the
 * first recorded version. Such records may come from any earlier engine, so they read as
 * stale, not as corrupt.
 */
export const UNVERSIONED_RULES = 1;

/** The largest version a record may claim; more is damage or hostility, not the future. */
export const MAX_RULES_VERSION = 1_000_000;

/** A rules version read from outside (a file, a row, a request): a whole number 1…MAX_RULES_VERSION, else null. */
export function parseRulesVersion(v: unknown): number | null {
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= MAX_RULES_VERSION ? v : null;
}

/**
 * Why a record made under `recorded` cannot be taken as this engine's, in a sentence a person
 * can act on; `what` names it ("This replay", "This run") and `verb` says what it was
 * ("recorded", "played"). Null when it is this engine's.
 */
export function staleRules(recorded: number, what = "This replay", verb = "recorded"): string | null {
  if (recorded === RULES_VERSION) return null;
  return recorded < RULES_VERSION
    ? `${what} was ${verb} under rules version ${recorded}; the game now plays version ${RULES_VERSION}, so it cannot be replayed exactly.`
    : `${what} was ${verb} under rules version ${recorded}, newer than this game's version ${RULES_VERSION}: it needs the newer game to be replayed exactly.`;
}

/** `staleRules` as a refusal with the code "stale-rules". */
export function checkRules(recorded: number, what?: string, verb?: string): Result<void> {
  const why = staleRules(recorded, what, verb);
  return why === null ? { ok: true, value: undefined } : refuse("stale-rules", why);
}
