/**
 * The server's HTTP API (docs/http-api.md), as small typed calls. Errors come back as
 * `{ code, message }` with a sentence to show; a page opened without the server (a plain
 * static build) gets a clear "no server" message instead of a stack.
 */
import { RULES_VERSION } from "@overcommit/shared";

export interface ApiError {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
}
export type ApiResult<T> = ({ readonly ok: true } & T) | ApiError;

async function call<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(`/api/${path}`, init);
  } catch {
    return {
      ok: false,
      code: "no-server",
      message:
        "The Overcommit server cannot be reached: classroom play, assignments and leaderboards need it (solo play works without).",
    };
  }
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json"))
    return {
      ok: false,
      code: "no-server",
      message: "The Overcommit server is not running here: classroom play, assignments and leaderboards need it.",
    };
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok)
    return {
      ok: false,
      code: String(body["code"] ?? res.status),
      message: String(body["message"] ?? `The server said ${res.status}.`),
    };
  return { ok: true, ...(body as T) };
}

export interface Created {
  readonly classroomId: string;
  readonly code: string;
  readonly hostKey: string;
  readonly projectorKey: string;
  readonly scenario: string;
  readonly seed: number;
  readonly speed: number;
  readonly mode: string;
}

export function createClassroom(body: {
  scenario: string;
  speed?: number;
  mode?: string;
  teamSize?: number;
  lateJoin?: boolean;
  seed?: number;
  planningSeconds?: number;
}): Promise<ApiResult<Created>> {
  return call("classrooms", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export function classroomInfo(
  code: string,
): Promise<ApiResult<{ code: string; scenario: string; phase: string; live: boolean; mode: string }>> {
  return call(`classrooms/${encodeURIComponent(code)}`);
}

/** The report of a classroom's round (its current one by default) as a plain link, for downloading or opening. */
export function reportUrl(code: string, hostKey: string, format: "csv" | "json", round?: number): string {
  return `/api/classrooms/${encodeURIComponent(code)}/report?${format === "csv" ? "format=csv&" : ""}${round ? `round=${round}&` : ""}key=${encodeURIComponent(hostKey)}`;
}

export function assignmentInfo(
  code: string,
): Promise<
  ApiResult<{ code: string; scenario: string; scenarioVersion: number; seed: number; deadline: string; open: boolean }>
> {
  return call(`assignments/${encodeURIComponent(code)}`);
}

export interface IssuedTicket {
  readonly ticket: string;
  readonly scenario: string;
  readonly seed: number;
  readonly assignment?: string;
}

/**
 * A solo run starts: the one-use ticket its submission will need (for a scenario and seed, or
 * an assignment). The page says which rules it plays: a server of other rules (upgraded since
 * the page loaded) refuses at once with "stale-rules", not after the run.
 */
export function runTicket(
  game: { scenario: string; seed: number } | { assignment: string },
): Promise<ApiResult<IssuedTicket>> {
  return call("run-tickets", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...game, rulesVersion: RULES_VERSION }),
  });
}

/** Today's seed, shared by everyone (one board a day per scenario). */
export function dailySeed(): Promise<ApiResult<{ date: string; seed: number; endsAt: string }>> {
  return call("daily");
}

export function submitSoloRun(
  replay: Uint8Array,
  nickname: string,
  ticket: string,
  assignment?: string,
): Promise<ApiResult<{ id: string; verified: boolean; score: number; slaBp: number; stars: number }>> {
  const q = new URLSearchParams({ nickname, ticket, ...(assignment ? { assignment } : {}) });
  return call(`solo-runs?${q}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: replay as unknown as BodyInit,
  });
}

/** The verified best runs on one seed of a scenario (`daily` is the date when it is today's seed). */
export function leaderboard(
  scenario: string,
  seed: number,
): Promise<
  ApiResult<{
    seed: number;
    daily: string | null;
    entries: { rank: number; nickname: string; score: number; slaBp: number; stars: number; bailouts: number }[];
  }>
> {
  return call(`leaderboards/${encodeURIComponent(scenario)}?seed=${seed}&limit=10`);
}
