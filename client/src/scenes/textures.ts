/**
 * The art the datacenter scene loads (assets/art and assets/icons, bundled by Vite): which
 * file each texture key comes from and the size it is rasterised at (twice the size it is
 * drawn, so it stays sharp when zoomed in). Icons are white, so the scene tints them.
 */
import type * as Phaser from "phaser";
import type { InstanceState } from "@overcommit/shared";

const ICON_URLS = import.meta.glob("../../../assets/icons/*.svg", {
  query: "?url",
  import: "default",
  eager: true,
}) as Record<string, string>;
const ART_URLS = import.meta.glob("../../../assets/art/*.svg", {
  query: "?url",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** Rasterised sizes (px) of the art, by file name. */
const ART_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  internet: [320, 180],
  "load-balancer": [360, 96],
  registry: [240, 128],
  "vm-block": [144, 92],
  "container-block": [72, 52],
};
const ICON_PX = 48;

const fileName = (path: string): string => path.slice(path.lastIndexOf("/") + 1).replace(/\.svg$/, "");

/** Queues every texture on a scene's loader (call from preload). */
export function loadTextures(load: Phaser.Loader.LoaderPlugin): void {
  for (const [path, url] of Object.entries(ICON_URLS))
    load.svg(fileName(path), url, { width: ICON_PX, height: ICON_PX });
  for (const [path, url] of Object.entries(ART_URLS)) {
    const name = fileName(path);
    const size = ART_SIZES[name];
    if (size) load.svg(name, url, { width: size[0], height: size[1] });
  }
}

/** URL of an icon or a picture, for the DOM (service cards, briefings, the legend). */
export function artUrl(name: string): string | undefined {
  return ICON_URLS[`../../../assets/icons/${name}.svg`] ?? ART_URLS[`../../../assets/art/${name}.svg`];
}

const SERVICE_ICONS = new Set(
  Object.keys(ICON_URLS)
    .map(fileName)
    .filter((n) => n.startsWith("svc-")),
);

/** The emblem texture of a service (by its id), or the generic box. */
export function serviceIcon(id: string): string {
  const k = `svc-${id}`;
  return SERVICE_ICONS.has(k) ? k : "svc-other";
}

export function stateIcon(s: InstanceState): string {
  return s === "gone" ? "st-terminating" : `st-${s}`;
}
