/**
 * Named ways of playing, for measuring the game's incentives (`npm run balance`, the balance
 * tests): each campaign level's idea as a pair of operators that differ in that idea alone,
 * one following it and its twin ignoring it, plus the reference players every level is
 * judged against — a walk-away player who plans once for the day's peak and then leaves
 * the cluster alone.
 */
import type { Bot } from "../replay/simulate.ts";
import { AUTOPILOT, operator, type Style } from "./autopilot.ts";

/**
 * The expert: the autopilot's play with a sharper pencil — capacity planned closer to
 * what the curve needs and bought a little later, a busier HPA target, and the HPA left to
 * follow the day's curve itself: its floor is raised only when the forecast outgrows it by
 * half, so a peak takes a few commands rather than one per replica. What it scores is the
 * record a level shows to beat.
 */
export const EXPERT: Style = {
  ...AUTOPILOT,
  name: "expert",
  horizon: 140,
  planUtil: 90,
  hpaTarget: 80,
  floorBand: 50,
};

/** Plans once, for the highest demand of the whole round, in its first 200 s; then only watches. */
export const WALK_AWAY: Style = {
  ...AUTOPILOT,
  name: "walk-away",
  horizon: 100_000,
  activeUntil: 200,
  restarts: false,
  scaleDown: false,
};
/** The same, but it restarts what crashes (a player who checks in now and then). */
export const WALK_AWAY_RESTARTS: Style = { ...WALK_AWAY, name: "walk-away+restarts", restarts: true };

export interface IdeaPair {
  /** The level (scenario id) whose idea this is. */
  readonly scenario: string;
  /** The idea, in a few words. */
  readonly idea: string;
  readonly follows: Style;
  readonly ignores: Style;
}

/** One pair per campaign level: the same operator, with and without the level's idea. */
export const IDEA_PAIRS: readonly IdeaPair[] = [
  {
    scenario: "campaign-1-packing",
    idea: "pack VMs tightly onto few hosts",
    follows: { ...AUTOPILOT, name: "packs" },
    ignores: { ...AUTOPILOT, name: "two-per-host", maxPerNode: 2 },
  },
  {
    scenario: "campaign-2-hypervisors",
    idea: "Type 1 hypervisors once hosts are medium or larger",
    follows: { ...AUTOPILOT, name: "type-1-medium", vmHost: "hypervisor", nodeType: "medium" },
    ignores: { ...AUTOPILOT, name: "type-2-medium", vmHost: "hosted", nodeType: "medium" },
  },
  {
    scenario: "campaign-3-containers",
    idea: "containers where a service can run either way",
    follows: { ...AUTOPILOT, name: "containers", runtime: "container" },
    ignores: { ...AUTOPILOT, name: "vms", runtime: "vm" },
  },
  {
    scenario: "campaign-4-isolation",
    idea: "isolate card data from other tenants' code, and spread containers over hosts",
    follows: { ...AUTOPILOT, name: "isolated" },
    ignores: { ...AUTOPILOT, name: "shared-kernel", isolate: false, spread: false },
  },
  {
    scenario: "campaign-5-spike",
    idea: "scale before an announced spike",
    follows: { ...AUTOPILOT, name: "pre-scales" },
    ignores: { ...AUTOPILOT, name: "reacts", horizon: 0 },
  },
  {
    scenario: "campaign-6-self-healing",
    idea: "let VM HA restart what fails",
    follows: { ...AUTOPILOT, name: "vm-ha" },
    ignores: { ...AUTOPILOT, name: "restarts-by-hand", upgrades: AUTOPILOT.upgrades.filter((u) => u !== "vm-ha") },
  },
  {
    scenario: "campaign-7-kubernetes",
    idea: "let Kubernetes and the HPA run the containers",
    follows: { ...AUTOPILOT, name: "kubernetes" },
    ignores: { ...AUTOPILOT, name: "by-hand", upgrades: [] },
  },
  {
    scenario: "campaign-8-chaos",
    idea: "automation everywhere (Kubernetes, autoscalers, VM HA)",
    follows: { ...AUTOPILOT, name: "automated" },
    ignores: { ...AUTOPILOT, name: "manual", upgrades: [] },
  },
];

/** Every named strategy, by name. */
export const STRATEGIES: Readonly<Record<string, Bot>> = Object.fromEntries(
  [EXPERT, WALK_AWAY, WALK_AWAY_RESTARTS, ...IDEA_PAIRS.flatMap((p) => [p.follows, p.ignores])].map((s) => [
    s.name,
    operator(s),
  ]),
);
