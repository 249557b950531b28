/**
 * The forecast a player reads beside each service: the demand of the last minutes, then
 * the published curve ahead with every spike announced so far (the same curve the bots plan
 * with, shared/src/datacenter/traffic.ts), against the capacity running now. Where the curve ahead
 * climbs over today's capacity, it is time to add some.
 */
import { clock, publishedDemand, type ClusterView, type Scenario } from "@overcommit/shared";

/** How far ahead the forecast looks, and its sampling (simulated seconds). */
export const AHEAD = 600;
const EVERY = 5;

export interface Forecast {
  /** Demand ahead, one sample every EVERY seconds from now. */
  readonly ahead: number[];
  readonly every: number;
  /** Announced spikes ahead, as [start, end) offsets from now in seconds. */
  readonly spikes: [number, number][];
  readonly peak: number;
  readonly peakIn: number;
}

export function forecastOf(sc: Scenario, v: ClusterView, s: number): Forecast {
  const spec = sc.services[s]!;
  const now = v.tick;
  // Spikes under way that the scenario does not list (an instructor's) come from the view.
  const listed = new Set(spec.traffic.spikes.map((x) => x.at));
  const extra = v.spikes
    .filter((x) => (x.service === s || x.service < 0) && !listed.has(x.at))
    .map((x) => {
      const ramp = Math.max(1, Math.min(60, Math.floor((x.end - x.at) / 4)));
      return { service: x.service, at: x.at, ramp, peak: x.peak, hold: Math.max(0, x.end - x.at - 2 * ramp) };
    });
  const ahead: number[] = [];
  let peak = 0;
  let peakIn = 0;
  const end = Math.min(v.length, now + AHEAD);
  for (let t = now; t <= end; t += EVERY) {
    const d = publishedDemand(spec, s, now, t, extra);
    ahead.push(d);
    if (d > peak) {
      peak = d;
      peakIn = t - now;
    }
  }
  const spikes: [number, number][] = v.spikes
    .filter((x) => x.service === s || x.service < 0)
    .map((x) => [Math.max(0, x.at - now), x.end - now]);
  return { ahead, every: EVERY, spikes, peak, peakIn };
}

/**
 * One line for the card: the peak ahead and whether today's capacity covers it. Capacity is
 * measured as traffic flows, so before the first second (or in a classroom's planning phase)
 * there is none to compare with, and the line does not call everything short.
 */
export function forecastLine(f: Forecast, capacity: number, tick: number): { text: string; short: boolean } {
  const short = tick > 0 && f.peak > capacity;
  const when = f.peakIn <= 0 ? "now" : `at ${clock(tick + f.peakIn)}`;
  return { text: `Peak ahead ${f.peak} req/s ${when}${short ? ` · ${f.peak - capacity} over capacity` : ""}`, short };
}
