/**
 * Money, SLA, score and stars. Each tick the player earns for served requests and pays
 * for nodes (from the moment they are bought until they are gone), Type 1 licences,
 * upgrade upkeep and SLA credits for dropped requests. Revenue and penalties are per
 * 100 requests; the remainders carry over so that money stays a whole number and exact.
 * Sixty seconds below zero is bankruptcy, and the bank bails the cluster out (bailout.ts).
 */
import {
  BANKRUPT_AFTER_TICKS,
  HOST_MODE_SPECS,
  NODE_CATALOG,
  SLA_STAR_BP,
  type HostMode,
  type NodeType,
} from "../model/constants.ts";
import type { EventLog } from "../model/events.ts";
import { bailOut } from "./bailout.ts";
import type { World } from "../model/model.ts";
import { UPGRADES } from "../model/scenario.ts";

/** Credits per tick a node of this size and host mode costs: the machine, plus a Type 1 licence per socket. */
export function nodeCost(type: NodeType, mode: HostMode): number {
  return NODE_CATALOG[type].cost + licenceOf(type, mode);
}

export function licenceOf(type: NodeType, mode: HostMode): number {
  return HOST_MODE_SPECS[mode].licence * NODE_CATALOG[type].sockets;
}

/** Credits per tick the cluster costs now (nodes, licences, upgrade upkeep). */
export function runningCost(w: World): number {
  let c = 0;
  for (const n of w.nodes) {
    if (n.state === "gone") continue;
    c += nodeCost(n.type, n.mode);
  }
  for (const u of UPGRADES) if (w.upgrades[u]) c += w.scenario.upgrades[u]?.upkeep ?? 0;
  return c;
}

export function settle(w: World, log: EventLog): void {
  let revenue = 0;
  let penalty = 0;
  for (let s = 0; s < w.services.length; s++) {
    const st = w.services[s]!;
    const spec = w.scenario.services[s]!;
    const r = st.served * spec.revenue + st.revenueCarry;
    revenue += Math.trunc(r / 100);
    st.revenueCarry = r % 100;
    const p = st.dropped * spec.penalty + st.penaltyCarry;
    penalty += Math.trunc(p / 100);
    st.penaltyCarry = p % 100;
  }
  const cost = runningCost(w);
  w.money += revenue - penalty - cost;
  w.stats.revenue += revenue;
  w.stats.penalties += penalty;
  w.stats.costs += cost;
  if (w.money < 0) {
    if (w.brokeSince < 0) {
      w.brokeSince = log.tick;
      log.push("money-negative", "", { money: w.money });
    } else if (log.tick - w.brokeSince >= BANKRUPT_AFTER_TICKS) {
      bailOut(w, log);
    }
  } else {
    w.brokeSince = -1;
  }
}

/** Money made over the round, less what bail-outs lent and charged. */
export function scoreOf(w: World): number {
  return w.money - w.startMoney - w.debt;
}

/** Served ÷ demanded over the round, in basis points (10000 = 100 %). */
export function slaBp(w: World): number {
  let d = 0;
  let s = 0;
  for (const st of w.services) {
    d += st.totalDemand;
    s += st.totalServed;
  }
  return d === 0 ? 10000 : Math.floor((s * 10000) / d);
}

/**
 * Campaign stars of a finished round: one for finishing solvent; two for running it well —
 * an SLA of at least 99 % and a score of at least the level's par (what planning and
 * scaling earn over buying for the peak and walking away); three for the level's target
 * (between the autopilot's score and the expert's). Unfinished, or bailed out even once: none.
 */
export function starsOf(w: World): number {
  if (!w.finished || w.bailouts > 0) return 0;
  const score = scoreOf(w);
  if (slaBp(w) < SLA_STAR_BP || score < w.scenario.parScore) return 1;
  return score >= w.scenario.targetScore ? 3 : 2;
}
