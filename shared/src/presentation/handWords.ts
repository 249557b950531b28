/**
 * What hand work (datacenter/handWork.ts) means for the player, in their words: shown where
 * a player deploys (the drop tip, a node's deploy buttons), above the services, and in the
 * debrief, so the queue behind their own hands is never a surprise. Each sentence names only
 * the automation the scenario offers.
 */
import type { Runtime, World } from "../model/model.ts";
import type { Scenario } from "../model/scenario.ts";
import { handJobTicks, handsBusy, handTicks, isHandSetup } from "../datacenter/handWork.ts";
import { serviceIndex } from "../datacenter/queries.ts";

/**
 * Seconds until an instance deployed by hand now would be set up and start: the queue plus
 * its own job; 0 when no hand work applies (none in this scenario, or a container of a
 * Deployment, which its ReplicaSet starts).
 */
export function handStartsIn(w: World, service: string, runtime: Runtime): number {
  const len = handTicks(w, runtime);
  if (len <= 0) return 0;
  const s = serviceIndex(w, service);
  if (runtime === "container" && w.upgrades.kubernetes && s >= 0 && w.services[s]?.deployment) return 0;
  return handsBusy(w) + len;
}

/** The automation on offer that works without the player's hands, as a list for a sentence. */
function helpers(sc: Scenario): string {
  const names = [
    sc.upgrades.kubernetes ? "a Deployment's ReplicaSet" : "",
    sc.upgrades.autoscaler || sc.upgrades["cluster-autoscaler"] ? "the autoscalers" : "",
    sc.upgrades["vm-ha"] ? "VM HA" : "",
  ].filter((n) => n !== "");
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m === 0 ? `${s} s` : s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** The line above the services while a scenario has hand work; null where hands are instant. */
export function handWorkLine(w: World): string | null {
  const vm = handTicks(w, "vm");
  const ct = w.scenario.hostModes.includes("container-host") ? handTicks(w, "container") : 0;
  if (vm <= 0 && ct <= 0) return null;
  const each = [vm > 0 ? `a VM ${vm} s` : "", ct > 0 ? `a container ${ct} s` : ""].filter((x) => x !== "").join(", ");
  const busy = handsBusy(w);
  return busy > 0
    ? `Your hands: ${duration(busy)} of set-up queued (${each} each).`
    : `Your hands are free. By hand: ${each} of your time each, one after another.`;
}

/** What the line above means, for its tooltip: who works without the player's hands. */
export function handWorkHint(sc: Scenario): string {
  const who = helpers(sc);
  return `What you deploy by hand waits for you to set it up, one job after another.${who ? ` ${capital(who)} need${who.includes(" and ") ? "" : "s"} nobody's time.` : ""}`;
}

function capital(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
}

/** The debrief's line on hand work: what the round's clicking cost the player's own time. */
export function handSentence(sc: Scenario, jobs: number, seconds: number): string {
  const who = helpers(sc);
  return `You set up ${jobs} machine${jobs === 1 ? "" : "s"} by hand: ${duration(seconds)} of your own time, one after another.${who ? ` ${capital(who)} need${who.includes(" and ") ? "" : "s"} nobody's time.` : ""}`;
}

/**
 * Where a queued instance stands in the operator's queue: its own set-up, and the jobs queued
 * before it, so a player sees why the second of two VMs clicked at once waits twice as long.
 * Null for anything not waiting for the operator.
 */
export function handQueueWords(
  sc: Scenario,
  i: { readonly state: string; readonly cause: string; readonly wait: number; readonly runtime: Runtime },
): string | null {
  if (!isHandSetup(i)) return null;
  const own = handJobTicks(sc, i.runtime);
  const before = i.wait - own;
  return before > 0
    ? `starts in ${i.wait} s: your set-ups queued before it take ${before} s, then its own ${own} s`
    : `you are setting it up now; it starts in ${i.wait} s`;
}
