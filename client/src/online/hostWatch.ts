/**
 * The instructor watches one student's datacenter beside the leaderboard: "Watch" on a row
 * asks the server to spectate that cluster, and the same renderer as the play screen draws
 * it here (Phaser is loaded the first time). The choice is asked for again after a
 * reconnection, and forgotten when a new round starts.
 */
import { h } from "../ui/dom.ts";
import type { RoomState } from "./classroom.ts";
import { clusterToView } from "./onlineGame.ts";
import { findScenario } from "../game/scenarios.ts";
import type { Send } from "./hostStudents.ts";
import type { DatacenterScene } from "../scenes/datacenterScene.ts";

export interface HostWatch {
  readonly el: HTMLElement;
  /** The cluster being watched ("" for none). */
  watching(): string;
  watch(cluster: string, at?: Element): void;
  update(s: RoomState): void;
  /** After a reconnection: ask for the same cluster again. */
  again(): void;
  destroy(): void;
}

export function hostWatch(send: Send): HostWatch {
  const title = h("h2", { id: "watch-title" }, "Watch a datacenter");
  const hint = h(
    "p",
    { class: "dim watch-hint" },
    "Press “Watch” on a row of the leaderboard to see that datacenter here, live.",
  );
  const stage = h("div", { class: "spectate-stage", id: "spectate", hidden: true });
  const stop = h("button", { class: "small", id: "watch-stop", hidden: true }, "Stop watching");
  const el = h("section", { class: "host-watch" }, h("div", { class: "watch-head" }, title, stop), hint, stage);
  let chosen = "";
  let dc: { scene: DatacenterScene; destroy(): void } | null = null;
  let loading = false;
  let destroyed = false;
  let last: RoomState | null = null;
  let round = 0;

  const draw = (s: RoomState) => {
    const id = Object.keys(s.clusters)[0];
    stage.hidden = !id;
    hint.hidden = !!id || !!chosen;
    stop.hidden = !chosen;
    title.textContent = chosen ? `Watching ${s.rows[chosen]?.name ?? "…"}` : "Watch a datacenter";
    if (!id) return;
    const sc = findScenario(s.scenario);
    if (!sc) return;
    const view = clusterToView(s.clusters[id]!);
    if (dc) dc.scene.setView(view, sc);
    else if (!loading) {
      loading = true;
      void import("../scenes/boot.ts").then(async ({ startDatacenter }) => {
        const started = await startDatacenter(stage, () => {});
        if (destroyed) return started.destroy();
        dc = started;
        if (last) draw(last);
      });
    }
  };

  const api: HostWatch = {
    el,
    watching: () => chosen,
    watch(cluster, at) {
      chosen = cluster;
      void send("spectate", { cluster }).then((r) => {
        if (r && !r.ok && at) chosen = "";
      });
      if (last) draw(last);
      // On a narrow screen the datacenter is below the board: bring it into view.
      if (cluster && window.innerWidth < 900) el.scrollIntoView({ behavior: "smooth", block: "start" });
    },
    update(s) {
      last = s;
      if (s.round !== round) {
        round = s.round;
        chosen = "";
      }
      if (chosen && !s.rows[chosen]) chosen = "";
      draw(s);
    },
    again() {
      if (chosen) void send("spectate", { cluster: chosen });
    },
    destroy() {
      destroyed = true;
      dc?.destroy();
    },
  };
  stop.addEventListener("click", () => api.watch(""));
  return api;
}
