/**
 * Looking around the datacenter by hand: drag to pan, wheel or pinch to zoom, tap or click
 * to select, right-click or a finger held still to inspect. A tap that moved (more for a
 * finger than for a mouse) is a pan, and whatever a first finger started stops being a tap
 * when a second one comes down.
 */
import * as Phaser from "phaser";
import { hitTest, type Layout, type Selection } from "./layout.ts";

const LONG_PRESS_MS = 550;

/** What the gestures act on: the scene's view of things, and what a gesture does there. */
export interface GestureHost {
  zoomAt(f: number, px: number, py: number): void;
  /** The camera was moved by hand (a later resize no longer refits). */
  moved(): void;
  layout(): Layout | null;
  select(sel: Selection, notify: boolean): void;
  inspect(sel: Selection): void;
}

export class Gestures {
  private drag: {
    x: number;
    y: number;
    sx: number;
    sy: number;
    moved: boolean;
    at: number;
    inspected: boolean;
  } | null = null;
  private pinch: { dist: number; zoom: number } | null = null;

  constructor(
    private readonly s: Phaser.Scene,
    private readonly h: GestureHost,
  ) {}

  private touches(): Phaser.Input.Pointer[] {
    return [this.s.input.pointer1, this.s.input.pointer2].filter((p): p is Phaser.Input.Pointer => !!p && p.isDown);
  }

  down(p: Phaser.Input.Pointer): void {
    const down = this.touches();
    if (down.length >= 2) {
      // Two fingers: pinch to zoom; whatever the first finger started is no tap.
      const [a, b] = down as [Phaser.Input.Pointer, Phaser.Input.Pointer];
      this.pinch = {
        dist: Math.max(1, Phaser.Math.Distance.Between(a.x, a.y, b.x, b.y)),
        zoom: this.s.cameras.main.zoom,
      };
      if (this.drag) this.drag.moved = true;
      return;
    }
    this.drag = {
      x: p.x,
      y: p.y,
      sx: this.s.cameras.main.scrollX,
      sy: this.s.cameras.main.scrollY,
      moved: false,
      at: this.s.time.now,
      inspected: false,
    };
    if (p.rightButtonDown()) this.inspectAt(p);
  }

  move(p: Phaser.Input.Pointer): void {
    const down = this.touches();
    if (this.pinch && down.length >= 2) {
      const [a, b] = down as [Phaser.Input.Pointer, Phaser.Input.Pointer];
      const dist = Math.max(1, Phaser.Math.Distance.Between(a.x, a.y, b.x, b.y));
      const cam = this.s.cameras.main;
      this.h.zoomAt((this.pinch.zoom * dist) / this.pinch.dist / cam.zoom, (a.x + b.x) / 2, (a.y + b.y) / 2);
      return;
    }
    if (!this.drag || !p.isDown || this.pinch) return;
    const cam = this.s.cameras.main;
    const dx = p.x - this.drag.x;
    const dy = p.y - this.drag.y;
    // A finger wobbles more than a mouse: a tap may move a little.
    if (Math.abs(dx) + Math.abs(dy) > (p.wasTouch ? 10 : 4)) this.drag.moved = true;
    if (this.drag.moved) {
      cam.scrollX = this.drag.sx - dx / cam.zoom;
      cam.scrollY = this.drag.sy - dy / cam.zoom;
      this.h.moved();
    }
  }

  up(p: Phaser.Input.Pointer): void {
    if (this.pinch) {
      if (this.touches().length === 0) this.pinch = null;
      this.drag = null;
      return;
    }
    const layout = this.h.layout();
    if (this.drag && !this.drag.moved && !this.drag.inspected && layout && !p.rightButtonReleased()) {
      const wp = this.s.cameras.main.getWorldPoint(p.x, p.y);
      this.h.select(hitTest(layout, wp.x, wp.y), true);
    }
    this.drag = null;
  }

  private inspectAt(p: Phaser.Input.Pointer): void {
    const layout = this.h.layout();
    if (!layout || !this.drag) return;
    this.drag.inspected = true;
    const wp = this.s.cameras.main.getWorldPoint(p.x, p.y);
    const sel = hitTest(layout, wp.x, wp.y);
    this.h.select(sel, false);
    this.h.inspect(sel);
  }

  /** A finger held still on the datacenter: inspect what is under it (once per press). */
  longPress(time: number): void {
    if (this.drag && !this.drag.moved && !this.drag.inspected && !this.pinch && time - this.drag.at > LONG_PRESS_MS) {
      const p = this.s.input.activePointer;
      if (p.isDown && p.wasTouch) this.inspectAt(p);
    }
  }
}
