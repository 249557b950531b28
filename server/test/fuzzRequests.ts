/**
 * Seeded hostile HTTP for the fuzz suite: requests to every route (and made-up ones) with
 * random methods, content types, queries and bodies, and matchmaking requests of every
 * method, room and option, built around the live codes, seats and keys it is given.
 */
import { deepNesting, NASTY_STRINGS, randomNumber, randomString, randomValue, setKey, type Rng } from "./fuzzInputs.ts";

export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

const METHODS = ["GET", "GET", "GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/json; charset=bogus",
  "text/plain",
  "application/octet-stream",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "text/csv",
  "",
  "*/*",
];

/** encodeURIComponent, except that lone surrogates (which it refuses) go out as raw %-bytes. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
}

function pathPart(r: Rng, known: { codes: readonly string[]; seats: readonly string[] }): string {
  switch (r.int(8)) {
    case 0:
      return r.pick(known.codes);
    case 1:
      return r.pick(known.seats);
    case 2:
      return encode(r.pick(NASTY_STRINGS));
    case 3:
      return r.pick([
        "%",
        "%E0%A4%A",
        "%ZZ",
        "%00",
        "..",
        ".",
        "%2e%2e",
        "%2F",
        "x".repeat(2000),
        "ACDEFH",
        "acd-efh",
        "report",
        "matchmake",
      ]);
    case 4:
      return encode(randomString(r, 20));
    default:
      return r.pick(["ACDEFH", "YYYYYY", "server-test", "web", "1", "-1", "NaN"]);
  }
}

function randomQuery(r: Rng, keys: readonly string[]): string {
  if (r.chance(0.5)) return "";
  const parts: string[] = [];
  for (let k = r.int(4); k >= 0; k--) {
    const name = r.pick([
      "key",
      "format",
      "nickname",
      "assignment",
      "limit",
      "key[]",
      "format[a]",
      "__proto__[x]",
      randomString(r, 6),
    ]);
    const value = r.pick([
      ...keys,
      "csv",
      "json",
      "-1",
      "1e9",
      "%",
      "%E0%A4%A",
      "Ada",
      "<b>x</b>",
      "=1+1",
      "x".repeat(300),
      "",
    ]);
    parts.push(
      `${encode(name).replace(/%5B/g, "[").replace(/%5D/g, "]")}=${value.startsWith("%") ? value : encode(value)}`,
    );
  }
  return `?${parts.join("&")}`;
}

function randomBody(r: Rng): Buffer | undefined {
  switch (r.int(9)) {
    case 0:
      return undefined;
    case 1:
      return Buffer.from(
        JSON.stringify(randomValue(r, 3), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "null",
      );
    case 2:
      return Buffer.from(
        r.pick([
          "{",
          '{"a":',
          "[1,2",
          "nul",
          '"unterminated',
          "{'a':1}",
          "NaN",
          '{"__proto__":{"x":1}}',
          '{"constructor":{"prototype":{}}}',
        ]),
      );
    case 3:
      return Buffer.alloc(r.chance(0.5) ? 17 * 1024 : 64 * 1024, "x");
    case 4:
      return Buffer.from(new Uint8Array(r.int(512)).map(() => r.int(256)));
    case 5:
      return Buffer.from(
        JSON.stringify(
          {
            scenario: r.pick(["server-test", "nope", 1, null]),
            seed: randomNumber(r),
            speed: randomNumber(r),
            mode: r.pick(["teams", "competitive", "x", 0]),
            teamSize: randomNumber(r),
            lateJoin: r.pick([true, "yes", 0]),
            length: randomNumber(r),
            deadline: r.pick(["2099-01-01T00:00:00Z", "yesterday", "1970-01-01", 12]),
          },
          (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v),
        ),
      );
    case 6:
      return Buffer.from(JSON.stringify(deepNesting(r, 2000)));
    case 7:
      return Buffer.from(
        JSON.stringify({
          code: r.pick(["ACDEFH", "", null, 1, { $gt: "" }]),
          nickname: r.pick(NASTY_STRINGS),
          hostKey: r.pick(["", "x", null, 1]),
        }),
      );
    default:
      return Buffer.from(randomString(r, 200));
  }
}

/** One HTTP request against an /api route (or matchmaking, ops or a random path). */
export function randomRequest(
  r: Rng,
  known: { codes: readonly string[]; seats: readonly string[]; keys: readonly string[] },
): FuzzRequest {
  const p = () => pathPart(r, known);
  const path = r.pick([
    () => "/api/scenarios",
    () => `/api/classrooms`,
    () => `/api/classrooms/${p()}`,
    () => `/api/classrooms/${p()}/report`,
    () => `/api/classrooms/${p()}/students/${p()}/replay`,
    () => `/api/assignments`,
    () => `/api/assignments/${p()}`,
    () => `/api/assignments/${p()}/results`,
    () => `/api/solo-runs`,
    () => `/api/leaderboards/${p()}`,
    () => `/api/${p()}`,
    () => `/api/${p()}/${p()}/${p()}`,
    () =>
      `/matchmake/${r.pick(["join", "joinOrCreate", "create", "joinById", "reconnect", "nope", ""])}/${r.pick(["classroom", "nope", "", "__proto__"])}`,
    () => `/healthz`,
    () => `/metrics`,
    () => `/${p()}`,
    () => `//${p()}/../${p()}`,
  ])();
  const method = r.pick(METHODS);
  const body = method === "GET" || method === "HEAD" ? undefined : randomBody(r);
  const headers: Record<string, string> = {};
  if (body !== undefined || r.chance(0.2)) {
    const ct = r.pick(CONTENT_TYPES);
    if (ct) headers["content-type"] = ct;
  }
  if (r.chance(0.3))
    headers["authorization"] = r.pick([
      `Bearer ${r.pick(known.keys)}`,
      "Bearer",
      "Basic eA==",
      `Bearer ${"x".repeat(300)}`,
      "bearer  x y",
    ]);
  if (r.chance(0.2)) headers["accept"] = r.pick(["text/csv", "application/json", "*/*", "text/html", "image/png"]);
  if (r.chance(0.1)) headers["content-encoding"] = r.pick(["gzip", "br", "bogus", "identity"]);
  return { method, path: path + randomQuery(r, known.keys), headers, ...(body !== undefined ? { body } : {}) };
}

