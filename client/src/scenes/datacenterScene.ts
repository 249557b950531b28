/**
 * The datacenter, drawn with Phaser 4 (WebGL). It is given ClusterViews (the same shape
 * in solo and online play) and draws the internet, the load balancer and the image
 * registry, racks of nodes with their CPU and memory bars, host mode and overhead, VM and
 * container blocks by state, traffic from the internet through the load balancer, images
 * streaming from the registry to nodes that pull them, and incidents as bursts with their
 * icon. Input here is only looking around (zoom, pan, pinch) and selecting; everything that
 * changes the world goes through the DOM and commands. Sentences go to the DOM's event feed,
 * never over the machines.
 *
 * Static parts are redrawn when a new view arrives, the camera moves or a block is popping
 * in, into a screen-sized render texture that the other frames only show (Phaser replays a
 * Graphics object's commands every frame, so drawing a big cluster live would cost its
 * whole drawing every frame). A camera of its own shows that texture under the world
 * camera, which draws only what moves: traffic, incident bursts, image streams. Large
 * clusters also stay fast by level of detail (no text, icons or textures when zoomed far
 * out, where they would be unreadable anyway; traffic then joins the cached picture) and by
 * skipping nodes off screen.
 *
 * Its parts: gestures.ts (looking around and selecting), hallPainter.ts (internet, load
 * balancer, registry, racks), nodePainter.ts (nodes and their blocks), trafficPainter.ts
 * and flashPainter.ts (incidents).
 */
import * as Phaser from "phaser";
import type { ClusterView, Scenario } from "@overcommit/shared";
import { THEME } from "../game/palette.ts";
import { hitTest, layoutCluster, type Box, type Layout, type Selection } from "./layout.ts";
import { fitFrame } from "./framing.ts";
import { NodePainter, type PaintContext } from "./nodePainter.ts";
import { TrafficPainter } from "./trafficPainter.ts";
import { paintHall } from "./hallPainter.ts";
import { Gestures } from "./gestures.ts";
import { paintFlashes, type Flash } from "./flashPainter.ts";
import { loadTextures } from "./textures.ts";

export type { Selection };

export interface SceneCallbacks {
  onSelect(sel: Selection): void;
  /** A long press (touch) or a right click: select and show the details. */
  onInspect?(sel: Selection): void;
  onReady(): void;
  /** The box the controls over the stage take (the zoom buttons), in CSS pixels from its corner. */
  controls?(): Box;
}

const FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
const FLASH_MS = 3500;
const POP_MS = 280;
/** Zoom levels from which node texts, and icons, textures and hatching, are drawn. */
const ZOOM_TEXT = 0.5;
const ZOOM_ICONS = 0.35;

export class DatacenterScene extends Phaser.Scene {
  private view: ClusterView | null = null;
  private layout: Layout | null = null;
  private base!: Phaser.GameObjects.Graphics;
  private over!: Phaser.GameObjects.Graphics;
  private flow!: Phaser.GameObjects.Graphics;
  /** Traffic drawn once per redraw into the cache (zoomed far out, where nothing moves). */
  private flowStatic!: Phaser.GameObjects.Graphics;
  /** The cached picture of everything static, and the camera that shows it. */
  private rt!: Phaser.GameObjects.RenderTexture;
  private bgCam!: Phaser.Cameras.Scene2D.Camera;
  private traffic!: TrafficPainter;
  private top!: Phaser.GameObjects.Graphics;
  private texts = new Map<string, Phaser.GameObjects.Text>();
  private images = new Map<string, Phaser.GameObjects.Image>();
  private used = new Set<string>();
  private dirty = false;
  private viewDirty = false;
  private lastDraw = 0;
  private selection: Selection = { node: -1, instance: -1 };
  private dropHint: { node: number; ok: boolean } | null = null;
  private flashes: Flash[] = [];
  private userMoved = false;
  private lastBounds = "";
  private gestures!: Gestures;
  private scenario: Scenario | null = null;
  private serviceIds: readonly string[] = [];
  private camKey = "";
  private detail = true;
  private fine = true;
  private caps: readonly number[] = [];
  private provision = 90;
  /** When each instance first appeared (for its pop-in); ids seen in the last view. */
  private born = new Map<number, number>();
  private known = new Set<number>();
  private popping = false;

