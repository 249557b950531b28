/**
 * The daily seed: one seed a day (UTC) that everyone shares, like a daily puzzle, so every
 * scenario has one board a day on which all players met the same round. Derived from the
 * date alone, so every server process agrees without talking; 1…999999 like the seeds a
 * player types.
 */
import { createHash } from "node:crypto";

const DAY_MS = 24 * 3600_000;

/** The UTC date of `now` (ms) as YYYY-MM-DD. */
export function dayOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export function dailySeed(day: string): number {
  return 1 + (createHash("sha256").update(`overcommit daily ${day}`).digest().readUInt32BE(0) % 999_999);
}

/** Today's seed, and when the next one starts (ISO 8601). */
export function daily(now: number): { date: string; seed: number; endsAt: string } {
  const date = dayOf(now);
  return { date, seed: dailySeed(date), endsAt: new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString() };
}
