/**
 * Traffic, redrawn every frame: the internet into the load balancer, the load balancer
 * out to each node along a bus (thicker = more requests; red where replicas there are
 * dropping), and dropped requests into the sink. Moving dots show direction when zoomed in.
 * Containers pulling their image get a stream of image layers from the registry.
 */
import type * as Phaser from "phaser";
import type { ClusterView } from "@overcommit/shared";
import { THEME } from "../game/palette.ts";
import { RACKS_TOP, type Layout } from "./layout.ts";

export class TrafficPainter {
  /** Into `g`; `view` is the part of the world on screen (lines elsewhere are skipped). */
  draw(
    g: Phaser.GameObjects.Graphics,
    v: ClusterView,
    l: Layout,
    time: number,
    view: Phaser.Geom.Rectangle,
    fine = true,
  ): void {
    const lbx = l.lb.x + l.lb.w / 2;
    const lby = l.lb.y + l.lb.h;
    const demand = v.services.reduce((a, s) => a + s.demand, 0);
    const dropped = v.services.reduce((a, s) => a + s.dropped, 0);
    const width = (rps: number): number => Math.min(14, 1.5 + Math.sqrt(rps) / 3);
    // Internet → load balancer.
    if (demand > 0)
      this.flowLine(
        g,
        [
          [lbx, l.internet.y + l.internet.h],
          [lbx, l.lb.y],
        ],
        width(demand),
        THEME.traffic,
        time,
        demand,
        fine,
      );
    if (dropped > 0)
      this.flowLine(
        g,
        [
          [l.lb.x + l.lb.w, l.lb.y + l.lb.h / 2],
          [l.sink.x, l.sink.y + l.sink.h / 2],
        ],
        width(dropped),
        THEME.dropped,
        time,
        dropped,
        fine,
      );
    // Load balancer → each node (thicker = more requests served there).
    const bus0 = RACKS_TOP - 18;
    for (const n of l.nodes) {
      let served = 0;
      let load = 0;
      for (const b of n.blocks) {
        served += b.inst.served;
        load += b.inst.load;
      }
      if (load <= 0) continue;
      // Off screen: right of it, or a whole row below or above it (the trunk and buses that
      // remain are drawn by the nodes that are on screen).
      if (n.x - 20 > view.right || n.busY > view.bottom + 40 || n.y + n.h < view.y - 40) continue;
      const gx = n.x - 6;
      const tail: [number, number][] = [
        [gx, n.busY],
        [gx, n.y + 14],
        [n.x, n.y + 14],
      ];
      // Rows below the first are fed down the trunk on the left.
      const path: [number, number][] =
        n.busY === bus0
          ? [[lbx, lby], [lbx, bus0], ...tail]
          : [[lbx, lby], [lbx, bus0], [l.trunkX, bus0], [l.trunkX, n.busY], ...tail];
      // Red where replicas here get more than they can serve: those requests are dropped.
      this.flowLine(g, path, width(load), load > served ? THEME.dropped : THEME.traffic, time, load, fine);
    }
    if (fine) this.imagePulls(g, l, time);
  }

  /** Layers streaming from the registry to each block that is pulling its image (stalled: red, still). */
  private imagePulls(g: Phaser.GameObjects.Graphics, l: Layout, time: number): void {
    const sx = l.registry.x + l.registry.w / 2;
    const sy = l.registry.y + l.registry.h;
    for (const n of l.nodes) {
      for (const b of n.blocks) {
        if (b.inst.state !== "pulling") continue;
        const stalled = b.inst.cause === "registry-down";
        const tx = b.x + b.w / 2;
        const ty = b.y + b.h / 2;
        g.lineStyle(1.5, stalled ? THEME.dropped : 0x56b4e9, 0.3);
        g.lineBetween(sx, sy, tx, ty);
        if (stalled) continue;
        for (let k = 0; k < 4; k++) {
          const t = (time / 900 + k / 4) % 1;
          const x = sx + (tx - sx) * t;
          const y = sy + (ty - sy) * t;
          g.fillStyle([0x56b4e9, 0x3a8cc4, 0x1f5f8b][k % 3]!, 1);
          g.fillRect(x - 5, y - 3, 10, 6);
        }
      }
    }
  }

  private flowLine(
    g: Phaser.GameObjects.Graphics,
    pts: [number, number][],
    w: number,
    color: number,
    time: number,
    rps: number,
    fine = true,
  ): void {
    g.lineStyle(w, color, 0.35);
    g.beginPath();
    g.moveTo(pts[0]![0], pts[0]![1]);
    for (let k = 1; k < pts.length; k++) g.lineTo(pts[k]![0], pts[k]![1]);
    g.strokePath();
    // Moving dots: faster and denser with more traffic.
    let len = 0;
    const segs: number[] = [];
    for (let k = 1; k < pts.length; k++) {
      const d = Math.abs(pts[k]![0] - pts[k - 1]![0]) + Math.abs(pts[k]![1] - pts[k - 1]![1]);
      segs.push(d);
      len += d;
    }
    // Far out, the dots would be specks: the lines alone carry the picture.
    if (!fine) return;
    // At most a handful of dots per line: enough to show motion, cheap at 300 nodes.
    const spacing = Math.max(len / 6, Math.max(18, 80 - Math.sqrt(rps) * 2));
    const offset = ((time / 1000) * 60) % spacing;
    g.fillStyle(color, 0.95);
    for (let d = offset; d < len; d += spacing) {
      let rest = d;
      for (let k = 0; k < segs.length; k++) {
        if (rest <= segs[k]!) {
          const a = pts[k]!;
          const b = pts[k + 1]!;
          const t = segs[k]! === 0 ? 0 : rest / segs[k]!;
          const r = Math.max(2, w / 2);
          g.fillRect(a[0] + (b[0] - a[0]) * t - r, a[1] + (b[1] - a[1]) * t - r, 2 * r, 2 * r);
          break;
        }
        rest -= segs[k]!;
      }
    }
  }
}