/** One matchmaking request (POST /matchmake/<method>/<room>) as colyseus.js would send it, or worse. */
export interface FuzzMatchmake {
  readonly method: string;
  readonly room: string;
  readonly body: unknown;
}

/**
 * A random matchmaking request: every exposed method and unknown ones, the classroom room,
 * live room ids and junk as the room, and options built from every key a join or a create
 * could carry (join codes right, forgiving, wrong and of every type; right and wrong keys;
 * nasty nicknames; a forged restore with the live classroom's id and a made-up grant), or a
 * body that is not an object at all.
 */
export function randomMatchmake(
  r: Rng,
  known: {
    codes: readonly string[];
    roomIds: readonly string[];
    classroomIds: readonly string[];
    keys: readonly string[];
  },
): FuzzMatchmake {
  const method = r.pick([
    "join",
    "join",
    "join",
    "join",
    "joinOrCreate",
    "create",
    "joinById",
    "reconnect",
    "nope",
    "",
    "__proto__",
    "constructor",
    "JOIN",
  ]);
  const byId = method === "joinById" || method === "reconnect";
  const room = byId
    ? r.pick([...known.roomIds, ...known.roomIds, "AAAAAAAAA", "", "classroom"])
    : r.pick(["classroom", "classroom", "classroom", "nope", "", "__proto__", "Classroom", ...known.roomIds]);
  if (r.chance(0.08)) return { method, room, body: randomValue(r, 2) };
  const code = r.pick<unknown>([
    ...known.codes,
    ...known.codes.map((c) => c.toLowerCase()),
    ...known.codes.map((c) => ` ${c.slice(0, 3)}-${c.slice(3)} `),
    ...known.codes.map((c) => `${c}X`),
    "AAAAAA",
    "CCCCCC",
    "",
    null,
    0,
    123456,
    true,
    { $gt: "" },
    [known.codes[0]],
    { toString: "x" },
    randomString(r, 8),
    r.pick(NASTY_STRINGS),
  ]);
  const o: Record<string, unknown> = {};
  if (r.chance(0.9)) o["code"] = code;
  const role = r.int(5);
  if (role === 0) o["hostKey"] = r.pick<unknown>([...known.keys, "", null, 1, "x".repeat(300), randomString(r, 24)]);
  if (role === 1) o["projectorKey"] = r.pick<unknown>([...known.keys, "", 1, randomString(r, 24)]);
  if (role === 2) o["seatToken"] = r.pick<unknown>(["", "x", 1, null, randomString(r, 24)]);
  if (r.chance(0.7))
    o["nickname"] = r.chance(0.5)
      ? `Fz${r.int(100_000)}`
      : r.pick<unknown>([...NASTY_STRINGS, 1, null, ["x"], "Ｔｅａｃｈｅｒ", "\u3164", "\u2800"]);
  if (r.chance(0.25)) {
    o["classroomId"] = r.pick<unknown>([...known.classroomIds, "made-up", 1]);
    o["restore"] = r.pick<unknown>([true, "true", 1]);
    o["grant"] = r.pick<unknown>([randomString(r, 24), "A".repeat(24), 1]);
    o["length"] = r.pick<unknown>([10, -1, 1e9, "10"]);
  }
  if (r.chance(0.1)) o["reconnectionToken"] = r.pick<unknown>([`${known.roomIds[0]}:x`, "", 1]);
  if (r.chance(0.1))
    setKey(
      o,
      r.pick(["__proto__", "constructor", "roomId", "processId", "locked", "private", "clients"]),
      r.pick<unknown>([{ code: known.codes[0] }, true, "x"]),
    );
  return { method, room, body: o };
}
