/**
 * Colours and shapes shared by the Phaser scene and the DOM legend. States use the
 * Okabe-Ito palette (safe for the common colour-vision deficiencies) and every state also
 * has its own icon shape, so nothing is told by colour alone.
 */
import {
  INSTANCE_STATES,
  ONCALL_FEE,
  ONCALL_RESPONSE_TICKS,
  type HostMode,
  type InstanceState,
} from "@overcommit/shared";

export type IconShape = "hourglass" | "arrow-down" | "power" | "check" | "cross" | "clock" | "swap" | "slash" | "minus";

export interface StateStyle {
  readonly color: number;
  readonly css: string;
  readonly icon: IconShape;
  readonly label: string;
  /** What the state means, for tooltips and the legend. */
  readonly hint: string;
}

export const STATE_STYLES: Readonly<Record<InstanceState, StateStyle>> = {
  pending: {
    color: 0x9aa0a6,
    css: "#9aa0a6",
    icon: "hourglass",
    label: "Pending",
    hint: "Wants a node: nothing has room for it yet.",
  },
  pulling: {
    color: 0x56b4e9,
    css: "#56b4e9",
    icon: "arrow-down",
    label: "Pulling image",
    hint: "Downloading its container image from the registry onto the node.",
  },
  booting: {
    color: 0xf0e442,
    css: "#f0e442",
    icon: "power",
    label: "Booting",
    hint: "Starting: a VM boots a whole guest OS; a container only starts the app.",
  },
  running: { color: 0x009e73, css: "#009e73", icon: "check", label: "Running", hint: "Serving requests." },
  crashed: {
    color: 0xd55e00,
    css: "#d55e00",
    icon: "cross",
    label: "Crashed",
    hint: `Down. Without automation it stays down until you restart it: a page to the on-call engineer, who restarts it ${ONCALL_RESPONSE_TICKS} s later (¢${ONCALL_FEE}).`,
  },
  backoff: {
    color: 0xe69f00,
    css: "#e69f00",
    icon: "clock",
    label: "Back-off",
    hint: "CrashLoopBackOff: Kubernetes waits (10 s, 20 s, 40 s … 5 min) before restarting it.",
  },
  migrating: {
    color: 0xcc79a7,
    css: "#cc79a7",
    icon: "swap",
    label: "Migrating",
    hint: "A VM moving live to another Type 1 host: it keeps serving while its memory is copied.",
  },
  lost: {
    color: 0x6b6b6b,
    css: "#8a8a8a",
    icon: "slash",
    label: "Lost",
    hint: "Its node died: unreachable until something restarts it elsewhere.",
  },
  terminating: {
    color: 0x7f8c9a,
    css: "#7f8c9a",
    icon: "minus",
    label: "Terminating",
    hint: "Shutting down; its resources are freed in a moment.",
  },
  gone: { color: 0x333333, css: "#333333", icon: "minus", label: "Gone", hint: "Removed." },
};

/** A crashed instance the player paged the on-call engineer for: it waits as a back-off does, but for a person. */
export const ONCALL_STYLE: StateStyle = {
  ...STATE_STYLES.backoff,
  label: "On-call paged",
  hint: `The on-call engineer has been paged (¢${ONCALL_FEE}) and restarts it ${ONCALL_RESPONSE_TICKS} s after the page.`,
};

/** An instance the player deployed by hand, waiting for the operator to set it up (shared/src/datacenter/handWork.ts). */
export const HAND_STYLE: StateStyle = {
  ...STATE_STYLES.pending,
  label: "Set up by hand",
  hint: "You are setting it up by hand, one job after another: it starts once the jobs queued before it are done. Kubernetes' controllers and VM HA need nobody's time.",
};

/** How an instance's state reads: the on-call wait and hand set-up are back-offs in the engine, not Kubernetes'. */
export function instanceStyle(i: { readonly state: InstanceState; readonly cause: string }): StateStyle {
  if (i.state === "backoff" && i.cause === "on-call") return ONCALL_STYLE;
  if (i.state === "backoff" && i.cause === "hand-setup") return HAND_STYLE;
  return STATE_STYLES[i.state];
}

/** The states a player meets, in the engine's order: all but "gone", which never shows. */
export const LEGEND_STATES: readonly InstanceState[] = INSTANCE_STATES.filter((s) => s !== "gone");

/** Service identity colours (a tab on each block), distinct from the state colours' role. */
export const SERVICE_COLORS = [0x4e79a7, 0xf28e2b, 0xb07aa1, 0x76b7b2, 0xedc948, 0xff9da7, 0x9c755f, 0xbab0ac] as const;

export function serviceColor(i: number): number {
  return SERVICE_COLORS[i % SERVICE_COLORS.length]!;
}

export function cssColor(c: number): string {
  return `#${c.toString(16).padStart(6, "0")}`;
}

export const THEME = {
  bg: 0x0e141b,
  rack: 0x18222d,
  rackEdge: 0x2c3a48,
  node: 0x1f2b38,
  nodeEdge: 0x3d4f62,
  overhead: 0x4a3f5c,
  guestOs: 0x2b2140,
  cpu: 0x5aa9e6,
  mem: 0xa78bfa,
  free: 0x2a3644,
  traffic: 0x56b4e9,
  dropped: 0xff4d4d,
  ok: 0x2ecc71,
  bad: 0xff5a5a,
  select: 0xffffff,
  text: "#e6edf3",
  dim: "#8b9bb0",
} as const;

/**
 * The visual language of host modes, the same on nodes, in the Build tab and in the
 * briefings' pictures: VM hosts are purple (Type 1) or amber (Type 2, a host OS under the
 * hypervisor); container hosts are teal. VM blocks carry a dark purple guest-OS band.
 */
export const MODE_STYLES: Readonly<
  Record<HostMode, { readonly color: number; readonly css: string; readonly short: string; readonly icon: string }>
> = {
  hypervisor: { color: 0x8f7ee0, css: "#8f7ee0", short: "Type 1 hypervisor", icon: "dc-vm" },
  hosted: { color: 0xe69f00, css: "#e69f00", short: "Type 2 hypervisor", icon: "dc-vm" },
  "container-host": { color: 0x3aa58f, css: "#3aa58f", short: "Container host", icon: "dc-container" },
};
