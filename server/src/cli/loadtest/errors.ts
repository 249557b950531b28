/** A load test that cannot run (bad arguments, a server that is not there) says why with a LoadTestError. */
export class LoadTestError extends Error {}

/** One line for an error of any shape: its code (a join refusal's, a socket's) and message. */
export function describeError(err: unknown): string {
  if (err && typeof err === "object") {
    const e = err as { code?: unknown; message?: unknown };
    const msg = typeof e.message === "string" ? e.message : String(err);
    return e.code !== undefined ? `${String(e.code)} ${msg}` : msg;
  }
  return String(err);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
