/**
 * How the camera frames the datacenter for "Fit": the zoom and centre that show a box of the
 * world in the stage, and on a narrow stage (a phone) the racks and the load balancer, kept
 * clear of the zoom buttons over the stage when those would sit on them. Plain numbers, no
 * Phaser: the scene applies the result.
 */
import type { Box, Layout } from "./layout.ts";

export interface Frame {
  readonly zoom: number;
  /** The world point at the stage's centre. */
  readonly cx: number;
  readonly cy: number;
}

/** Below this stage width only the machines are fitted; the rest is a pan or a pinch away. */
export const NARROW_STAGE = 560;

/** The racks and the load balancer above them, with its caption. */
export function racksBounds(l: Layout): Box {
  const parts = [...l.racks, l.lb, l.lbCaption];
  const x0 = Math.min(...parts.map((r) => r.x)) - 10;
  const x1 = Math.max(...parts.map((r) => r.x + r.w)) + 10;
  const y0 = l.lb.y - 10;
  const y1 = Math.max(...l.racks.map((r) => r.y + r.h)) + 10;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * Box `b` in a stage of `w`×`h`, leaving `top` and `bottom` stage pixels free: as large as
 * fits (within the zoom limits), centred across; centred in the room left when shorter than
 * it, else from its top.
 */
export function frameBox(b: Box, w: number, h: number, top = 0, bottom = 0): Frame {
  const room = h - top - bottom;
  const zoom = Math.min(1.4, Math.max(0.15, Math.min(w / b.w, room / b.h)));
  const spare = Math.max(0, room / zoom - b.h);
  return { zoom, cx: b.x + b.w / 2, cy: b.y - top / zoom - spare / 2 + h / zoom / 2 };
}

/** Where a world box shows in the stage under frame `f`. */
export function onStage(f: Frame, b: Box, w: number, h: number): Box {
  return { x: (b.x - f.cx) * f.zoom + w / 2, y: (b.y - f.cy) * f.zoom + h / 2, w: b.w * f.zoom, h: b.h * f.zoom };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The fit of layout `l` in a `w`×`h` stage with `controls` (a box in stage pixels, or null)
 * over it. A wide stage shows everything; a narrow one the racks and the load balancer,
 * and if the controls would cover any of those, it leaves their band (along the top or the
 * bottom, whichever they are nearer) free.
 */
export function fitFrame(l: Layout, w: number, h: number, controls: Box | null): Frame {
  const narrow = w < NARROW_STAGE && l.racks.length > 0;
  if (!narrow) return frameBox(l.bounds, w, h);
  const b = racksBounds(l);
  const f = frameBox(b, w, h);
  if (!controls || ![...l.racks, l.lb, l.lbCaption].some((r) => overlaps(onStage(f, r, w, h), controls))) return f;
  return controls.y + controls.h / 2 < h / 2
    ? frameBox(b, w, h, controls.y + controls.h, 0)
    : frameBox(b, w, h, 0, h - controls.y);
}
