/**
 * StepScratch: the working memory `step` hands from one phase of a tick to the next (the
 * Service endpoints and each service's pods gathered by the instance pass, the traffic
 * pass's per-service sums, the CPU sharing's arrays). Never world state: a tick starts by
 * clearing what it reads. A caller that steps a world many times keeps one and passes it to
 * every `step`, so the arrays are allocated once; one scratch may serve many worlds in turn,
 * since a step runs to its end before the next begins.
 */
import type { Instance } from "../model/model.ts";

export class StepScratch {
  /** The Service endpoints after the instance timers: running or migrating instances, and pods of a node that died unnoticed. */
  readonly endpoints: Instance[] = [];
  /** Each service's managed pods that are neither terminating nor gone, by service index. */
  podsBySvc: Instance[][] = [];
  /** How many of those pods are pending. */
  pendingPods = 0;
  /** Per service: demand, endpoints, live endpoints, and the load balancer's even split. */
  demand = new Int32Array(16);
  count = new Int32Array(16);
  live = new Int32Array(16);
  base = new Int32Array(16);
  rem = new Int32Array(16);
  rank = new Int32Array(16);
  /** One contended node's containers: the CPU each wants, requests and gets (cpu.ts). */
  readonly shareWant: number[] = [];
  readonly shareReq: number[] = [];
  readonly shareGot: number[] = [];

  /** Clears what the instance pass gathers, sized for `services` services. */
  beginInstances(services: number): void {
    this.endpoints.length = 0;
    if (this.podsBySvc.length < services) this.podsBySvc = Array.from({ length: services }, () => []);
    for (const l of this.podsBySvc) l.length = 0;
    this.pendingPods = 0;
  }

  /** Makes the per-service arrays at least `services` long (their contents are the caller's to clear). */
  reserveServices(services: number): void {
    if (this.demand.length >= services) return;
    const m = Math.max(services, this.demand.length * 2);
    this.demand = new Int32Array(m);
    this.count = new Int32Array(m);
    this.live = new Int32Array(m);
    this.base = new Int32Array(m);
    this.rem = new Int32Array(m);
    this.rank = new Int32Array(m);
  }
}
