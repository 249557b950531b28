/**
 * Where everything sits in the datacenter, computed from a ClusterView alone (no Phaser):
 * the scene draws from it and hit-tests against it, and tests can check it without a
 * browser. Nodes stand in racks of RACK_SLOTS; racks stand in rows (about twice as many
 * across as down, so a big cluster still fits a screen); each node lists its VMs (large
 * blocks) then its containers (small blocks), so its height grows with what it holds.
 */
import type { ClusterView, InstanceView, NodeView } from "@overcommit/shared";

export const NODE_W = 260;
export const NODE_PAD = 8;
export const NODE_HEAD = 64;
export const VM_W = 72;
export const VM_H = 46;
export const CT_W = 36;
export const CT_H = 26;
export const GAP = 5;
export const RACK_SLOTS = 3;
export const RACK_PAD = 12;
export const RACK_GAP = 24;
export const RACKS_TOP = 230;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface BlockLayout extends Box {
  readonly inst: InstanceView;
}

export interface NodeLayout extends Box {
  readonly node: NodeView;
  readonly blocks: BlockLayout[];
  /** Height of the horizontal traffic bus above this node's row of racks. */
  readonly busY: number;
}

export interface RackLayout extends Box {
  readonly label: string;
}

export interface Layout {
  readonly nodes: NodeLayout[];
  readonly racks: RackLayout[];
  readonly pending: BlockLayout[];
  readonly internet: Box;
  readonly lb: Box;
  /** The load balancer's name and what it does: under it, left of the line down to the racks. */
  readonly lbCaption: Box;
  /** The image registry containers pull from. */
  readonly registry: Box;
  readonly sink: Box;
  readonly pendingTray: Box;
  readonly bounds: Box;
  /** x of the vertical traffic trunk that feeds the rows below the first. */
  readonly trunkX: number;
}

/** Instances that occupy a node (pending ones have none; gone ones are not drawn). */
function onNode(i: InstanceView): boolean {
  return i.node >= 0 && i.state !== "gone" && i.state !== "pending";
}

function layoutBlocks(x0: number, y0: number, insts: InstanceView[]): { blocks: BlockLayout[]; height: number } {
  const inner = NODE_W - 2 * NODE_PAD;
  const blocks: BlockLayout[] = [];
  let x = 0;
  let y = 0;
  let rowH = 0;
  const vms = insts.filter((i) => i.runtime === "vm");
  const cts = insts.filter((i) => i.runtime === "container");
  for (const group of [vms, cts]) {
    for (const inst of group) {
      const w = inst.runtime === "vm" ? VM_W : CT_W;
      const h = inst.runtime === "vm" ? VM_H : CT_H;
      if (x > 0 && x + w > inner) {
        x = 0;
        y += rowH + GAP;
        rowH = 0;
      }
      blocks.push({ inst, x: x0 + x, y: y0 + y, w, h });
      x += w + GAP;
      rowH = Math.max(rowH, h);
    }
    // VMs and containers never share a node, but keep the rows apart if they ever do.
    if (x > 0 && group === vms && cts.length > 0) {
      x = 0;
      y += rowH + GAP;
      rowH = 0;
    }
  }
  return { blocks, height: y + rowH };
}

export function layoutCluster(view: ClusterView): Layout {
  const byNode = new Map<number, InstanceView[]>();
  const pendingInsts: InstanceView[] = [];
  for (const i of view.instances) {
    if (i.state === "pending") pendingInsts.push(i);
    else if (onNode(i)) {
      const list = byNode.get(i.node);
      if (list) list.push(i);
      else byNode.set(i.node, [i]);
    }
  }
  const nodes: NodeLayout[] = [];
  const racks: RackLayout[] = [];
  const rackCount = Math.max(1, Math.ceil(view.nodes.length / RACK_SLOTS));
  const perRow = Math.max(4, Math.ceil(Math.sqrt(rackCount * 2)));
  const rackW = NODE_W + 2 * RACK_PAD;
  let rowTop = RACKS_TOP;
  let rowBottom = RACKS_TOP + 160;
  let maxBottom = rowBottom;
  for (let r = 0; r < rackCount; r++) {
    if (r > 0 && r % perRow === 0) rowTop = rowBottom + 48;
    const x = (r % perRow) * (rackW + RACK_GAP);
    let y = rowTop + 28;
    for (let k = r * RACK_SLOTS; k < Math.min(view.nodes.length, (r + 1) * RACK_SLOTS); k++) {
      const node = view.nodes[k]!;
      const nx = x + RACK_PAD;
      const { blocks, height } = layoutBlocks(nx + NODE_PAD, y + NODE_HEAD, byNode.get(node.id) ?? []);
      const h = Math.max(NODE_HEAD + 40, NODE_HEAD + height + NODE_PAD);
      nodes.push({ node, x: nx, y, w: NODE_W, h, blocks, busY: rowTop - 18 });
      y += h + 10;
    }
    const h = Math.max(y - rowTop + 4, 200);
    racks.push({
      label: `Rack ${String.fromCharCode(65 + (r % 26))}${r >= 26 ? Math.floor(r / 26) : ""}`,
      x,
      y: rowTop,
      w: rackW,
      h,
    });
    if (r % perRow === 0) rowBottom = rowTop + h;
    rowBottom = Math.max(rowBottom, rowTop + h);
    maxBottom = Math.max(maxBottom, rowBottom);
  }
  const across = Math.min(rackCount, perRow);
  const width = across * rackW + (across - 1) * RACK_GAP;
  const cx = Math.max(width, 3 * rackW) / 2;
  const internet = { x: cx - 64, y: 4, w: 128, h: 72 };
  const lb = { x: cx - 90, y: 110, w: 180, h: 48 };
  // Not beside the load balancer, where it met the Pending tray; not wider than it either.
  const lbCaption = { x: cx - 164, y: lb.y + lb.h + 4, w: 150, h: 34 };
  const registry = { x: cx - 300, y: 6, w: 120, h: 64 };
  const sink = { x: cx + 250, y: 114, w: 130, h: 40 };
  const pendingTray = { x: cx - 420, y: 96, w: 250, h: 100 };
  const pending: BlockLayout[] = [];
  pendingInsts.slice(0, 24).forEach((inst, k) => {
    const w = inst.runtime === "vm" ? 40 : 26;
    pending.push({
      inst,
      x: pendingTray.x + 8 + (k % 8) * 30,
      y: pendingTray.y + 28 + Math.floor(k / 8) * 24,
      w: Math.min(w, 26),
      h: 20,
    });
  });
  const left = Math.min(0, pendingTray.x);
  const right = Math.max(width, sink.x + sink.w);
  return {
    nodes,
    racks,
    pending,
    internet,
    lb,
    lbCaption,
    registry,
    sink,
    pendingTray,
    bounds: { x: left - 20, y: 0, w: right - left + 40, h: maxBottom + 20 },
    trunkX: -14,
  };
}

export function inside(b: Box, x: number, y: number): boolean {
  return x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;
}

/** What is under a world point: an instance block, else a node, else nothing. */
/** What the player has selected: a node, an instance on it, or neither (-1). */
export interface Selection {
  readonly node: number;
  readonly instance: number;
}

export function hitTest(l: Layout, x: number, y: number): Selection {
  for (const b of l.pending) if (inside(b, x, y)) return { node: -1, instance: b.inst.id };
  for (const n of l.nodes) {
    if (!inside(n, x, y)) continue;
    for (const b of n.blocks) if (inside(b, x, y)) return { node: n.node.id, instance: b.inst.id };
    return { node: n.node.id, instance: -1 };
  }
  return { node: -1, instance: -1 };
}
