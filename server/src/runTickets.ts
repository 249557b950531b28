/**
 * Run tickets: a solo run reaches a leaderboard or an assignment only with the one-use
 * ticket the server issued when the run started, naming the scenario, seed (and
 * assignment) and the time it was issued. At submission the replay must be of exactly that
 * game, and the time since the ticket was issued must be at least the run's ticks at the
 * fastest solo speed (MAX_SOLO_SPEED): a replay made offline (`npm run sim -- --out`) or
 * saved from another run cannot be handed in on its own, a ticket cannot be used twice,
 * and seeds cannot be shopped for (boards are per seed). A ticket also records the rules
 * version the server played when it was issued: a run started before the server changed
 * rules cannot be verified by it, and a page that plays other rules is told at the start. What it cannot stop — a student
 * scripting the browser through a real, ticketed run — docs/security.md says.
 */
import { MAX_RULES_VERSION, MAX_SOLO_SPEED, parseRulesVersion, RULES_VERSION } from "@overcommit/shared";
import { hashKey, newSecret, SECRET_FORMAT } from "./secrets.ts";
import type { RunTicketRow, RunTicketStore } from "./storage/runTickets.ts";

/** A run may be handed in for a day after it started. */
export const TICKET_LIFETIME_MS = 24 * 3600_000;
/** Allowance under the fastest pace for the frame clock and timers (a run at full speed passes). */
const PACE_SLACK = 0.9;

export interface TicketRefusal {
  readonly ok: false;
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export function issueTicket(
  store: RunTicketStore,
  game: { scenarioId: string; scenarioVersion: number; seed: number; assignmentCode: string | null },
  now: number,
): string {
  const ticket = newSecret();
  // Issuing is rate-limited per address; old tickets are forgotten as new ones come.
  store.forgetBefore(now - TICKET_LIFETIME_MS);
  store.issue({ tokenHash: hashKey(ticket), ...game, rulesVersion: RULES_VERSION, issuedAt: now });
  return ticket;
}

/**
 * The rules version a page says it plays (`rulesVersion` in its ticket request; absent from
 * pages older than the field): a run played under other rules could never be verified here,
 * so it is refused before it starts.
 */
export function checkPageRules(claimed: unknown): TicketRefusal | null {
  if (claimed === undefined) return null;
  const v = parseRulesVersion(claimed);
  if (v === null)
    return {
      ok: false,
      status: 400,
      code: "bad-field",
      message: `"rulesVersion" is the rules version the page plays: a whole number from 1 to ${MAX_RULES_VERSION}.`,
    };
  if (v === RULES_VERSION) return null;
  return {
    ok: false,
    status: 409,
    code: "stale-rules",
    message: `This page plays rules version ${v} and the server plays version ${RULES_VERSION}: reload the page to play the current game, or its run cannot be submitted.`,
  };
}

/** A ticket issued under other rules than the server's now (it restarted with a new version since). */
export function staleTicket(row: RunTicketRow): TicketRefusal | null {
  if (row.rules_version === RULES_VERSION) return null;
  return {
    ok: false,
    status: 409,
    code: "stale-rules",
    message: `This run was started under rules version ${row.rules_version}; the server now plays version ${RULES_VERSION}, so it cannot be verified: reload the page and play the round again.`,
  };
}

/** The unused, unexpired ticket presented, or why not. */
export function findTicket(
  store: RunTicketStore,
  presented: unknown,
  now: number,
): { ok: true; value: RunTicketRow } | TicketRefusal {
  if (presented === undefined || presented === "")
    return {
      ok: false,
      status: 400,
      code: "ticket-required",
      message:
        "A run is handed in with the ticket the server gave when it started; this one has none (was the server reachable when the run began?).",
    };
  const row =
    typeof presented === "string" && SECRET_FORMAT.test(presented) ? store.byHash(hashKey(presented)) : undefined;
  if (!row || row.issued_at <= now - TICKET_LIFETIME_MS)
    return {
      ok: false,
      status: 403,
      code: "bad-ticket",
      message: "This run's ticket is unknown or expired (tickets last a day): play the round again.",
    };
  if (row.used_at !== null)
    return {
      ok: false,
      status: 409,
      code: "ticket-used",
      message: "This run was already handed in: each run is submitted once.",
    };
  return { ok: true, value: row };
}

/** The least wall-clock time (ms) a run of `ticks` takes in the browser. */
export function minimumPlayMs(ticks: number): number {
  return Math.floor(((ticks * 1000) / MAX_SOLO_SPEED) * PACE_SLACK);
}
