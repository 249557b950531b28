/**
 * Seeded generators of hostile input for the fuzz suite (fuzz.test.ts): room messages of
 * every registered type and unknown ones, near-valid commands with one field broken,
 * random values (huge, negative, NaN, ±Infinity, -0, BigInt, long strings, prototype
 * keys, deep nesting) and raw WebSocket frames (HTTP requests: fuzzRequests.ts). Everything
 * comes from one 32-bit seed, so a failing run is reproduced with FUZZ_SEED=<seed>.
 */
import { COMMAND_SHAPES, COMMAND_TYPES, HOST_MESSAGES, type FieldSpec } from "@overcommit/shared";

/**
 * Sets an own, enumerable key even when it is "__proto__" (a plain assignment would swap
 * the object's prototype instead), so the key really goes over the wire.
 */
export function setKey(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** mulberry32: tiny, fast and good enough to drive a fuzzer reproducibly. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export const NASTY_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  2.5,
  -2.5,
  0.1,
  1e-320,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 53,
  2 ** 64,
  NaN,
  Infinity,
  -Infinity,
  4294967295,
  4294967296,
  255,
  256,
  65535,
  65536,
  1_000_000_001,
  10_000_001,
];

export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "\n\r\t",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "<script>alert(1)</script>",
  '<img src=x onerror="window.__xss=1">',
  '=HYPERLINK("http://x")',
  "+1",
  "-1",
  "@SUM(A1)",
  "'; DROP TABLE seats; --",
  "../../etc/passwd",
  "%00",
  "%s%s%s%n",
  "\u202e\u200b\ufeff",
  "😀".repeat(10),
  "\ud800",
  "A".repeat(41),
  "web",
  "erp",
  "any",
  "all",
  "c1",
  "c2",
  "s00000000",
  "NaN",
  "Infinity",
  "1e309",
  "true",
  "null",
];

/**
 * Registered message types, unknown ones, and names that collide with Object.prototype.
 * ("__no_message_handler", Colyseus's internal fallback, closes the sender's own socket:
 * the garbage attacker sends it, since it expects to be disconnected.)
 */
export const MESSAGE_TYPES: readonly (string | number)[] = [
  "cmd",
  "spectate",
  ...HOST_MESSAGES,
  "nonsense",
  "",
  " ",
  "CMD",
  "Cmd",
  "cmd ",
  "*",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "reply",
  "welcome",
  "x".repeat(200),
  0,
  1,
  13,
  -1,
  255,
  65536,
  2 ** 40,
];

/** Types colyseus.js can encode as a message type: strings and small numbers. */
export function randomString(r: Rng, max = 64): string {
  const n = r.int(max);
  let s = "";
  for (let k = 0; k < n; k++) {
    const kind = r.int(10);
    s +=
      kind < 6
        ? String.fromCharCode(97 + r.int(26))
        : kind < 8
          ? String.fromCharCode(r.int(128))
          : String.fromCharCode(r.int(0xffff));
  }
  return s;
}

export function randomNumber(r: Rng): number {
  switch (r.int(4)) {
    case 0:
      return r.pick(NASTY_NUMBERS);
    case 1:
      return r.int(2000) - 1000;
    case 2:
      return (r.next() - 0.5) * 10 ** r.int(310);
    default:
      return r.int(100);
  }
}