  constructor(private readonly cb: SceneCallbacks) {
    super("datacenter");
  }

  preload(): void {
    loadTextures(this.load);
  }

  create(): void {
    this.base = this.add.graphics();
    this.flowStatic = this.add.graphics();
    this.flow = this.add.graphics().setDepth(1);
    this.over = this.add.graphics().setDepth(3);
    this.traffic = new TrafficPainter();
    this.top = this.add.graphics().setDepth(10);
    // The cache and its camera, drawn first (under the world camera, which is transparent).
    const { width, height } = this.scale;
    this.rt = this.add.renderTexture(0, 0, width, height).setOrigin(0, 0);
    this.bgCam = this.cameras.add(0, 0, width, height);
    this.bgCam.setBackgroundColor(THEME.bg);
    const cams = this.cameras.cameras;
    cams.splice(cams.indexOf(this.bgCam), 1);
    cams.unshift(this.bgCam);
    this.cameras.main.ignore([this.base, this.flowStatic, this.over, this.rt]);
    this.bgCam.ignore([this.base, this.flowStatic, this.flow, this.over, this.top]);
    // A second touch point, for pinching.
    this.input.addPointer(1);
    this.input.mouse?.disableContextMenu();
    this.gestures = new Gestures(this, {
      zoomAt: (f, px, py) => this.zoomAt(f, px, py),
      moved: () => (this.userMoved = true),
      layout: () => this.layout,
      select: (sel, notify) => this.setSelection(sel, notify),
      inspect: (sel) => this.cb.onInspect?.(sel),
    });
    this.input.on("pointerdown", (p: Phaser.Input.Pointer) => this.gestures.down(p));
    this.input.on("pointermove", (p: Phaser.Input.Pointer) => this.gestures.move(p));
    this.input.on("pointerup", (p: Phaser.Input.Pointer) => this.gestures.up(p));
    this.input.on("wheel", (p: Phaser.Input.Pointer, _o: unknown, _dx: number, dy: number) => {
      this.zoomAt(dy > 0 ? 1 / 1.15 : 1.15, p.x, p.y);
    });
    this.scale.on("resize", (size: Phaser.Structs.Size) => {
      this.rt.resize(size.width, size.height);
      this.bgCam.setSize(size.width, size.height);
      this.dirty = true;
      if (!this.userMoved) this.fit();
    });
    this.cb.onReady();
  }

