/**
 * State icons drawn with Graphics (no font needed, crisp at any zoom): each instance
 * state has its own shape, so a state reads even without its colour.
 */
import type * as Phaser from "phaser";
import type { IconShape } from "../game/palette.ts";

export function drawIcon(
  g: Phaser.GameObjects.Graphics,
  shape: IconShape,
  cx: number,
  cy: number,
  r: number,
  color: number,
): void {
  g.lineStyle(Math.max(1.5, r / 3), color, 1);
  g.fillStyle(color, 1);
  switch (shape) {
    case "hourglass":
      g.fillTriangle(cx - r, cy - r, cx + r, cy - r, cx, cy);
      g.fillTriangle(cx - r, cy + r, cx + r, cy + r, cx, cy);
      break;
    case "arrow-down":
      g.lineBetween(cx, cy - r, cx, cy + r * 0.2);
      g.fillTriangle(cx - r * 0.8, cy, cx + r * 0.8, cy, cx, cy + r);
      break;
    case "power":
      g.beginPath();
      g.arc(cx, cy + r * 0.1, r * 0.85, -Math.PI * 0.3, Math.PI * 1.3, false);
      g.strokePath();
      g.lineBetween(cx, cy - r, cx, cy);
      break;
    case "check":
      g.beginPath();
      g.moveTo(cx - r, cy);
      g.lineTo(cx - r * 0.25, cy + r * 0.75);
      g.lineTo(cx + r, cy - r * 0.7);
      g.strokePath();
      break;
    case "cross":
      g.lineBetween(cx - r, cy - r, cx + r, cy + r);
      g.lineBetween(cx - r, cy + r, cx + r, cy - r);
      break;
    case "clock":
      g.strokeCircle(cx, cy, r);
      g.lineBetween(cx, cy, cx, cy - r * 0.7);
      g.lineBetween(cx, cy, cx + r * 0.55, cy);
      break;
    case "swap":
      g.lineBetween(cx - r, cy - r * 0.45, cx + r * 0.6, cy - r * 0.45);
      g.fillTriangle(cx + r * 0.4, cy - r, cx + r * 0.4, cy + r * 0.1, cx + r, cy - r * 0.45);
      g.lineBetween(cx + r, cy + r * 0.45, cx - r * 0.6, cy + r * 0.45);
      g.fillTriangle(cx - r * 0.4, cy - r * 0.1, cx - r * 0.4, cy + r, cx - r, cy + r * 0.45);
      break;
    case "slash":
      g.strokeCircle(cx, cy, r);
      g.lineBetween(cx - r * 0.7, cy + r * 0.7, cx + r * 0.7, cy - r * 0.7);
      break;
    case "minus":
      g.fillRect(cx - r, cy - r * 0.25, 2 * r, r * 0.5);
      break;
  }
}

/** Diagonal hatching inside a box (overheads, provisioning, cordons). */
export function hatch(
  g: Phaser.GameObjects.Graphics,
  x: number,
  y: number,
  w: number,
  h: number,
  color: number,
  alpha: number,
  step = 6,
): void {
  if (w <= 0 || h <= 0) return;
  g.lineStyle(1, color, alpha);
  for (let d = -h; d < w; d += step) {
    const x0 = Math.max(x, x + d);
    const y0 = y + (x0 - (x + d));
    const x1 = Math.min(x + w, x + d + h);
    const y1 = y + (x1 - (x + d));
    if (x1 > x0) g.lineBetween(x0, y + h - (y0 - y), x1, y + h - (y1 - y));
  }
}
