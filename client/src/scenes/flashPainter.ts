/**
 * Incidents in the datacenter: every flash pulses the outline of what it hit, newest first;
 * in its first moments a ring bursts out and the incident's icon rises from the spot. The
 * sentence itself is in the event feed. Drawn live (not cached), on the top layer.
 */
import type * as Phaser from "phaser";
import type { Layout } from "./layout.ts";
import type { ImageFn } from "./nodePainter.ts";

/** What an incident looks like in the datacenter: its icon and colour. */
export interface Flash {
  readonly node: number;
  readonly instance: number;
  readonly icon: string;
  readonly color: number;
  readonly start: number;
  readonly until: number;
}

/** Draws the flashes still on at `time` and returns them (the others are over). */
export function paintFlashes(
  g: Phaser.GameObjects.Graphics,
  all: readonly Flash[],
  l: Layout,
  time: number,
  fine: boolean,
  image: ImageFn,
  images: ReadonlyMap<string, Phaser.GameObjects.Image>,
): Flash[] {
  const flashes = all.filter((f) => f.until > time);
  const shown = new Set<string>();
  // Newest first; every flash pulses its outline; the first moments burst out with the
  // incident's icon rising from the spot. The sentence itself is in the event feed.
  flashes.forEach((f, k) => {
    const nl = l.nodes.find((n) => n.node.id === f.node);
    const blk = nl?.blocks.find((b) => b.inst.id === f.instance);
    const box = blk ?? nl;
    const key = `fx${k}`;
    if (!box) return;
    const age = time - f.start;
    const pulse = 0.5 + 0.5 * Math.sin(time / 120);
    g.lineStyle(4, f.color, 0.4 + 0.6 * pulse);
    g.strokeRect(box.x - 4, box.y - 4, box.w + 8, box.h + 8);
    const cx = box.x + box.w / 2;
    const cy = box.y + Math.min(box.h / 2, 40);
    if (age < 500) {
      const t = age / 500;
      g.lineStyle(3, f.color, 1 - t);
      g.strokeCircle(cx, cy, 10 + 50 * t);
    }
    if (age < 1600 && fine) {
      const t = age / 1600;
      const size = 30;
      image(key, f.icon, cx - size / 2, cy - size / 2 - 40 * t, size, size, f.color, 1 - t * t, 12).setVisible(true);
      shown.add(key);
    }
  });
  for (const [k, im] of images) if (k.startsWith("fx") && !shown.has(k)) im.setVisible(false);
  return flashes;
}