/** Any value msgpack can carry, with depth bounded by `depth`. */
export function randomValue(r: Rng, depth = 3): unknown {
  switch (r.int(depth > 0 ? 12 : 8)) {
    case 0:
      return randomNumber(r);
    case 1:
      return r.pick(NASTY_STRINGS);
    case 2:
      return randomString(r);
    case 3:
      return r.chance(0.5);
    case 4:
      return null;
    case 5:
      return undefined;
    case 6:
      return r.chance(0.5) ? BigInt(r.int(1000)) - 500n : 2n ** 63n - 1n;
    case 7:
      return r.chance(0.5) ? new Uint8Array(r.int(32)).map(() => r.int(256)) : new Date(r.int(2 ** 31) * 1000);
    case 8:
    case 9: {
      const o: Record<string, unknown> = {};
      const n = r.int(6);
      for (let k = 0; k < n; k++)
        setKey(o, r.chance(0.3) ? r.pick(NASTY_STRINGS) : randomString(r, 12), randomValue(r, depth - 1));
      return o;
    }
    default:
      return Array.from({ length: r.int(6) }, () => randomValue(r, depth - 1));
  }
}

/** An object (or array) nested `depth` levels deep; msgpack keeps it small. */
export function deepNesting(r: Rng, depth: number): unknown {
  let v: unknown = r.pick(NASTY_STRINGS);
  for (let k = 0; k < depth; k++) v = r.chance(0.5) ? [v] : { a: v };
  return v;
}

function validField(r: Rng, f: FieldSpec): unknown {
  switch (f.kind) {
    case "int":
      return f.min + r.int(Math.min(f.max - f.min + 1, 50));
    case "enum":
      return r.pick(f.list);
    case "id":
      return r.pick(["web", "erp", "any", "nope"]);
    case "bool":
      return r.chance(0.5);
  }
}

function brokenField(r: Rng, f: FieldSpec): unknown {
  if (r.chance(0.5)) return randomValue(r, 1);
  switch (f.kind) {
    case "int":
      return r.pick([
        f.min - 1,
        f.max + 1,
        f.min + 0.5,
        NaN,
        Infinity,
        -Infinity,
        -0,
        1e308,
        -1e308,
        String(f.min),
        [f.min],
        { n: f.min },
        null,
        true,
      ]);
    case "enum":
      return r.pick([...f.list.map((s) => s.toUpperCase()), `${f.list[0]} `, "", "__proto__", 0, null, f.list]);
    case "id":
      return r.pick(["", "Web", "web!", "x".repeat(41), "../web", "web\u0000", 12, ["web"], { id: "web" }, null]);
    case "bool":
      return r.pick([0, 1, "true", "false", null, [], {}, NaN]);
  }
}

/** A command: valid, valid but with one field broken, missing or extra, or random. */
export function randomCommand(r: Rng): unknown {
  const roll = r.int(10);
  if (roll === 0) return randomValue(r, 2);
  const type = roll === 1 ? r.pick([...NASTY_STRINGS, "format-disk", "Buy-Node"]) : r.pick(COMMAND_TYPES);
  const shape = Object.hasOwn(COMMAND_SHAPES, type) ? COMMAND_SHAPES[type as keyof typeof COMMAND_SHAPES] : [];
  const cmd: Record<string, unknown> = { type };
  for (const [name, f] of shape) cmd[name] = validField(r, f);
  const mutation = r.int(6);
  if (mutation === 0 && shape.length > 0) {
    const [name, f] = r.pick(shape);
    cmd[name] = brokenField(r, f);
  } else if (mutation === 1 && shape.length > 0) delete cmd[r.pick(shape)[0]];
  else if (mutation === 2)
    setKey(
      cmd,
      r.pick(["cluster", "__proto__", "constructor", "seat", "money", randomString(r, 8)]),
      randomValue(r, 1),
    );
  else if (mutation === 3) cmd["type"] = r.pick([null, 0, ["buy-node"], { type: "buy-node" }, type.toUpperCase()]);
  // mutations 4 and 5 leave a valid command: some fuzz must get through to the engine
  return cmd;
}

