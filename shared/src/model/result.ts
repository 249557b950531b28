/**
 * Refusals are values, not exceptions: a code a program can switch on and a sentence a
 * person can act on. Every validator and rule check in the engine returns these.
 */
export const REFUSAL_CODES = [
  "bad-command",
  "unknown-command",
  "bad-field",
  "bad-scenario",
  "bad-replay",
  "stale-rules",
  "unknown-service",
  "unknown-node",
  "unknown-instance",
  "unknown-upgrade",
  "not-offered",
  "not-in-catalog",
  "node-not-ready",
  "wrong-host-mode",
  "runtime-not-allowed",
  "insufficient-cpu",
  "insufficient-memory",
  "insufficient-money",
  "already-owned",
  "needs-upgrade",
  "not-managed",
  "managed-by-kubernetes",
  "not-migratable",
  "not-crashed",
  "bad-state",
  "too-many",
  "round-over",
  "not-allowed",
  "rate-limited",
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  readonly ok: false;
  readonly code: RefusalCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | Refusal;

export function refuse(code: RefusalCode, message: string): Refusal {
  return { ok: false, code, message };
}
