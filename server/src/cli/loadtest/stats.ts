/** What the load tool counts while it plays: connections, commands, replies, refusals, errors, round trips. */
export class Stats {
  clientsFailed = 0;
  hostsConnected = 0;
  studentsConnected = 0;
  commandsSent = 0;
  commandsFallback = 0;
  replies = 0;
  repliesOk = 0;
  readonly refusals = new Map<string, number>();
  errors = 0;
  firstError: string | null = null;
  firstJoinFailure: string | null = null;
  readonly rtt: number[] = [];
  /** Round trips of commands sent after the warm-up (the burst of every round starting at once). */
  readonly rttSteady: number[] = [];
  maxTickLag = 0;

  error(what: string): void {
    this.errors++;
    this.firstError ??= what.slice(0, 200);
  }
}

/** The p-th percentile of sorted figures, to one decimal (null when there are none). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[k]! * 10) / 10;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
