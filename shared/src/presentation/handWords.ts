/**
 * What hand work (datacenter/handWork.ts) means for the next click, in the player's words:
 * shown where a player deploys (the drop tip, a node's deploy buttons) and above the
 * services, so the queue behind their own hands is never a surprise.
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

/** The line above the services while a scenario has hand work; null where hands are instant. */
export function handWorkLine(w: World): string | null {
  const vm = handTicks(w, "vm");
  const ct = handTicks(w, "container");
  if (vm <= 0 && ct <= 0) return null;
  const busy = handsBusy(w);
  const costs = `By hand, a VM takes ${vm} s of your time and a container ${ct} s, one after another; Kubernetes and VM HA need none.`;
  return busy > 0 ? `Your hands: ${busy} s of set-up queued. ${costs}` : `Your hands are free. ${costs}`;
}

/** The debrief's line on hand work: what the round's clicking cost the player's own time. */
export function handSentence(jobs: number, seconds: number): string {
  const time = seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
  return `You set up ${jobs} machine${jobs === 1 ? "" : "s"} by hand: ${time} of your own time, one after another. A Deployment's ReplicaSet, the autoscalers and VM HA would have done that work without you.`;
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
