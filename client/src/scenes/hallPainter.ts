/**
 * The hall around the racks: the internet with the demand it sends, the load balancer, the
 * image registry (down or up), where dropped requests go, the tray of pods no node can
 * take, and the racks themselves. Drawn into the scene's static layer with the node
 * painter's context (its text and image pools and its level of detail).
 */
import type * as Phaser from "phaser";
import type { ClusterView } from "@overcommit/shared";
import { THEME } from "../game/palette.ts";
import { RACKS_TOP, type Layout } from "./layout.ts";
import type { NodePainter } from "./nodePainter.ts";

export function paintHall(painter: NodePainter, g: Phaser.GameObjects.Graphics, v: ClusterView, l: Layout): void {
  const h = painter.context;
  const demand = v.services.reduce((a, s) => a + s.demand, 0);
  const dropped = v.services.reduce((a, s) => a + s.dropped, 0);
  // The internet, the load balancer and the registry.
  const c = l.internet;
  const lb = l.lb;
  const rg = l.registry;
  if (h.fine) {
    h.image("internet", "internet", c.x, c.y, c.w, c.h);
    h.image("lb", "load-balancer", lb.x, lb.y, lb.w, lb.h);
    h.image("registry", "registry", rg.x, rg.y, rg.w, rg.h, v.registryDown ? 0x885555 : 0xffffff);
    if (v.registryDown)
      h.image("registry-x", "inc-registry", rg.x + rg.w / 2 - 16, rg.y + rg.h / 2 - 16, 32, 32, THEME.bad, 1, 4);
  } else {
    g.fillStyle(0x223246, 1);
    g.fillRoundedRect(c.x, c.y, c.w, c.h, 24);
    g.fillStyle(0x2d4a6b, 1);
    g.fillRoundedRect(lb.x, lb.y, lb.w, lb.h, 8);
    g.fillStyle(v.registryDown ? 0x4a1f24 : 0x1c2a38, 1);
    g.fillRoundedRect(rg.x, rg.y, rg.w, rg.h, 8);
  }
  h.label("internet", c.x + c.w + 8, c.y + c.h / 2 - 18, "Internet", 14, THEME.text, true);
  h.label("demand", c.x + c.w + 8, c.y + c.h / 2, `${demand} req/s`, 13, THEME.text);
  const cap = l.lbCaption;
  h.label("lb", cap.x + cap.w, cap.y, "Load balancer", 13, THEME.text, true).setOrigin(1, 0);
  h.label("lbn", cap.x + cap.w, cap.y + 17, "spreads requests evenly", 11, THEME.dim).setOrigin(1, 0);
  h.label(
    "registry",
    rg.x,
    rg.y + rg.h + 4,
    v.registryDown ? "Image registry: DOWN" : "Image registry",
    12,
    v.registryDown ? "#ff8a8a" : THEME.dim,
    true,
  );
  // Where dropped requests go.
  g.fillStyle(dropped > 0 ? 0x4a1f24 : 0x1c2430, 1);
  g.fillRoundedRect(l.sink.x, l.sink.y, l.sink.w, l.sink.h, 6);
  h.label("sink", l.sink.x + 10, l.sink.y + 4, "Dropped", 12, dropped > 0 ? "#ff8a8a" : THEME.dim, true);
  h.label("sinkn", l.sink.x + 10, l.sink.y + 21, `${dropped} req/s`, 12, dropped > 0 ? "#ff8a8a" : THEME.dim);
  // Pending tray.
  const pt = l.pendingTray;
  const pendingCount = v.instances.filter((i) => i.state === "pending").length;
  if (pendingCount > 0) {
    g.fillStyle(0x1c2430, 1);
    g.fillRoundedRect(pt.x, pt.y, pt.w, pt.h, 6);
    g.lineStyle(1, 0x9aa0a6, 0.8);
    g.strokeRoundedRect(pt.x, pt.y, pt.w, pt.h, 6);
    h.label("pendingt", pt.x + 8, pt.y + 6, `Pending: ${pendingCount} (no node fits)`, 12, THEME.text, true);
    for (const b of l.pending) painter.drawBlock(g, b);
  }
  for (const r of l.racks) {
    g.fillStyle(THEME.rack, 1);
    g.lineStyle(2, THEME.rackEdge, 1);
    if (h.detail) {
      g.fillRoundedRect(r.x, r.y, r.w, r.h, 6);
      g.strokeRoundedRect(r.x, r.y, r.w, r.h, 6);
    } else {
      g.fillRect(r.x, r.y, r.w, r.h);
      g.strokeRect(r.x, r.y, r.w, r.h);
    }
    if (h.fine) {
      // Rails with screw holes, so a rack reads as one.
      g.fillStyle(0x0e141b, 1);
      for (let yy = r.y + 30; yy < r.y + r.h - 6; yy += 14) {
        g.fillRect(r.x + 4, yy, 3, 3);
        g.fillRect(r.x + r.w - 7, yy, 3, 3);
      }
    }
    if (h.detail) h.label(`rack:${r.label}`, r.x + 12, r.y + 6, r.label, 12, THEME.dim, true);
  }
  if (l.nodes.length === 0)
    h.label("empty", 20, RACKS_TOP + 40, "No nodes yet: buy one in the Build tab (key B).", 14, THEME.dim);
}
