/**
 * Demand, load balancing, and what a replica can serve.
 *
 * A service's demand at a tick is its base rate × the daily shape (piecewise-linear, in
 * percent) × the strongest spike under way (ramp up, hold, ramp down), with a small seeded
 * jitter. The load balancer splits demand evenly over the service's endpoints
 * (round-robin: remainders go to the lowest ids); each serves what its CPU allows and the
 * rest is dropped. A request costs the same CPU everywhere: `cpu` millicores serve
 * `capacity` requests per second (the service's nominal replica). A VM serves what its
 * reserved vCPUs allow (less on a hosted hypervisor); a container serves what the CPU it
 * gets this tick allows (cpu.ts: its request, plus idle CPU up to its limit). An instance
 * kept over 125 % of what it can serve for 20 ticks crashes, which pushes its share onto the
 * others: that is how one overload cascades.
 */
import { vmThroughputPct } from "./resources.ts";
import type { ActiveSpike, Instance, Node, World } from "../model/model.ts";
import type { ServiceSpec, SpikeSpec, TrafficSpec } from "../model/scenario.ts";
import { nextInt } from "../model/rng.ts";

/** Daily shape in percent at tick t (integer interpolation). */
export function shapePct(tr: TrafficSpec, t: number): number {
  const pts = tr.shape;
  if (pts.length === 0) return 100;
  const x = tr.period > 0 ? t % tr.period : t;
  let prev = pts[0]!;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i]!;
    if (x < p[0]) {
      const span = p[0] - prev[0];
      return span <= 0 ? p[1] : prev[1] + Math.trunc(((p[1] - prev[1]) * (x - prev[0])) / span);
    }
    prev = p;
  }
  // After the last point, interpolate back towards the first (the day wraps).
  const first = pts[0]!;
  const span = tr.period - prev[0];
  return span <= 0 ? prev[1] : prev[1] + Math.trunc(((first[1] - prev[1]) * (x - prev[0])) / span);
}

/** A spike's multiplier in percent at tick t (100 outside it). */
export function spikePct(s: { at: number; ramp: number; peak: number; hold: number }, t: number): number {
  const d = t - s.at;
  if (d < 0) return 100;
  const ramp = Math.max(1, s.ramp);
  if (d < ramp) return 100 + Math.trunc(((s.peak - 100) * d) / ramp);
  if (d < ramp + s.hold) return s.peak;
  const down = d - ramp - s.hold;
  if (down < ramp) return s.peak - Math.trunc(((s.peak - 100) * down) / ramp);
  return 100;
}

export function spikeEnd(s: { at: number; ramp: number; hold: number }): number {
  return s.at + 2 * Math.max(1, s.ramp) + s.hold;
}

/** Demand before jitter. */
export function baseDemand(spec: ServiceSpec, service: number, spikes: readonly ActiveSpike[], t: number): number {
  let pct = 100;
  for (const s of spec.traffic.spikes) pct = Math.max(pct, spikePct(s, t));
  for (const s of spikes) if (s.service < 0 || s.service === service) pct = Math.max(pct, spikePct(s, t));
  return Math.trunc((((spec.traffic.base * shapePct(spec.traffic, t)) / 100) * pct) / 100);
}

/**
 * The demand a player can foresee for tick t, as known at tick `knownAt`: the published
 * curve with the spikes announced by then (and, if given, spikes already under way), no
 * jitter. What the forecast view draws; the same curve the bots plan with.
 */
export function publishedDemand(
  spec: ServiceSpec,
  service: number,
  knownAt: number,
  t: number,
  active: readonly ActiveSpike[] = [],
): number {
  let pct = 100;
  for (const s of spec.traffic.spikes) if (knownAt >= s.at - s.announce) pct = Math.max(pct, spikePct(s, t));
  for (const s of active) if (s.service < 0 || s.service === service) pct = Math.max(pct, spikePct(s, t));
  return Math.trunc((((spec.traffic.base * shapePct(spec.traffic, t)) / 100) * pct) / 100);
}

/** Demand of every service this tick; draws one jitter number per service with noise. */
export function demandAt(w: World, out: Int32Array | number[]): void {
  const t = w.tick;
  const specs = w.scenario.services;
  for (let s = 0; s < specs.length; s++) {
    const spec = specs[s]!;
    let d = baseDemand(spec, s, w.spikes, t);
    const noise = spec.traffic.noise;
    if (noise > 0) {
      const j = nextInt(w.rng, 2 * noise + 1) - noise;
      d += Math.trunc((d * j) / 100);
    }
    out[s] = Math.max(0, d);
  }
}

/**
 * Requests per second a VM serves at most: its vCPUs' worth, less what a hosted hypervisor
 * loses (more the more VMs share the host OS).
 */
export function vmCapacity(spec: ServiceSpec, inst: Instance, node: Node): number {
  const cap = Math.trunc((spec.capacity * inst.reqCpu) / spec.cpu);
  return Math.trunc((cap * vmThroughputPct(node.mode, node.vms)) / 100);
}

/** Millicores a container needs to serve `load` requests per second. */
export function cpuFor(spec: ServiceSpec, load: number): number {
  return spec.capacity > 0 ? Math.ceil((load * spec.cpu) / spec.capacity) : 0;
}

/** Requests per second `cpu` millicores serve. */
export function servedBy(spec: ServiceSpec, cpu: number): number {
  return Math.trunc((cpu * spec.capacity) / spec.cpu);
}

/** Scenario spikes that get announced, start or end at tick t. */
export function spikesAt(
  spec: ServiceSpec,
  t: number,
): { announced: SpikeSpec[]; started: SpikeSpec[]; ended: SpikeSpec[] } | null {
  let out: { announced: SpikeSpec[]; started: SpikeSpec[]; ended: SpikeSpec[] } | null = null;
  for (const s of spec.traffic.spikes) {
    const a = s.announce > 0 && s.at - s.announce === t;
    const b = s.at === t;
    const c = spikeEnd(s) === t;
    if (a || b || c) {
      out ??= { announced: [], started: [], ended: [] };
      if (a) out.announced.push(s);
      if (b) out.started.push(s);
      if (c) out.ended.push(s);
    }
  }
  return out;
}
