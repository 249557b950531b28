/**
 * Hand work: a machine the player deploys by hand needs the operator's own time (picking
 * the image, an address, adding it to the load balancer) before it starts, and the
 * operator does one such job after another. Controllers — a ReplicaSet, the HPA, VM HA, the
 * cluster autoscaler — need nobody's time, which is what automation buys. Each scenario
 * says how long a hand job takes (`timings.handVm`, `timings.handContainer`; 0 = at once).
 *
 * An instance waiting for the operator is bound to its node and reserved there, in state
 * "backoff" with cause "hand-setup", its `wait` the ticks until its job is done.
 */
import type { Instance, Runtime, World } from "../model/model.ts";
import type { Scenario } from "../model/scenario.ts";

/** Ticks of the operator's time one hand deploy of this runtime takes in this scenario. */
export function handJobTicks(sc: Scenario, runtime: Runtime): number {
  return runtime === "vm" ? sc.timings.handVm : sc.timings.handContainer;
}

export function handTicks(w: World, runtime: Runtime): number {
  return handJobTicks(w.scenario, runtime);
}

/** Queues a hand job; returns the ticks until it is done (0 when hand work is instant here). */
export function beginHandJob(w: World, runtime: Runtime): number {
  const len = handTicks(w, runtime);
  if (len <= 0) return 0;
  w.handsFreeAt = Math.max(w.tick, w.handsFreeAt) + len;
  w.stats.handJobs++;
  w.stats.handTicks += len;
  return w.handsFreeAt - w.tick;
}

export function isHandSetup(i: { readonly state: string; readonly cause: string }): boolean {
  return i.state === "backoff" && i.cause === "hand-setup";
}

/** Seconds until the operator has finished the hand work queued so far. */
export function handsBusy(w: World): number {
  return Math.max(0, w.handsFreeAt - w.tick);
}

/**
 * An instance leaves the queue before it was set up (stopped, its node gone): the part of
 * its job not yet done is given back, and the jobs queued after it move up.
 */
export function cancelHandJob(w: World, inst: Instance): void {
  if (!isHandSetup(inst)) return;
  const left = inst.wait;
  const back = Math.min(handTicks(w, inst.runtime), left);
  if (back <= 0) return;
  for (const i of w.instances) if (i !== inst && isHandSetup(i) && i.wait > left) i.wait -= back;
  w.handsFreeAt -= back;
  w.stats.handTicks -= back;
  if (back === handTicks(w, inst.runtime)) w.stats.handJobs--;
}
