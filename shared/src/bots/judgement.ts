/**
 * What the operator judges of a round before it acts, in its style: which runtime a
 * service gets, whether failures (of hosts, kernels, processes) are to be expected, and
 * how many replicas a service needs for the coming peak.
 */
import type { HostMode } from "../model/constants.ts";
import type { Runtime, World } from "../model/model.ts";
import type { Style } from "./style.ts";
import { forecast, replicaCapacity, runtimeFor as defaultRuntime } from "./planning.ts";

export function runtimeFor(style: Style, w: World, s: number): Runtime {
  const spec = w.scenario.services[s]!;
  if (spec.runtime !== "either") return defaultRuntime(w, s);
  // Data that must not share a kernel goes into VMs, each with a kernel of its own.
  if (spec.sensitive && style.isolate && w.scenario.hostModes.some((m) => m !== "container-host")) return "vm";
  return style.runtime === "best" ? defaultRuntime(w, s) : style.runtime;
}

/** Whether anything can kill instances in this round (an outage or a spike kills none). */
export function hasFailures(w: World): boolean {
  const f = w.scenario.failures;
  const killers = w.scenario.events.some(
    (e) => e.kind === "crash" || e.kind === "node-failure" || e.kind === "kernel-incident",
  );
  return (
    f.nodeFailure > 0 ||
    f.kernelIncident > 0 ||
    killers ||
    w.scenario.services.some((s) => s.releases.some((r) => r.crashPerMillion > 0 || r.leakMiB > 0))
  );
}

/** Host failures expected in the round: scripted ones, or a rate that makes one likely. */
export function hostFailuresLikely(style: Style, w: World): boolean {
  if (!style.spread) return false;
  if (w.scenario.events.some((e) => e.kind === "node-failure")) return true;
  const hosts = Math.max(1, w.nodes.filter((n) => n.state !== "gone").length);
  return w.scenario.failures.nodeFailure * hosts * w.scenario.length >= 500_000;
}

/** Kernel panics expected on container hosts: a panic takes every container of its host down. */
export function kernelPanicsLikely(style: Style, w: World): boolean {
  if (!style.spread) return false;
  if (w.scenario.events.some((e) => e.kind === "kernel-incident")) return true;
  const hosts = Math.max(1, w.nodes.filter((n) => n.state !== "gone" && n.mode === "container-host").length);
  return w.scenario.failures.kernelIncident * hosts * w.scenario.length >= 500_000;
}

/** Replicas a service needs for the coming peak (or, with horizon 0, for now) at the planning utilisation. */
export function replicasNeeded(
  style: Style,
  w: World,
  s: number,
  runtime: Runtime,
  mode: HostMode,
  utilPct: number,
  horizon = style.horizon,
): number {
  const peak = forecast(w, s, horizon);
  if (peak <= 0) return 0;
  const base = Math.ceil((peak * 100) / (replicaCapacity(w, s, runtime, mode) * utilPct));
  // VM HA brings a dead VM back in about a minute on its own: no spare replica needed for it.
  const healed = runtime === "vm" && mode === "hypervisor" && w.upgrades["vm-ha"];
  return base + (style.spare && !healed && hasFailures(w) ? 1 : 0);
}
