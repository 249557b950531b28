/**
 * The headless match runner: plays a bot through a scenario (or re-simulates a saved
 * replay) with the shared engine and prints the result. See SIM_USAGE for the arguments.
 */
import { readFileSync, writeFileSync } from "node:fs";
import {
  BOTS,
  BOT_NAMES,
  decodeReplay,
  encodeReplay,
  getScenario,
  listScenarios,
  replayWorld,
  RULES_VERSION,
  runMatch,
  scoreOf,
  slaBp,
  starsOf,
  stateHash,
  type World,
} from "@overcommit/shared";
import { parseSimArgs, SIM_USAGE } from "./simArgs.ts";

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${SIM_USAGE}\n`);
  process.exit(2);
}

function summary(w: World, bot: string) {
  const incidents: Record<string, number> = {};
  for (const i of w.incidents) incidents[i.concept] = (incidents[i.concept] ?? 0) + 1;
  return {
    scenario: w.scenario.id,
    seed: w.seed,
    bot,
    ticks: w.tick,
    score: scoreOf(w),
    sla: slaBp(w) / 100,
    stars: starsOf(w),
    money: w.money,
    bailouts: w.bailouts,
    nodes: w.nodes.filter((n) => n.state !== "gone").length,
    incidents,
    stateHash: stateHash(w),
    // The hash holds under this engine's rules only: a replay carries the version it was made under.
    rulesVersion: RULES_VERSION,
  };
}

function print(s: ReturnType<typeof summary>, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(s)}\n`);
    return;
  }
  const lines = [
    `${s.scenario} · seed ${s.seed} · ${s.bot}`,
    `  ticks ${s.ticks}${s.bailouts > 0 ? ` (bailed out ×${s.bailouts})` : ""}`,
    `  score ${s.score} (money ${s.money}) · SLA ${s.sla.toFixed(2)} % · stars ${s.stars}`,
    `  nodes at the end ${s.nodes}`,
    `  incidents ${
      Object.entries(s.incidents)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "none"
    }`,
    `  state hash ${s.stateHash} (rules version ${s.rulesVersion})`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

function main(): void {
  const parsed = parseSimArgs(process.argv.slice(2));
  if (!parsed.ok) fail(parsed.error);
  const a = parsed.args;
  if (a.mode === "help") {
    process.stdout.write(`${SIM_USAGE}\n`);
    return;
  }
  if (a.mode === "list") {
    for (const s of listScenarios()) process.stdout.write(`${s.id}\n`);
    return;
  }
  if (a.mode === "replay") {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(a.file);
    } catch {
      fail(`Cannot read the replay file "${a.file}".`);
    }
    const r = decodeReplay(bytes);
    if (!r.ok) fail(`${r.message}`);
    const sc = getScenario(r.value.scenarioId);
    if (!sc) fail(`The replay is for an unknown scenario "${r.value.scenarioId}".`);
    const w = replayWorld(sc, r.value);
    if (!w.ok) fail(w.message);
    print(summary(w.value, "replay"), a.json);
    return;
  }
  const sc = getScenario(a.scenario);
  if (!sc)
    fail(
      `Unknown scenario "${a.scenario}". Known: ${listScenarios()
        .map((s) => s.id)
        .join(", ")}.`,
    );
  if (!(BOT_NAMES as readonly string[]).includes(a.bot))
    fail(`Unknown bot "${a.bot}". Known: ${BOT_NAMES.join(", ")}.`);
  const { world, replay } = runMatch(sc, a.seed, BOTS[a.bot as keyof typeof BOTS]);
  if (a.out) writeFileSync(a.out, encodeReplay(replay));
  print(summary(world, a.bot), a.json);
}

main();
