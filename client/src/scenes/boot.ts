/**
 * Starts Phaser with the datacenter scene inside a DOM element. This module (and Phaser
 * with it) is imported lazily by the play screen, so the menu loads without it.
 */
import * as Phaser from "phaser";
import { DatacenterScene, type Selection } from "./datacenterScene.ts";
import type { Box } from "./layout.ts";

export interface DatacenterInput {
  onSelect(s: Selection): void;
  /** A long press (touch) or a right click on something. */
  onInspect?(s: Selection): void;
  /** The box the controls over the stage take (the zoom buttons), in CSS pixels from its corner. */
  controls?(): Box;
}

export interface Datacenter {
  readonly scene: DatacenterScene;
  destroy(): void;
}

export function startDatacenter(
  parent: HTMLElement,
  input: DatacenterInput | ((s: Selection) => void),
): Promise<Datacenter> {
  const { onSelect, onInspect, controls } = typeof input === "function" ? { onSelect: input } : input;
  return new Promise((resolve) => {
    let game: Phaser.Game | null = null;
    const scene = new DatacenterScene({
      onSelect,
      ...(onInspect ? { onInspect } : {}),
      ...(controls ? { controls } : {}),
      onReady: () => resolve({ scene, destroy: () => game?.destroy(true) }),
    });
    game = new Phaser.Game({
      // WebGL: Phaser 4's Canvas renderer is deprecated; headless Chromium uses SwiftShader.
      type: Phaser.WEBGL,
      parent,
      backgroundColor: "#0e141b",
      banner: false,
      scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 800, height: parent.clientHeight || 600 },
      input: { keyboard: false },
      render: { antialias: true },
      scene: [scene],
    });
  });
}
