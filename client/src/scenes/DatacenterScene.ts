/**
 * The datacenter, drawn with Phaser 4 (WebGL). It is given ClusterViews (the same shape
 * in solo and online play) and draws racks of nodes with their CPU and memory bars, host
 * mode and overhead, VM and container blocks by state, traffic from the internet through
 * the load balancer, and incident flashes. Input here is only looking around (zoom, pan)
 * and selecting; everything that changes the world goes through the DOM and commands.
 *
 * Static parts are redrawn when a new view arrives or the camera moves; traffic and
 * flashes every frame. Large clusters stay fast by level of detail (no text or icons when
 * zoomed far out, where they would be unreadable anyway) and by skipping nodes off screen.
 */
import * as Phaser from "phaser";
import type { ClusterView } from "@overcommit/shared";
import { THEME } from "../game/palette.ts";
import { hitTest, layoutCluster, RACKS_TOP, type Layout } from "./layout.ts";
import { NodePainter } from "./nodePainter.ts";
import { TrafficPainter } from "./trafficPainter.ts";

export interface Selection {
  readonly node: number;
  readonly instance: number;
}

export interface SceneCallbacks {
  onSelect(sel: Selection): void;
  onReady(): void;
}

interface Flash {
  readonly node: number;
  readonly instance: number;
  readonly text: string;
  readonly until: number;
  readonly color: number;
}

const FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
const FLASH_MS = 3500;
/** Zoom levels from which node texts, icons and hatching, and block labels are drawn. */
const ZOOM_TEXT = 0.5;
const ZOOM_ICONS = 0.35;
const ZOOM_BLOCK_LABELS = 0.8;

export class DatacenterScene extends Phaser.Scene {
  private view: ClusterView | null = null;
  private layout: Layout | null = null;
  private base!: Phaser.GameObjects.Graphics;
  private flow!: Phaser.GameObjects.Graphics;
  private traffic!: TrafficPainter;
  private top!: Phaser.GameObjects.Graphics;
  private texts = new Map<string, Phaser.GameObjects.Text>();
  private used = new Set<string>();
  private dirty = false;
  private viewDirty = false;
  private lastDraw = 0;
  private selection: Selection = { node: -1, instance: -1 };
  private dropHint: { node: number; ok: boolean } | null = null;
  private flashes: Flash[] = [];
  private userMoved = false;
  private lastBounds = "";
  private drag: { x: number; y: number; sx: number; sy: number; moved: boolean } | null = null;
  private names: readonly string[] = [];
  private camKey = "";
  private detail = true;
  private fine = true;
  private caps: readonly number[] = [];

  constructor(private readonly cb: SceneCallbacks) {
    super("datacenter");
  }