/** Host-message fields, valid or broken, so every handler's checks are reached. */
function hostFields(r: Rng, knownClusters: readonly string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const v = () => (r.chance(0.5) ? randomValue(r, 1) : undefined);
  if (r.chance(0.7)) o["locked"] = r.chance(0.5) ? r.chance(0.5) : v();
  if (r.chance(0.7)) o["on"] = r.chance(0.5) ? r.chance(0.5) : v();
  // Seat ids that exist are never used: kicking the honest player is a legitimate host action.
  if (r.chance(0.7)) o["seat"] = r.pick(["s00000000", "sdeadbeef", "", "__proto__", randomString(r, 10), 0, null]);
  if (r.chance(0.7)) o["nickname"] = r.chance(0.5) ? r.pick(NASTY_STRINGS) : randomString(r, 30);
  if (r.chance(0.7)) o["team"] = r.chance(0.5) ? r.int(45) - 2 : randomNumber(r);
  if (r.chance(0.7)) o["speed"] = r.chance(0.5) ? r.int(20) - 2 : randomNumber(r);
  if (r.chance(0.7))
    o["incident"] = r.pick([
      "crash",
      "node-failure",
      "kernel-incident",
      "registry-outage",
      "noisy-neighbour",
      "spike",
      "meteor",
      "",
      1,
    ]);
  if (r.chance(0.7)) o["target"] = r.pick(["web", "erp", "any", "", "WEB", 7, null]);
  if (r.chance(0.7)) o["size"] = r.chance(0.5) ? r.int(300) : randomNumber(r);
  if (r.chance(0.7))
    o["cluster"] =
      r.chance(0.5) && knownClusters.length > 0
        ? r.pick(knownClusters)
        : r.pick(["all", "", "c999", "__proto__", 5, null]);
  return o;
}

export interface FuzzMessage {
  readonly type: string | number;
  /** undefined: sent with no body. */
  readonly body: unknown;
}

/**
 * One message for a room. Bodies stay far below the 4 KB WebSocket limit, so every
 * message reaches the room's handlers (oversized frames are a separate attack).
 */
export function randomMessage(r: Rng, seq: number, knownClusters: readonly string[]): FuzzMessage {
  const type = r.chance(0.45) ? "cmd" : r.pick(MESSAGE_TYPES);
  const roll = r.int(20);
  if (roll === 0) return { type, body: undefined };
  if (roll === 1) return { type, body: randomValue(r, 2) };
  if (roll === 2) return { type, body: { seq, cmd: deepNesting(r, 1 + r.int(400)) } };
  if (roll === 3) return { type, body: { seq, cmd: { type: r.pick(NASTY_STRINGS), pad: "x".repeat(r.int(3000)) } } };
  if (roll === 4)
    return { type, body: { seq: r.pick([-1, 1.5, NaN, Infinity, 2 ** 40, "1", null, [1]]), cmd: randomCommand(r) } };
  const body: Record<string, unknown> = { seq };
  if (type === "cmd") body["cmd"] = randomCommand(r);
  else if (type === "spectate")
    body["cluster"] = r.chance(0.5) && knownClusters.length > 0 ? r.pick(knownClusters) : randomValue(r, 1);
  else Object.assign(body, hostFields(r, knownClusters));
  if (r.chance(0.1)) setKey(body, r.pick(["__proto__", "constructor", "prototype"]), randomValue(r, 1));
  return { type, body };
}

/** Raw WebSocket frames: Colyseus protocol bytes followed by garbage, or plain garbage. */
export function randomFrame(r: Rng): Uint8Array {
  const n = r.chance(0.05) ? 5000 + r.int(20_000) : r.int(64);
  const bytes = new Uint8Array(n + 1).map(() => r.int(256));
  bytes[0] = r.pick([10, 11, 12, 13, 13, 13, 14, 15, 17, 17, 0, 255]);
  if (bytes[0] === 13 || bytes[0] === 17) {
    // A plausible message type first, then a broken body, so decoding goes past the type.
    if (r.chance(0.5) && n >= 4) {
      bytes[1] = 0xa3;
      bytes.set([0x63, 0x6d, 0x64], 2);
    }
  }
  return bytes;
}

// ---- HTTP ----
