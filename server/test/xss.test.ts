// Nicknames are data, never markup or formulas: hostile nicknames (HTML, spreadsheet
// formulas) come back literally in the room state and the JSON report (served as JSON with
// nosniff), and the CSV report neutralises every cell that starts with = + - @.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { ask, bootServer, Inbox, sleep, st, waitFor, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

/** At most 20 characters each (the nickname limit). */
const HOSTILE = [
  "<img src onerror=_x>",
  '=HYPERLINK("x")',
  "@SUM(1+1)",
  "+1+2",
  "-2+3",
  "<script>x</script>",
  '"quoted", comma',
];

let t: TestServer;
let code: string;
let hostKey: string;
let host: { room: Room; inbox: Inbox };

beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
  const { body } = await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, seed: 5, speed: 16 });
  code = body.code;
  hostKey = body.hostKey;
  const room = await t.client().join("classroom", { code, hostKey });
  host = { room, inbox: new Inbox(room) };
  for (const nickname of HOSTILE) await t.client().join("classroom", { code, nickname });
  expect(await ask(host.room, host.inbox, "start")).toMatchObject({ ok: true });
  await waitFor(() => Object.keys(st(host.room).rows ?? {}).length === HOSTILE.length, 5000, "every cluster");
  await sleep(300);
  expect(await ask(host.room, host.inbox, "end")).toMatchObject({ ok: true });
});
afterAll(async () => {
  await t.close();
});

/** RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (row.push(cell), (cell = ""));
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      ((row = []), (cell = ""), i++);
    } else cell += c;
  }
  return rows;
}

describe("user strings are text", () => {
  it("the room state carries hostile nicknames literally (seats and leaderboard rows)", () => {
    const s = st(host.room);
    expect(
      Object.values<any>(s.seats)
        .map((x) => x.nickname)
        .sort(),
    ).toEqual([...HOSTILE].sort());
    expect(
      Object.values<any>(s.rows)
        .map((x) => x.name)
        .sort(),
    ).toEqual([...HOSTILE].sort());
  });

  it("the JSON report returns them literally, as JSON that is never sniffed", async () => {
    const r = await t.api<any>("GET", `/api/classrooms/${code}/report`, undefined, {
      authorization: `Bearer ${hostKey}`,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.body.students.map((x: any) => x.nickname).sort()).toEqual([...HOSTILE].sort());
  });

  it("the CSV report neutralises formula cells and quotes separators", async () => {
    const r = await t.api("GET", `/api/classrooms/${code}/report?format=csv`, undefined, {
      authorization: `Bearer ${hostKey}`,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(r.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    const [header, ...rows] = parseCsv(r.text);
    expect(header![1]).toBe("Nickname");
    expect(rows).toHaveLength(HOSTILE.length);
    const names = rows.map((row) => row[1]!);
    for (const nick of HOSTILE) {
      // A cell a spreadsheet would run as a formula gets a leading apostrophe; others stay as they are.
      const expected = /^[=+\-@]/.test(nick) ? `'${nick}` : nick;
      expect(names).toContain(expected);
    }
    expect(r.text).toContain(`"'=HYPERLINK(""x"")"`);
    // No text cell in the whole report starts a formula (numbers such as -5 are numbers).
    for (const row of rows)
      for (const cell of row)
        if (!/^-?\d+(\.\d+)?$/.test(cell)) expect(cell, `cell ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
  });
});
