/**
 * The measurements behind `npm run balance` and the rules they are held to. One home for
 * both, so the printed table and the tests agree.
 */
import { IDEA_PAIRS, runMatch, scoreOf, slaBp, starsOf, type Bot, type Scenario } from "@overcommit/shared";

export const SEEDS = [1, 2, 3, 4, 5] as const;

export interface Cell {
  readonly scores: number[];
  readonly score: number;
  readonly slaBp: number;
  readonly stars: number[];
  readonly commandsPer10Min: number;
  /** The same by command type (`set-autoscaler`, `deploy`…), most sent first. */
  readonly commandTypes: readonly (readonly [string, number])[];
  /** What the machines (nodes, licences, upkeep, pages) cost, as a share of revenue, percent. */
  readonly costPct: number;
  /** Longest stretch without a command, real seconds at the scenario's speed (the first 60 s aside). */
  readonly quietest: number;
}

/** Plays one bot on every seed. */
export function play(sc: Scenario, _name: string, bot: Bot): Cell {
  const scores: number[] = [];
  const stars: number[] = [];
  let sla = 0;
  let cmds = 0;
  let cost = 0;
  let revenue = 0;
  let quiet = 0;
  const types = new Map<string, number>();
  for (const seed of SEEDS) {
    const { world, replay } = runMatch(sc, seed, bot);
    scores.push(scoreOf(world));
    stars.push(starsOf(world));
    sla += slaBp(world);
    cmds += replay.log.length;
    for (const e of replay.log) types.set(e.cmd.type, (types.get(e.cmd.type) ?? 0) + 1);
    cost += world.stats.costs;
    revenue += world.stats.revenue;
    let last = 60;
    for (const e of replay.log) {
      if (e.tick > last) quiet = Math.max(quiet, e.tick - last);
      last = Math.max(last, e.tick);
    }
    quiet = Math.max(quiet, world.tick - last);
  }
  const realSeconds = sc.length / sc.speed;
  const per10Min = (n: number): number => Math.round(((n / SEEDS.length) * 600) / realSeconds);
  return {
    scores,
    score: Math.round(scores.reduce((a, b) => a + b, 0) / SEEDS.length),
    slaBp: Math.round(sla / SEEDS.length),
    stars,
    commandsPer10Min: per10Min(cmds),
    commandTypes: [...types].map(([t, n]) => [t, per10Min(n)] as const).sort((a, b) => b[1] - a[1]),
    costPct: revenue > 0 ? Math.round((cost * 100) / revenue) : 0,
    quietest: Math.round(quiet / sc.speed),
  };
}

export interface RuleResult {
  readonly rule: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Following the level's idea beats ignoring it by 10 % of score, or by a star, on every seed. */
export function ideaWins(follows: Cell, ignores: Cell): { ok: boolean; detail: string } {
  const per = SEEDS.map((_, k) => {
    const f = follows.scores[k]!;
    const i = ignores.scores[k]!;
    const byScore = f >= i + Math.abs(i) * 0.1 && f > i;
    const byStar = follows.stars[k]! > ignores.stars[k]!;
    return byScore || byStar;
  });
  return { ok: per.every(Boolean), detail: `seeds won ${per.filter(Boolean).length}/${SEEDS.length}` };
}

export function checkRules(sc: Scenario, cells: ReadonlyMap<string, Cell>): RuleResult[] {
  const out: RuleResult[] = [];
  const walk = cells.get("walk-away");
  const auto = cells.get("autopilot");
  const expert = cells.get("expert");
  if (sc.kind === "campaign") {
    for (const p of IDEA_PAIRS.filter((x) => x.scenario === sc.id)) {
      const f = cells.get(p.follows.name)!;
      const i = cells.get(p.ignores.name)!;
      out.push({ rule: `${p.idea} (${p.follows.name} vs ${p.ignores.name})`, ...ideaWins(f, i) });
    }
    if (walk)
      out.push({
        rule: "walk-away earns at most one star",
        ok: walk.stars.every((s) => s <= 1),
        detail: `stars ${walk.stars.join("")}`,
      });
    if (auto)
      out.push({
        rule: "autopilot earns two stars",
        ok: auto.stars.every((s) => s === 2),
        detail: `stars ${auto.stars.join("")}`,
      });
    if (expert)
      out.push({
        rule: "the expert reaches the third star",
        ok: expert.stars.some((s) => s === 3),
        detail: `stars ${expert.stars.join("")}`,
      });
  } else if (walk && auto) {
    out.push({
      rule: "walk-away well under autopilot (≤ 80 %)",
      ok: walk.scores.every((s, k) => s <= auto.scores[k]! * 0.8),
      detail: `walk-away ${walk.score} vs autopilot ${auto.score}`,
    });
  }
  // No dead time: the autopilot, which acts only when something is worth doing, finds a
  // decision at least every two real minutes.
  if (auto)
    out.push({
      rule: "a decision worth making at least every two real minutes",
      ok: auto.quietest <= 120,
      detail: `the autopilot's longest quiet stretch ${auto.quietest} s`,
    });
  // Automation replaces clicking where it is on offer (levels 6–8, the competitive scenarios).
  const automated = sc.kind === "competitive" || (sc.kind === "campaign" && sc.level >= 6);
  if (expert && automated)
    out.push({
      rule: "the expert needs under 100 commands per 10 real minutes",
      ok: expert.commandsPer10Min < 100,
      detail: `${expert.commandsPer10Min} commands`,
    });
  // On the mean over the seeds: where random failures strike, one seed can favour either.
  if (expert && auto)
    out.push({
      rule: "expert ≥ autopilot (mean)",
      ok: expert.score >= auto.score,
      detail: `expert ${expert.score} vs autopilot ${auto.score}`,
    });
  return out;
}