  /** A new view of the cluster; the scenario gives the services' emblems and capacities. */
  setView(view: ClusterView, scenario: Scenario): void {
    const now = this.time?.now ?? 0;
    // Blocks that were not in the last view pop in (not the very first view: nothing pops at load).
    const first = this.view === null;
    const seen = new Set<number>();
    for (const i of view.instances) {
      seen.add(i.id);
      if (!first && !this.known.has(i.id)) this.born.set(i.id, now);
    }
    this.known = seen;
    this.view = view;
    if (this.scenario !== scenario) {
      this.scenario = scenario;
      this.serviceIds = scenario.services.map((s) => s.id);
      this.caps = scenario.services.map((s) => s.capacity);
      this.provision = scenario.timings.nodeProvision;
    }
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

  /** An incident (bad) or a recovery at a node or instance: a burst with its icon, then a pulsing outline. */
  flash(node: number, instance: number, icon: string, bad: boolean): void {
    const now = this.time.now;
    this.flashes.push({ node, instance, icon, color: bad ? THEME.bad : THEME.ok, start: now, until: now + FLASH_MS });
    if (this.flashes.length > 12) this.flashes.shift();
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

  /** Where the load balancer and its caption sit on the page (for tests), or null. */
  loadBalancerClientBox(): { x: number; y: number; w: number; h: number } | null {
    const l = this.layout;
    if (!l) return null;
    const x = Math.min(l.lb.x, l.lbCaption.x);
    const y = l.lb.y;
    return this.toClient({
      x,
      y,
      w: Math.max(l.lb.x + l.lb.w, l.lbCaption.x + l.lbCaption.w) - x,
      h: l.lbCaption.y + l.lbCaption.h - y,
    });
  }

  /** Where an instance's block sits on the page, or null. */
  instanceClientBox(id: number): { x: number; y: number; w: number; h: number } | null {
    for (const n of this.layout?.nodes ?? []) {
      const b = n.blocks.find((x) => x.inst.id === id);
      if (b) return this.toClient(b);
    }
    return null;
  }

  /** Where the internet, the load balancer and the registry sit on the page (tests check nothing covers them). */
  landmarks(): Record<"internet" | "lb" | "registry", { x: number; y: number; w: number; h: number }> | null {
    const l = this.layout;
    return l
      ? { internet: this.toClient(l.internet), lb: this.toClient(l.lb), registry: this.toClient(l.registry) }
      : null;
  }

  /** Node labels that reach outside their node's box (none should: labels are never cut or spilled). */
  labelsOutside(): string[] {
    const out: string[] = [];
    for (const n of this.layout?.nodes ?? []) {
      for (const [k, t] of this.texts) {
        if (!t.visible || !k.startsWith(`n${n.node.id}:`)) continue;
        const b = t.getBounds();
        if (b.x < n.x - 1 || b.right > n.x + n.w + 1 || b.y < n.y - 1 || b.bottom > n.y + n.h + 1)
          out.push(`${k} "${t.text}"`);
      }
    }
    return out;
  }

  private toClient(n: { x: number; y: number; w: number; h: number }): { x: number; y: number; w: number; h: number } {
    const cam = this.cameras.main;
    cam.preRender();
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
    const { width, height } = this.scale;
    // The controls' box comes in CSS pixels; the stage's may differ.
    const px = height / (this.game.canvas.clientHeight || height);
    const c = this.cb.controls?.() ?? null;
    const f = fitFrame(this.layout, width, height, c ? { x: c.x * px, y: c.y * px, w: c.w * px, h: c.h * px } : null);
    const cam = this.cameras.main;
    cam.setZoom(f.zoom);
    cam.centerOn(f.cx, f.cy);
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
    this.gestures.longPress(time);
    // New views redraw at once when zoomed in; zoomed far out (big clusters, nothing to
    // read) at most twice a second. Camera moves, selection, drop hints and pops at once.
    if (this.viewDirty && (this.detail || time - this.lastDraw > 500)) this.dirty = true;
    if (this.popping) this.dirty = true;
    if (this.dirty && this.view && this.layout) {
      this.dirty = false;
      this.viewDirty = false;
      this.lastDraw = time;
      this.used.clear();
      this.drawStatic(this.view, this.layout, time);
      for (const [k, t] of this.texts) t.setVisible(this.used.has(k));
      for (const [k, i] of this.images) if (!k.startsWith("fx")) i.setVisible(this.used.has(k));
      // Far out nothing moves on the lines: they join the cached picture.
      this.flowStatic.clear();
      if (!this.fine)
        this.traffic.draw(this.flowStatic, this.view, this.layout, time, this.cameras.main.worldView, false);
      this.paintCache();
    }
    if (this.view && this.layout) {
      this.flow.clear();
      if (this.fine) this.traffic.draw(this.flow, this.view, this.layout, time, this.cameras.main.worldView);
      this.top.clear();
      this.flashes = paintFlashes(
        this.top,
        this.flashes,
        this.layout,
        time,
        this.fine,
        (...a) => this.image(...a),
        this.images,
      );
    }
  }

  /** Draws the static layer, as the world camera sees it now, into the cache. */
  private paintCache(): void {
    const cam = this.cameras.main;
    const rc = this.rt.camera;
    rc.setZoom(cam.zoom);
    rc.setScroll(cam.scrollX, cam.scrollY);
    this.rt.clear();
    this.rt.draw(this.base);
    this.rt.draw(this.flowStatic);
    const shown = (min: number, max: number) =>
      [...this.images.entries()]
        .filter(([k, im]) => !k.startsWith("fx") && im.visible && im.depth >= min && im.depth < max)
        .map(([, im]) => im);
    this.rt.draw(shown(0, 3));
    this.rt.draw(this.over);
    this.rt.draw(shown(3, 10));
    this.rt.draw([...this.texts.values()].filter((t) => t.visible));
    this.rt.render();
  }

  private label(
    key: string,
    x: number,
    y: number,
    text: string,
    size: number,
    color: string = THEME.text,
    bold = false,
  ): Phaser.GameObjects.Text {
    let t = this.texts.get(key);
    if (!t) {
      t = this.add.text(x, y, text, {
        fontFamily: FONT,
        fontSize: `${size}px`,
        color,
        fontStyle: bold ? "bold" : "normal",
      });
      t.setResolution(2);
      t.setDepth(8);
      this.cameras.main.ignore(t);
      this.bgCam.ignore(t);
      this.texts.set(key, t);
    } else {
      if (t.text !== text) t.setText(text);
      if (t.x !== x || t.y !== y) t.setPosition(x, y);
      if (t.style.color !== color) t.setColor(color);
    }
    this.used.add(key);
    return t;
  }

  private image(
    key: string,
    texture: string,
    x: number,
    y: number,
    w: number,
    h: number,
    tint = 0xffffff,
    alpha = 1,
    depth = 2,
  ): Phaser.GameObjects.Image {
    let im = this.images.get(key);
    if (!im) {
      im = this.add.image(x, y, texture).setOrigin(0, 0);
      // Static images live in the cache; incident icons (fx…) are drawn live.
      if (!key.startsWith("fx")) this.cameras.main.ignore(im);
      this.bgCam.ignore(im);
      this.images.set(key, im);
    } else if (im.texture.key !== texture) im.setTexture(texture);
    if (im.depth !== depth) im.setDepth(depth);
    im.setPosition(x, y).setDisplaySize(w, h).setTint(tint).setAlpha(alpha);
    this.used.add(key);
    return im;
  }

  private popScale(id: number, time: number): number {
    const at = this.born.get(id);
    if (at === undefined) return 1;
    const t = (time - at) / POP_MS;
    if (t >= 1) {
      this.born.delete(id);
      return 1;
    }
    this.popping = true;
    // Ease out with a little overshoot: the block lands.
    const u = t - 1;
    return 1 + 2.2 * u * u * u + 1.2 * u * u;
  }

  /** The node and block painter for this redraw, sharing the scene's text and image pools. */
  private painter(time: number): NodePainter {
    const ctx: PaintContext = {
      label: (...a) => this.label(...a),
      image: (...a) => this.image(...a),
      over: this.over,
      selection: this.selection,
      dropHint: this.dropHint,
      detail: this.detail,
      fine: this.fine,
      serviceIds: this.serviceIds,
      caps: this.caps,
      provision: this.provision,
      // Far out nothing pops (nothing could be seen popping, and it would cost redraws).
      popScale: (id) => (this.fine ? this.popScale(id, time) : 1),
    };
    return new NodePainter(ctx);
  }

  private drawStatic(v: ClusterView, l: Layout, time: number): void {
    const g = this.base;
    g.clear();
    this.over.clear();
    this.popping = false;
    const zoom = this.cameras.main.zoom;
    this.detail = zoom >= ZOOM_TEXT;
    this.fine = zoom >= ZOOM_ICONS;
    const painter = this.painter(time);
    paintHall(painter, g, v, l);
    // Only what the camera sees (with a margin), so big clusters cost what is on screen.
    // worldView is refreshed at render time; bring it up to date with this frame's scroll/zoom.
    this.cameras.main.preRender();
    const wv = this.cameras.main.worldView;
    const m = 40;
    for (const n of l.nodes) {
      if (n.x + n.w < wv.x - m || n.x > wv.right + m || n.y + n.h < wv.y - m || n.y > wv.bottom + m) continue;
      painter.drawNode(g, n);
    }
  }
}
