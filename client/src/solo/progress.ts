/**
 * Solo progress kept in localStorage: stars and best score per scenario, and the best
 * run's replay (base64 of the shared replay encoding) so it can be watched again. Each best
 * records the rules version it was played under: one from other rules keeps its stars (the
 * levels it opened stay open) but reads as stale, and any run under the current rules that
 * earns as many stars replaces it.
 */
import { parseRulesVersion, RULES_VERSION, UNVERSIONED_RULES } from "@overcommit/shared";

export interface Best {
  readonly stars: number;
  readonly score: number;
  readonly slaBp: number;
  readonly replay: string;
  readonly at: string;
  /** The rules version it was played under (absent in bests kept before versions were recorded). */
  readonly rulesVersion?: number;
}

/** The rules version a stored best was played under (hand-edited or old storage reads as unversioned). */
export function rulesOf(best: Best): number {
  return parseRulesVersion(best.rulesVersion) ?? UNVERSIONED_RULES;
}

/** Whether a stored best was played under other rules than this page plays. */
export function isStale(best: Best): boolean {
  return rulesOf(best) !== RULES_VERSION;
}

const KEY = "overcommit.progress.v1";

function load(): Record<string, Best> {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Record<string, Best>) : {};
  } catch {
    return {};
  }
}

export function bestOf(id: string): Best | undefined {
  return load()[id];
}

/** Records a finished run (played under this page's rules); returns true when it is a new best. */
export function recordRun(id: string, run: Omit<Best, "rulesVersion">): boolean {
  const all = load();
  const old = all[id];
  // Scores under other rules do not compare: a stale best gives way to any run as starry.
  const better = !old || run.stars > old.stars || (run.stars === old.stars && (isStale(old) || run.score > old.score));
  if (better) {
    all[id] = { ...run, rulesVersion: RULES_VERSION };
    try {
      localStorage.setItem(KEY, JSON.stringify(all));
    } catch {
      // Storage full or disabled: progress is a nicety, the game goes on.
    }
  }
  return better;
}

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) out[k] = bin.charCodeAt(k);
  return out;
}

/** The run just finished, kept for "watch replay" until the page is closed. */
let lastRun: { id: string; replay: Uint8Array } | null = null;

export function setLastRun(id: string, replay: Uint8Array): void {
  lastRun = { id, replay };
}

/** The encoded replay to watch: the last run of this scenario, else its stored best. */
export function replayToWatch(id: string): Uint8Array | null {
  if (lastRun?.id === id) return lastRun.replay;
  const best = bestOf(id);
  return best?.replay ? fromBase64(best.replay) : null;
}

const LAST_KEY = "overcommit.last-scenario.v1";

/** The scenario last played or submitted: Quick solo opens on it (and on its leaderboard). */
export function rememberScenario(id: string): void {
  try {
    localStorage.setItem(LAST_KEY, id);
  } catch {
    // Storage disabled: Quick solo opens on its default.
  }
}

export function lastScenario(): string | null {
  try {
    return localStorage.getItem(LAST_KEY);
  } catch {
    return null;
  }
}
