/**
 * Argument parsing for the headless match runner, kept apart from I/O so that every bad
 * argument has a tested, plain-English refusal.
 */
import { readFlags } from "./flags.ts";
export const SIM_USAGE = `Usage:
  npm run sim -- --scenario ID --seed N --bot NAME [--json] [--out FILE]
  npm run sim -- --replay FILE [--json]
  npm run sim -- --list

  --scenario ID   a scenario id (see --list)
  --seed N        a whole number from 0 to 4294967295
  --bot NAME      idle, greedy or autopilot
  --replay FILE   re-simulate a saved replay and print its result
  --out FILE      save the bot's replay to FILE
  --json          print one JSON object instead of a summary
  --list          print the scenario ids, one a line`;

export type SimArgs =
  | { readonly mode: "list" }
  | { readonly mode: "help" }
  | {
      readonly mode: "run";
      readonly scenario: string;
      readonly seed: number;
      readonly bot: string;
      readonly json: boolean;
      readonly out: string | null;
    }
  | { readonly mode: "replay"; readonly file: string; readonly json: boolean };

export type Parsed = { readonly ok: true; readonly args: SimArgs } | { readonly ok: false; readonly error: string };

const VALUE_FLAGS = new Set(["--scenario", "--seed", "--bot", "--replay", "--out"]);
const BOOL_FLAGS = new Set(["--json", "--list", "--help", "-h"]);

export function parseSimArgs(argv: readonly string[]): Parsed {
  const read = readFlags(argv, VALUE_FLAGS, BOOL_FLAGS);
  if (!read.ok) return read;
  const v = read.flags.values;
  const b = read.flags.switches;
  if (b.has("--help") || b.has("-h")) return { ok: true, args: { mode: "help" } };
  if (b.has("--list")) {
    if (v.size > 0) return { ok: false, error: "--list takes no other arguments." };
    return { ok: true, args: { mode: "list" } };
  }
  const json = b.has("--json");
  const replay = v.get("--replay");
  if (replay !== undefined) {
    if (v.size > 1) return { ok: false, error: "--replay takes no --scenario, --seed, --bot or --out." };
    return { ok: true, args: { mode: "replay", file: replay, json } };
  }
  const scenario = v.get("--scenario");
  const seedText = v.get("--seed");
  const bot = v.get("--bot");
  if (scenario === undefined) return { ok: false, error: "--scenario is required." };
  if (seedText === undefined) return { ok: false, error: "--seed is required." };
  if (bot === undefined) return { ok: false, error: "--bot is required." };
  if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > 0xffffffff)
    return { ok: false, error: `--seed must be a whole number from 0 to 4294967295, not "${seedText.slice(0, 30)}".` };
  return { ok: true, args: { mode: "run", scenario, seed: Number(seedText), bot, json, out: v.get("--out") ?? null } };
}
