/**
 * Bankruptcy without a cliff. A cluster 60 s below zero is bankrupt, and the bank bails it
 * out: money goes back to the scenario's starting money and the player plays on. What the
 * bank lent plus a fee of half the starting money is the cluster's debt, which the score
 * carries to the end of the round (economy.ts `scoreOf`), so a bailed-out run always scores
 * below the same play without the bail-out, and earns no campaign star. One rule in every
 * mode: a student in a class keeps playing with the class, a solo player sees the rest of
 * the level; docs/rules.md says why.
 */
import { BAILOUT_FEE_PCT } from "../model/constants.ts";
import type { EventLog } from "../model/events.ts";
import type { World } from "../model/model.ts";

/** The fee of one bail-out, on top of its loan. */
export function bailoutFee(w: World): number {
  return Math.trunc((w.startMoney * BAILOUT_FEE_PCT) / 100);
}

/** The bank tops the money up to the starting money; the loan and the fee become debt. */
export function bailOut(w: World, log: EventLog): void {
  const loan = w.startMoney - w.money;
  const fee = bailoutFee(w);
  w.money = w.startMoney;
  w.debt += loan + fee;
  w.bailouts++;
  w.brokeSince = -1;
  log.push("bailout", "bankrupt", { loan, fee });
}
