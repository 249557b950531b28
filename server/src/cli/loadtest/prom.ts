/**
 * The server's /metrics (Prometheus text format) as the load tool reads it: one scrape as a
 * map of series to values, several processes' scrapes added up, and a percentile of a
 * histogram between two scrapes.
 */
import { LoadTestError } from "./errors.ts";

export type Prom = Map<string, number>;

export function parseProm(text: string): Prom {
  const m: Prom = new Map();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const sp = line.lastIndexOf(" ");
    if (sp < 0) continue;
    const v = Number(line.slice(sp + 1));
    if (Number.isFinite(v)) m.set(line.slice(0, sp), v);
  }
  return m;
}

export async function readMetrics(base: string): Promise<Prom> {
  const res = await fetch(`${base}/metrics`);
  if (!res.ok) throw new LoadTestError(`GET /metrics answered ${res.status}.`);
  return parseProm(await res.text());
}

/** Several processes' scrapes as one: counters, gauges and histogram buckets add up. */
export function sumProm(all: readonly Prom[]): Prom {
  if (all.length === 1) return all[0]!;
  const m: Prom = new Map();
  for (const p of all) for (const [k, v] of p) m.set(k, (m.get(k) ?? 0) + v);
  return m;
}

/** Percentile of the room tick histogram between two scrapes: the upper bound of its bucket (null if beyond the last finite one). */
export function histPercentile(before: Prom, after: Prom, p: number, name = "overcommit_room_tick_ms"): number | null {
  const total = (after.get(`${name}_count`) ?? 0) - (before.get(`${name}_count`) ?? 0);
  if (total <= 0) return null;
  const bounds: number[] = [];
  for (const key of after.keys()) {
    const m = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\}$`).exec(key);
    if (m && m[1] !== "+Inf") bounds.push(Number(m[1]));
  }
  bounds.sort((a, b) => a - b);
  for (const b of bounds) {
    const key = `${name}_bucket{le="${b}"}`;
    const n = (after.get(key) ?? 0) - (before.get(key) ?? 0);
    if (n >= (p / 100) * total) return b;
  }
  return null;
}
