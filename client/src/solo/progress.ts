/**
 * Solo progress kept in localStorage: stars and best score per scenario, and the best
 * run's replay (base64 of the shared replay encoding) so it can be submitted later.
 */
export interface Best {
  readonly stars: number;
  readonly score: number;
  readonly slaBp: number;
  readonly replay: string;
  readonly at: string;
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

/** Records a finished run; returns true when it is a new best. */
export function recordRun(id: string, run: Best): boolean {
  const all = load();
  const old = all[id];
  const better = !old || run.stars > old.stars || (run.stars === old.stars && run.score > old.score);
  if (better) {
    all[id] = run;
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
