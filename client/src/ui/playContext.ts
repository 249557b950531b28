/**
 * What the play screen's panels share: the running game, the current selection, the
 * service "armed" for placing, and `send`, which shows a refusal where the player looks.
 */
import type { Command, Runtime, Scenario } from "@overcommit/shared";
import type { GameSource } from "../solo/gameSource.ts";
import type { DatacenterScene, Selection } from "../scenes/datacenterScene.ts";
import { toast, type ToastAt } from "./dom.ts";
import { sound } from "../audio/sound.ts";

export interface Armed {
  readonly service: number;
  readonly runtime: Runtime;
}

export class PlayContext {
  selection: Selection = { node: -1, instance: -1 };
  armed: Armed | null = null;
  scene: DatacenterScene | null = null;
  private readonly changeListeners = new Set<() => void>();

  constructor(
    readonly game: GameSource,
    readonly scenario: Scenario,
  ) {}

  /** Sends a command; a refusal is shown beside `at` (the button or drop point). */
  send(cmd: Command, at?: Element | ToastAt | null, okText?: string): boolean {
    // Where the toast goes is decided now: the anchor may be gone when a server replies.
    const point =
      at instanceof Element
        ? (() => {
            const r = at.getBoundingClientRect();
            return { x: r.left, y: r.bottom + 6 };
          })()
        : (at ?? null);
    const show = (r: { ok: boolean; message?: string }) => {
      if (!r.ok) {
        toast(r.message ?? "Refused.", "bad", point);
        sound.play("refused");
      } else if (okText) toast(okText, "ok", point);
    };
    const r = this.game.send(cmd);
    if (r instanceof Promise) {
      void r.then(show);
      return true;
    }
    show(r);
    return r.ok;
  }

  select(sel: Selection, fromScene = false): void {
    this.selection = sel;
    if (!fromScene) this.scene?.setSelection(sel, false);
    this.changed();
  }

  arm(a: Armed | null): void {
    this.armed = a;
    this.changed();
  }

  onChange(f: () => void): void {
    this.changeListeners.add(f);
  }

  changed(): void {
    for (const f of this.changeListeners) f();
  }

  serviceName(s: number): string {
    return this.scenario.services[s]?.name ?? `service ${s}`;
  }
}
