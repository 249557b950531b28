// Join-code guessing against a real server: wrong codes from one address, through Colyseus
// matchmaking and through the HTTP API, cool that address down with "too-many-guesses";
// codes the address already knows (it created the class, or joined it before) keep working,
// so a whole class behind one NAT still gets in; other addresses are not affected.
// Other client addresses are made by binding the request's source to 127.0.0.x.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOIN_ERRORS } from "@overcommit/shared";
import { bootServer, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

let t: TestServer;
let code: string;
let other: string;

/** A raw matchmaking request (what colyseus.js `join` sends) from a chosen source address. */
function matchmake(
  from: string,
  options: Record<string, unknown>,
): Promise<{ code?: number; error?: string; sessionId?: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(options);
    const req = request(
      {
        host: "127.0.0.1",
        port: t.server.port,
        localAddress: from,
        method: "POST",
        path: "/matchmake/join/classroom",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve(JSON.parse(text)));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function get(from: string, path: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: t.server.port, localAddress: from, method: "GET", path }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A well-formed code (same alphabet) that no classroom has. */
function wrongCode(k: number): string {
  const alphabet = "ACDEFHJKMNPRTWXY";
  let s = "";
  for (let n = k + 1000, i = 0; i < 6; i++, n = Math.floor(n / 16)) s += alphabet[n % 16];
  return s === code || s === other ? "YYYYYY" : s;
}

beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
  code = (await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, seed: 3 })).body.code;
  other = (await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, seed: 4 })).body.code;
});
afterAll(async () => {
  await t.close();
});

describe("join-code guessing", () => {
  it("wrong codes through matchmaking cool the address down; the codes it knows still work", async () => {
    const from = "127.0.0.2";
    // A student on this address joins the right code once: the code is now known here.
    const first = await matchmake(from, { code, nickname: "Early" });
    expect(first.sessionId).toBeTruthy();
    for (let k = 0; k < 20; k++)
      expect(await matchmake(from, { code: wrongCode(k), nickname: "x" })).toMatchObject({ code: 4211 });
    const refused = await matchmake(from, { code: wrongCode(99), nickname: "x" });
    expect(refused.code).toBe(JOIN_ERRORS["too-many-guesses"]);
    expect(refused.error).toMatch(/too many wrong class codes/i);
    // An existing code this address never found is refused the same way: no answer leaks.
    expect((await matchmake(from, { code: other, nickname: "Nosy" })).code).toBe(JOIN_ERRORS["too-many-guesses"]);
    // The code it knows works for the rest of the class.
    for (let k = 0; k < 5; k++) expect((await matchmake(from, { code, nickname: `Late${k}` })).sessionId).toBeTruthy();
    // The same cool-down applies to the HTTP lookup.
    const http = await get(from, `/api/classrooms/${wrongCode(5)}`);
    expect(http).toMatchObject({ status: 429, body: { code: "too-many-guesses" } });
    expect(typeof http.body.message).toBe("string");
    expect((await get(from, `/api/classrooms/${other}`)).status).toBe(429);
    expect((await get(from, `/api/classrooms/${code}/report`)).body.code).toBe("bad-key");
    // Another address is not affected.
    expect((await get("127.0.0.3", `/api/classrooms/${other}`)).status).toBe(200);
    expect((await matchmake("127.0.0.3", { code: wrongCode(1), nickname: "x" })).code).toBe(4211);
  });

  it("wrong codes through the HTTP API (lookup, report and assignment routes) count too", async () => {
    const from = "127.0.0.4";
    for (let k = 0; k < 5; k++) expect((await get(from, `/api/classrooms/${wrongCode(k)}`)).status).toBe(404);
    // Assignment codes share the code space: their misses count too.
    for (let k = 5; k < 10; k++) expect((await get(from, `/api/assignments/${wrongCode(k)}`)).status).toBe(404);
    // Malformed codes are misses as well.
    for (let k = 0; k < 5; k++) expect((await get(from, `/api/classrooms/not-a-code-${k}`)).status).toBe(404);
    for (let k = 0; k < 5; k++) expect((await get(from, `/api/classrooms/${wrongCode(k)}/report`)).status).toBe(404);
    expect(await get(from, `/api/classrooms/${wrongCode(50)}`)).toMatchObject({
      status: 429,
      body: { code: "too-many-guesses" },
    });
    expect(await get(from, `/api/classrooms/${code}/report`)).toMatchObject({
      status: 429,
      body: { code: "too-many-guesses" },
    });
    expect(await get(from, `/api/assignments/${wrongCode(51)}`)).toMatchObject({
      status: 429,
      body: { code: "too-many-guesses" },
    });
    expect((await matchmake(from, { code, nickname: "Blocked" })).code).toBe(JOIN_ERRORS["too-many-guesses"]);
  });

  it("a class of 40 behind the instructor's address gets in after that address was cooled down", async () => {
    // 127.0.0.1 created both classrooms (beforeAll); now someone there guesses.
    for (let k = 0; k < 20; k++)
      await t
        .client()
        .join("classroom", { code: wrongCode(k), nickname: "g" })
        .catch(() => undefined);
    const err = await t
      .client()
      .join("classroom", { code: wrongCode(60), nickname: "g" })
      .then(
        () => null,
        (e: { code?: number; message?: string }) => e,
      );
    expect(err?.code).toBe(JOIN_ERRORS["too-many-guesses"]);
    expect(err?.message).toMatch(/too many wrong class codes/i);
    const rooms = await Promise.all(
      Array.from({ length: 40 }, (_, k) => t.client().join("classroom", { code, nickname: `Student${k}` })),
    );
    expect(rooms).toHaveLength(40);
    await Promise.all(rooms.map((r) => r.leave()));
  });
});