  create(): void {
    this.cameras.main.setBackgroundColor(THEME.bg);
    this.base = this.add.graphics();
    this.flow = this.add.graphics();
    this.traffic = new TrafficPainter(this.flow);
    this.top = this.add.graphics();
    this.flow.setDepth(5);
    this.top.setDepth(10);
    this.input.on("pointerdown", (p: Phaser.Input.Pointer) => {
      this.drag = { x: p.x, y: p.y, sx: this.cameras.main.scrollX, sy: this.cameras.main.scrollY, moved: false };
    });
    this.input.on("pointermove", (p: Phaser.Input.Pointer) => {
      if (!this.drag || !p.isDown) return;
      const cam = this.cameras.main;
      const dx = p.x - this.drag.x;
      const dy = p.y - this.drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) this.drag.moved = true;
      if (this.drag.moved) {
        cam.scrollX = this.drag.sx - dx / cam.zoom;
        cam.scrollY = this.drag.sy - dy / cam.zoom;
        this.userMoved = true;
      }
    });
    this.input.on("pointerup", (p: Phaser.Input.Pointer) => {
      if (this.drag && !this.drag.moved && this.layout) {
        const wp = this.cameras.main.getWorldPoint(p.x, p.y);
        this.setSelection(hitTest(this.layout, wp.x, wp.y));
      }
      this.drag = null;
    });
    this.input.on("wheel", (p: Phaser.Input.Pointer, _o: unknown, _dx: number, dy: number) => {
      this.zoomAt(dy > 0 ? 1 / 1.15 : 1.15, p.x, p.y);
    });
    this.scale.on("resize", () => {
      if (!this.userMoved) this.fit();
    });
    this.cb.onReady();
  }

  /** `names` and `caps` (req/s one replica serves) are per service, from the scenario. */
  setView(view: ClusterView, names: readonly string[], caps: readonly number[]): void {
    this.view = view;
    this.names = names;
    this.caps = caps;
    this.layout = layoutCluster(view);
    this.viewDirty = true;
    // Keep the whole datacenter in view as it grows, until the player moves the camera.
    const size = `${this.layout.bounds.w}x${Math.round(this.layout.bounds.h / 40)}`;
    if (!this.userMoved && size !== this.lastBounds) this.fit();
    this.lastBounds = size;
  }

  setSelection(sel: Selection, notify = true): void {
    this.selection = sel;
    this.dirty = true;
    if (notify) this.cb.onSelect(sel);
  }

  setDropHint(hint: { node: number; ok: boolean } | null): void {
    if (hint?.node === this.dropHint?.node && hint?.ok === this.dropHint?.ok) return;
    this.dropHint = hint;
    this.dirty = true;
  }

  flash(node: number, instance: number, text: string, bad: boolean): void {
    this.flashes.push({ node, instance, text, until: this.time.now + FLASH_MS, color: bad ? THEME.bad : THEME.ok });
    if (this.flashes.length > 6) this.flashes.shift();
  }

  /** The node under a page coordinate (for drops from the DOM), or -1. */
  nodeAtClient(clientX: number, clientY: number): number {
    if (!this.layout) return -1;
    const r = this.game.canvas.getBoundingClientRect();
    const x = clientX - r.left;
    const y = clientY - r.top;
    if (x < 0 || y < 0 || x > r.width || y > r.height) return -1;
    const wp = this.cameras.main.getWorldPoint(x * (this.scale.width / r.width), y * (this.scale.height / r.height));
    return hitTest(this.layout, wp.x, wp.y).node;
  }

  /** Where a node sits on the page (for tooltips and tests), or null. */
  nodeClientBox(id: number): { x: number; y: number; w: number; h: number } | null {
    const n = this.layout?.nodes.find((l) => l.node.id === id);
    return n ? this.toClient(n) : null;
  }

  /** Where an instance's block sits on the page, or null. */
  instanceClientBox(id: number): { x: number; y: number; w: number; h: number } | null {
    for (const n of this.layout?.nodes ?? []) {
      const b = n.blocks.find((x) => x.inst.id === id);
      if (b) return this.toClient(b);
    }
    return null;
  }

  private toClient(n: { x: number; y: number; w: number; h: number }): { x: number; y: number; w: number; h: number } {
    const cam = this.cameras.main;
    const r = this.game.canvas.getBoundingClientRect();
    const sx = r.width / this.scale.width;
    const x = (n.x - cam.worldView.x) * cam.zoom * sx + r.left;
    const y = (n.y - cam.worldView.y) * cam.zoom * sx + r.top;
    return { x, y, w: n.w * cam.zoom * sx, h: n.h * cam.zoom * sx };
  }

  zoomBy(f: number): void {
    this.zoomAt(f, this.scale.width / 2, this.scale.height / 2);
  }

  panBy(dx: number, dy: number): void {
    const cam = this.cameras.main;
    cam.scrollX += dx / cam.zoom;
    cam.scrollY += dy / cam.zoom;
    this.userMoved = true;
  }

  fit(): void {
    if (!this.layout) return;
    const b = this.layout.bounds;
    const cam = this.cameras.main;
    const zoom = Math.min(1.4, Math.max(0.15, Math.min(this.scale.width / b.w, this.scale.height / b.h)));
    cam.setZoom(zoom);
    cam.centerOn(b.x + b.w / 2, b.y + Math.min(b.h, this.scale.height / zoom) / 2);
    this.userMoved = false;
  }

  private zoomAt(f: number, px: number, py: number): void {
    const cam = this.cameras.main;
    const before = cam.getWorldPoint(px, py);
    cam.setZoom(Math.min(3, Math.max(0.1, cam.zoom * f)));
    cam.preRender();
    const after = cam.getWorldPoint(px, py);
    cam.scrollX += before.x - after.x;
    cam.scrollY += before.y - after.y;
    this.userMoved = true;
  }

  override update(time: number): void {
    const cam = this.cameras.main;
    const key = `${Math.round(cam.scrollX)},${Math.round(cam.scrollY)},${cam.zoom.toFixed(3)},${this.scale.width},${this.scale.height}`;
    if (key !== this.camKey) {
      this.camKey = key;
      this.dirty = true;
    }
    // New views redraw at once when zoomed in; zoomed far out (big clusters, nothing to
    // read) at most twice a second. Camera moves, selection and drop hints always at once.
    if (this.viewDirty && (this.detail || time - this.lastDraw > 500)) this.dirty = true;
    if (this.dirty && this.view && this.layout) {
      this.dirty = false;
      this.viewDirty = false;
      this.lastDraw = time;
      this.used.clear();
      this.drawStatic(this.view, this.layout);
      for (const [k, t] of this.texts) t.setVisible(this.used.has(k));
    }
    if (this.view && this.layout) {
      this.traffic.fine = this.fine;
      this.traffic.draw(this.view, this.layout, time);
      this.drawFlashes(this.layout, time);
    }
  }

  private label(key: string, x: number, y: number, text: string, size: number, color: string = THEME.text, bold = false): Phaser.GameObjects.Text {
    let t = this.texts.get(key);
    if (!t) {
      t = this.add.text(x, y, text, { fontFamily: FONT, fontSize: `${size}px`, color, fontStyle: bold ? "bold" : "normal" });
      t.setResolution(2);
      t.setDepth(8);
      this.texts.set(key, t);
    } else {
      if (t.text !== text) t.setText(text);
      if (t.x !== x || t.y !== y) t.setPosition(x, y);
      if (t.style.color !== color) t.setColor(color);
    }
    this.used.add(key);
    return t;
  }

  /** The node and block painter for this redraw, sharing the scene's text pool and state. */
  private painter(): NodePainter {
    return new NodePainter((...a) => this.label(...a), this.selection, this.dropHint, this.detail, this.fine, this.names, this.caps);
  }

  private drawStatic(v: ClusterView, l: Layout): void {
    const g = this.base;
    g.clear();
    const zoom = this.cameras.main.zoom;
    this.detail = zoom >= ZOOM_TEXT;
    this.fine = zoom >= ZOOM_ICONS;
    const labels = zoom >= ZOOM_BLOCK_LABELS;
    // The internet and the load balancer.
    g.fillStyle(0x223246, 1);
    const c = l.internet;
    g.fillCircle(c.x + 40, c.y + 34, 22);
    g.fillCircle(c.x + 70, c.y + 24, 26);
    g.fillCircle(c.x + 100, c.y + 34, 22);
    g.fillRect(c.x + 40, c.y + 30, 60, 26);
    const demand = v.services.reduce((a, s) => a + s.demand, 0);
    const dropped = v.services.reduce((a, s) => a + s.dropped, 0);
    this.label("internet", c.x + 30, c.y + 26, "Internet", 14, THEME.text, true);
    this.label("demand", c.x + 134, c.y + 30, `${demand} req/s`, 13, THEME.text);
    g.fillStyle(0x2d4a6b, 1);
    g.fillRoundedRect(l.lb.x, l.lb.y, l.lb.w, l.lb.h, 8);
    g.lineStyle(2, 0x5b8bc0, 1);
    g.strokeRoundedRect(l.lb.x, l.lb.y, l.lb.w, l.lb.h, 8);
    this.label("lb", l.lb.x + 16, l.lb.y + 13, "Load balancer", 14, THEME.text, true);
    // Where dropped requests go.
    g.fillStyle(dropped > 0 ? 0x4a1f24 : 0x1c2430, 1);
    g.fillRoundedRect(l.sink.x, l.sink.y, l.sink.w, l.sink.h, 6);
    this.label("sink", l.sink.x + 10, l.sink.y + 4, "Dropped", 12, dropped > 0 ? "#ff8a8a" : THEME.dim, true);
    this.label("sinkn", l.sink.x + 10, l.sink.y + 21, `${dropped} req/s`, 12, dropped > 0 ? "#ff8a8a" : THEME.dim);
    // Pending tray.
    const pt = l.pendingTray;
    const pendingCount = v.instances.filter((i) => i.state === "pending").length;
    if (pendingCount > 0) {
      g.fillStyle(0x1c2430, 1);
      g.fillRoundedRect(pt.x, pt.y, pt.w, pt.h, 6);
      g.lineStyle(1, 0x9aa0a6, 0.8);
      g.strokeRoundedRect(pt.x, pt.y, pt.w, pt.h, 6);
      this.label("pendingt", pt.x + 8, pt.y + 6, `Pending: ${pendingCount} (no node fits)`, 12, THEME.text, true);
      for (const b of l.pending) this.painter().drawBlock(g, b, false);
    }
    for (const r of l.racks) {
      g.fillStyle(THEME.rack, 1);
      g.fillRoundedRect(r.x, r.y, r.w, r.h, 6);
      g.lineStyle(2, THEME.rackEdge, 1);
      g.strokeRoundedRect(r.x, r.y, r.w, r.h, 6);
      if (this.detail) this.label(`rack:${r.label}`, r.x + 10, r.y + 6, r.label, 12, THEME.dim, true);
    }
    if (l.nodes.length === 0) this.label("empty", 20, RACKS_TOP + 40, "No nodes yet: buy one in the Build panel (key B).", 14, THEME.dim);
    // Only what the camera sees (with a margin), so big clusters cost what is on screen.
    // worldView is refreshed at render time; bring it up to date with this frame's scroll/zoom.
    this.cameras.main.preRender();
    const wv = this.cameras.main.worldView;
    const m = 40;
    const painter = this.painter();
    for (const n of l.nodes) {
      if (n.x + n.w < wv.x - m || n.x > wv.right + m || n.y + n.h < wv.y - m || n.y > wv.bottom + m) continue;
      painter.drawNode(g, n, labels);
    }
  }

  private drawFlashes(l: Layout, time: number): void {
    const g = this.top;
    g.clear();
    this.flashes = this.flashes.filter((f) => f.until > time);
    let k = 0;
    const stacked = new Map<number, number>();
    const perNode = new Map<number, number>();
    // Newest first; every flash pulses its outline, but at most two sentences per node so
    // a cascade does not bury the node (the ticker and the Log tab keep every line).
    for (const f of [...this.flashes].reverse()) {
      const nl = l.nodes.find((n) => n.node.id === f.node);
      const blk = nl?.blocks.find((b) => b.inst.id === f.instance);
      const box = blk ?? nl;
      const pulse = 0.5 + 0.5 * Math.sin(time / 120);
      if (box) {
        g.lineStyle(4, f.color, 0.4 + 0.6 * pulse);
        g.strokeRect(box.x - 4, box.y - 4, box.w + 8, box.h + 8);
      }
      const shown = perNode.get(f.node) ?? 0;
      perNode.set(f.node, shown + 1);
      if (shown >= 2) continue;
      // Wrapped to the node's width; several flashes on one node stack upwards (above it)
      // or downwards (under the load balancer) instead of printing over each other.
      const key = nl ? nl.node.id : -1;
      const offset = stacked.get(key) ?? 0;
      const t = this.label(`flash${k}`, 0, 0, f.text, 12, "#ffffff", true);
      t.setWordWrapWidth(nl ? nl.w - 8 : 360);
      t.setBackgroundColor(f.color === THEME.bad ? "#8b1e1e" : "#145c36");
      t.setPadding(4, 2, 4, 2);
      if (nl) t.setOrigin(0, 1).setPosition(nl.x, nl.y - 4 - offset);
      else t.setOrigin(0, 0).setPosition(l.lb.x, l.lb.y + l.lb.h + 6 + offset);
      stacked.set(key, offset + t.height + 2);
      t.setDepth(20);
      t.setVisible(true);
      k++;
    }
    for (let j = k; j < 6; j++) this.texts.get(`flash${j}`)?.setVisible(false);
  }
}

