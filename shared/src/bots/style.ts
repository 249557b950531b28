/**
 * A style of play: the knobs of the operator (autopilot.ts), with the autopilot's own
 * choices as AUTOPILOT. The named strategies (strategies.ts) are the autopilot with one or
 * two knobs turned.
 */
import type { NodeType } from "../model/constants.ts";
import type { Runtime } from "../model/model.ts";
import type { Upgrade } from "../model/scenario.ts";

/**
 * How an operator plays. Every knob has the autopilot's choice as its default; a named
 * strategy changes one or two (one idea followed or ignored), so that comparing it with
 * its twin measures what that idea is worth.
 */
export interface Style {
  readonly name: string;
  /** Seconds between two looks at the cluster. */
  readonly period: number;
  /** Runtime for services that may run either way ("best": containers where offered). */
  readonly runtime: "best" | Runtime;
  /** Host mode for VMs ("best": the cheapest per request served, Type 1 once VM HA is bought). */
  readonly vmHost: "best" | "hypervisor" | "hosted";
  /** Node size to buy ("best": the cheapest per request served). */
  readonly nodeType: "best" | NodeType;
  /** Seconds of the published curve (and announced spikes) it sizes for; 0 = only now. */
  readonly horizon: number;
  /** Seconds ahead it starts instances for (-1: the horizon); nodes are still bought for the horizon. */
  readonly startHorizon: number;
  /** Spread instances over hosts where hosts can fail (one basket is cheaper). */
  readonly spread: boolean;
  /** Run sensitive services (card data) in VMs rather than beside other tenants' containers. */
  readonly isolate: boolean;
  /** Upgrades it buys when they pay. */
  readonly upgrades: readonly Upgrade[];
  /** Restart crashed instances by hand. */
  readonly restarts: boolean;
  /** Set memory limits on leaking pods and roll out fixed releases. */
  readonly fixes: boolean;
  /** Stop extra instances and return empty nodes after a peak. */
  readonly scaleDown: boolean;
  /** Acts only until this tick, except for restarts (a walk-away player); -1 = all round. */
  readonly activeUntil: number;
  /** At most this many instances on a node (0: as many as fit, packed). */
  readonly maxPerNode: number;
  /** Utilisation it plans hand-placed capacity for, percent; lower where hosts may fail. */
  readonly planUtil: number;
  readonly resilientUtil: number;
  /** The HPA's target CPU utilisation, percent. */
  readonly hpaTarget: number;
  /**
   * Percent by which the forecast need may outgrow the HPA's floor before the floor is
   * raised (0: raised with every replica the forecast adds); in between, the HPA scales up
   * on its own.
   */
  readonly floorBand: number;
  /** One spare replica per service where things can fail. */
  readonly spare: boolean;
  /** Bin-pack pods (MostAllocated), so the cluster autoscaler can return emptied nodes. */
  readonly binpack: boolean;
}

export const AUTOPILOT: Style = {
  name: "autopilot",
  period: 5,
  runtime: "best",
  vmHost: "best",
  nodeType: "best",
  horizon: 170,
  startHorizon: -1,
  spread: true,
  isolate: true,
  upgrades: ["vm-ha", "kubernetes", "autoscaler", "cluster-autoscaler"],
  restarts: true,
  fixes: true,
  scaleDown: true,
  activeUntil: -1,
  maxPerNode: 0,
  planUtil: 85,
  resilientUtil: 65,
  hpaTarget: 70,
  floorBand: 0,
  spare: true,
  binpack: false,
};
