// The headless runner as a person uses it: real processes, real files.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOTS, encodeReplay, getScenario, listScenarios, RULES_VERSION, runMatch } from "@overcommit/shared";
import { parseSimArgs } from "../server/src/cli/simArgs.ts";

const root = join(import.meta.dirname, "..");
function sim(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "server/src/cli/sim.ts", ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("npm run sim", () => {
  it("--list prints the scenario ids, one a line", () => {
    const r = sim("--list");
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toEqual(listScenarios().map((s) => s.id));
  });

  it("--json prints one object with the agreed fields, and --out saves a replay that --replay re-simulates to the same hash", () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-"));
    const file = join(dir, "run.bin");
    const a = sim("--scenario", "campaign-1-packing", "--seed", "5", "--bot", "autopilot", "--json", "--out", file);
    expect(a.code).toBe(0);
    const run = JSON.parse(a.out);
    // The autopilot earns two stars; the third sits above it (docs/balance.md).
    expect(run).toMatchObject({ scenario: "campaign-1-packing", seed: 5, bot: "autopilot", ticks: 900, stars: 2 });
    expect(typeof run.score).toBe("number");
    expect(typeof run.sla).toBe("number");
    expect(run.stateHash).toMatch(/^[0-9a-f]{16}$/);
    expect(run.rulesVersion).toBe(RULES_VERSION);
    const b = sim("--replay", file, "--json");
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out).stateHash).toBe(run.stateHash);
  });

  it.each([
    [["--scenario", "nope", "--seed", "1", "--bot", "idle"], "Unknown scenario"],
    [["--scenario", "black-friday", "--seed", "1", "--bot", "wizard"], "Unknown bot"],
    [["--scenario", "black-friday", "--seed", "-3", "--bot", "idle"], "--seed"],
    [["--frobnicate"], "Unknown argument"],
    [[], "--scenario is required"],
  ])("refuses %j with a usage message and exit code 2", (args, says) => {
    const r = sim(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toContain(says);
    expect(r.err).toContain("Usage:");
  });

  it("refuses a corrupted replay file", () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-"));
    const file = join(dir, "bad.bin");
    writeFileSync(file, Buffer.from([0x93, 0x01, 0xff, 0x00]));
    const r = sim("--replay", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/replay/i);
  });

  it("refuses to re-simulate a replay recorded under other rules, and says which", () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-"));
    const { replay } = runMatch(getScenario("campaign-1-packing")!, 5, BOTS.autopilot, 100);
    const file = join(dir, "old.bin");
    writeFileSync(file, encodeReplay({ ...replay, rulesVersion: RULES_VERSION - 1 }));
    const r = sim("--replay", file, "--json");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(
      `This replay was recorded under rules version ${RULES_VERSION - 1}; the game now plays version ${RULES_VERSION}, so it cannot be replayed exactly.`,
    );
  });
});

describe("argument parsing", () => {
  it.each([
    [["--seed", "1", "--seed", "2"], "given twice"],
    [["--seed"], "needs a value"],
    [["--list", "--seed", "1"], "--list takes no other arguments"],
    [["--replay", "x", "--bot", "idle"], "--replay takes no"],
    [["--scenario", "a", "--seed", "99999999999", "--bot", "idle"], "--seed"],
  ])("%j → %s", (args, says) => {
    const r = parseSimArgs(args as string[]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(says);
  });
});
