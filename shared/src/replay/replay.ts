/**
 * Replays: the rules version, a scenario id and version, a seed and the command log with
 * ticks. Because the engine is deterministic, that is the whole round: re-simulating it under
 * the same rules gives the same state hash anywhere.
 *
 * Encoding (msgpackr): [FORMAT, rulesVersion, scenarioId, scenarioVersion, seed, length,
 * hash, score, strings, entries]. Format 1 (before rules versions were recorded) had no
 * rulesVersion: it decodes as UNVERSIONED_RULES, a stale replay rather than a corrupt one.
 * Each entry is a tuple [tick delta, command type index, ...fields in
 * the command's shape order], with enum fields as indices into their list and ids as
 * indices into `strings`, so a 300-command round stays a few kilobytes. Decoding checks
 * every part and re-validates each command with `parseCommand`; anything malformed or
 * truncated is refused with "bad-replay" and a sentence.
 */
import { pack, unpack } from "msgpackr";
import { COMMAND_SHAPES, COMMAND_TYPES, parseCommand, type Command } from "../model/commands.ts";
import { refuse, type Result } from "../model/result.ts";
import { MAX_RULES_VERSION, parseRulesVersion, UNVERSIONED_RULES } from "../model/rulesVersion.ts";

export interface ReplayEntry {
  /** The world tick at which the command was applied (before that step advanced it). */
  readonly tick: number;
  readonly cmd: Command;
}

export interface Replay {
  /** The engine's rules version it was recorded under (RULES_VERSION then). */
  readonly rulesVersion: number;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly seed: number;
  /** Ticks simulated. */
  readonly length: number;
  readonly log: readonly ReplayEntry[];
  /** Claimed final state hash and score ("" / 0 when not claimed). */
  readonly hash: string;
  readonly score: number;
}

const FORMAT = 2;
/** Replays written before the rules version was recorded. */
const FORMAT_UNVERSIONED = 1;
/** Refuse absurd replays before doing any work on them. */
export const MAX_REPLAY_ENTRIES = 200_000;
export const MAX_REPLAY_BYTES = 4 * 1024 * 1024;

export function encodeReplay(r: Replay): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const entries: number[][] = [];
  let last = 0;
  for (const e of r.log) {
    const shape = COMMAND_SHAPES[e.cmd.type];
    const row: number[] = [e.tick - last, COMMAND_TYPES.indexOf(e.cmd.type)];
    last = e.tick;
    const rec = e.cmd as unknown as Record<string, unknown>;
    for (const [name, f] of shape) {
      const v = rec[name];
      if (f.kind === "enum") row.push(f.list.indexOf(v as string));
      else if (f.kind === "bool") row.push(v ? 1 : 0);
      else if (f.kind === "id") {
        let k = index.get(v as string);
        if (k === undefined) {
          k = strings.length;
          strings.push(v as string);
          index.set(v as string, k);
        }
        row.push(k);
      } else row.push(v as number);
    }
    entries.push(row);
  }
  return pack([
    FORMAT,
    r.rulesVersion,
    r.scenarioId,
    r.scenarioVersion,
    r.seed,
    r.length,
    r.hash,
    r.score,
    strings,
    entries,
  ]);
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

export function decodeReplay(bytes: Uint8Array): Result<Replay> {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) return refuse("bad-replay", "The replay is empty.");
  if (bytes.length > MAX_REPLAY_BYTES) return refuse("bad-replay", "The replay is too large.");
  let raw: unknown;
  try {
    raw = unpack(bytes);
  } catch {
    return refuse("bad-replay", "The replay is not valid data (truncated or corrupted).");
  }
  if (!Array.isArray(raw)) return refuse("bad-replay", "The replay does not have the replay format.");
  const format: unknown = raw[0];
  if (format !== FORMAT && format !== FORMAT_UNVERSIONED)
    return refuse("bad-replay", `Unknown replay format ${String(format).slice(0, 20)}.`);
  if (raw.length !== (format === FORMAT ? 10 : 9))
    return refuse("bad-replay", "The replay does not have the replay format.");
  const rulesVersion = format === FORMAT ? parseRulesVersion(raw[1]) : UNVERSIONED_RULES;
  if (rulesVersion === null)
    return refuse(
      "bad-replay",
      `The replay's rules version is not valid (a whole number from 1 to ${MAX_RULES_VERSION} is expected).`,
    );
  const [scenarioId, scenarioVersion, seed, length, hash, score, strings, entries] = raw.slice(
    format === FORMAT ? 2 : 1,
  ) as unknown[];
  if (typeof scenarioId !== "string" || !/^[a-z0-9-]{1,60}$/.test(scenarioId))
    return refuse("bad-replay", "The replay's scenario id is not valid.");
  if (!isInt(scenarioVersion) || scenarioVersion < 0)
    return refuse("bad-replay", "The replay's scenario version is not valid.");
  if (!isInt(seed) || seed < 0 || seed > 0xffffffff)
    return refuse("bad-replay", "The replay's seed must be a whole number from 0 to 4294967295.");
  if (!isInt(length) || length < 0 || length > 1_000_000)
    return refuse("bad-replay", "The replay's length is not valid.");
  if (typeof hash !== "string" || hash.length > 64) return refuse("bad-replay", "The replay's hash is not valid.");
  if (!isInt(score) || Math.abs(score) > 1e12) return refuse("bad-replay", "The replay's score is not valid.");
  if (
    !Array.isArray(strings) ||
    strings.length > 1000 ||
    !strings.every((s) => typeof s === "string" && s.length <= 60)
  ) {
    return refuse("bad-replay", "The replay's string table is not valid.");
  }
  if (!Array.isArray(entries) || entries.length > MAX_REPLAY_ENTRIES)
    return refuse("bad-replay", "The replay's command log is not valid.");
  const log: ReplayEntry[] = [];
  let tick = 0;
  for (let k = 0; k < entries.length; k++) {
    const row = entries[k] as unknown;
    if (!Array.isArray(row) || row.length < 2 || !row.every(isInt))
      return refuse("bad-replay", `Command ${k} of the replay is malformed.`);
    const [dt, ti] = row as number[];
    if (dt! < 0) return refuse("bad-replay", `Command ${k} of the replay goes back in time.`);
    tick += dt!;
    if (tick > length) return refuse("bad-replay", `Command ${k} of the replay is after its end.`);
    const type = COMMAND_TYPES[ti!];
    if (!type) return refuse("bad-replay", `Command ${k} of the replay has an unknown type.`);
    const shape = COMMAND_SHAPES[type];
    if (row.length !== shape.length + 2)
      return refuse("bad-replay", `Command ${k} of the replay has the wrong number of fields.`);
    const obj: Record<string, unknown> = { type };
    for (let f = 0; f < shape.length; f++) {
      const [name, spec] = shape[f]!;
      const v = row[f + 2] as number;
      if (spec.kind === "enum") obj[name] = spec.list[v];
      else if (spec.kind === "bool") obj[name] = v === 1 ? true : v === 0 ? false : undefined;
      else if (spec.kind === "id") obj[name] = strings[v];
      else obj[name] = v;
    }
    const cmd = parseCommand(obj);
    if (!cmd.ok) return refuse("bad-replay", `Command ${k} of the replay is not valid: ${cmd.message}`);
    log.push({ tick, cmd: cmd.value });
  }
  return { ok: true, value: { rulesVersion, scenarioId, scenarioVersion, seed, length, log, hash, score } };
}
