/**
 * A student in a classroom: the join form, then the lobby (who is in), the play screen on
 * their own cluster while the round runs (the HUD says when the instructor pauses), and
 * the podium at the end. The seat token is kept per code, so a refresh of `#/class/CODE`
 * returns to the same seat and cluster.
 */
import { clock } from "@overcommit/shared";
import { fmtMoney, h, rebuild } from "../ui/dom.ts";
import type { Nav } from "../ui/nav.ts";
import { Classroom, joinErrorText, leaveText, savedSeatToken, type RoomState } from "./classroom.ts";
import { connectionBanner } from "./connectionBanner.ts";
import { joinScreen } from "./joinScreen.ts";
import { OnlineGame, clusterToView } from "./onlineGame.ts";
import { gameScreen, type Screen } from "../ui/playScreen.ts";
import { findScenario } from "../game/scenarios.ts";
import { leaderboardTable, sortedRows } from "./leaderboard.ts";

/** Joins (or rejoins with the saved seat) and follows the room through its phases. */
export function studentScreen(nav: Nav, code: string, nickname: string, mount: (el: HTMLElement) => void): Screen {
  const root = h("div", { class: "online-root" }, h("main", { class: "screen narrow" }, h("p", {}, `Joining class ${code}…`)));
  let room: Classroom | null = null;
  let play: Screen | null = null;
  let phaseShown = "";
  let destroyed = false;
  const fail = (text: string) => {
    rebuild(root, h("main", { class: "screen narrow" }, h("h1", {}, "Could not join"), h("p", { class: "why" }, text), h("div", { class: "row" }, h("button", { onclick: () => mount(joinScreen(nav, code)) }, "Try again"), h("button", { onclick: () => nav.menu() }, "Menu"))));
  };
  const render = (s: RoomState) => {
    const cluster = room?.clusterId ?? "";
    const raw = cluster ? s.clusters[cluster] : undefined;
    if ((s.phase === "running" || s.phase === "paused") && raw) {
      if (play) return;
      const sc = findScenario(s.scenario);
      if (!sc || !room) return fail(`This page does not know the scenario "${s.scenario}"; reload it.`);
      const game = new OnlineGame(sc, room, cluster, clusterToView(raw));
      play = gameScreen(game, { coach: false, startHint: "", quit: () => confirm("Leave the class? Rejoin with the same code to get your cluster back.") && nav.menu(), finished: () => "The round is over." });
      game.start();
      rebuild(root, play.el);
      phaseShown = "play";
      return;
    }
    if (s.phase === "ended") {
      if (phaseShown === "ended") return;
      play?.destroy();
      play = null;
      phaseShown = "ended";
      const top = sortedRows(s).slice(0, 3);
      rebuild(
        root,
        h("main", { class: "screen", id: "podium" }, h("h1", {}, `Round over — ${s.title}`), h("ol", { class: "podium" }, top.map((r) => h("li", {}, h("strong", {}, r.name), ` ${fmtMoney(r.score)}`))), leaderboardTable(s), h("p", {}, h("button", { onclick: () => nav.menu() }, "Menu"))),
      );
      return;
    }
    if (play) return;
    phaseShown = "lobby";
    rebuild(
      root,
      h(
        "main",
        { class: "screen narrow", id: "lobby" },
        h("h1", {}, `Class ${s.code}`),
        h("p", {}, `${s.title} · ${Math.round(s.length / 60)} simulated minutes`),
        h("p", { class: "first-step" }, s.phase === "lobby" ? "You are in. Waiting for the instructor to start the round…" : `Round in progress (${clock(s.tick)}): your cluster is being set up…`),
        h("h2", {}, `In the room (${Object.keys(s.seats).length})`),
        h("ul", { class: "seats" }, Object.values(s.seats).map((seat) => h("li", { class: seat.connected ? "" : "dim" }, seat.nickname, seat.team ? ` · team ${seat.team}` : ""))),
      ),
    );
  };
  // Joins (a refresh finds the seat by its saved token). A dropped connection is
  // re-established by Classroom itself; the banner says so meanwhile.
  let banner: { destroy(): void } | null = null;
  const connect = (attempt: number): void => {
    Classroom.join(code, { nickname })
      .then((c) => {
        if (destroyed) return c.leave();
        room = c;
        banner = connectionBanner(c);
        let kicked = false;
        c.on("kicked", (b) => {
          kicked = true;
          play?.destroy();
          fail((b as { message?: string }).message ?? "The instructor removed you from the class.");
        });
        c.on("leave", (codeNum) => {
          if (kicked || destroyed || phaseShown === "ended") return;
          play?.destroy();
          play = null;
          phaseShown = "";
          fail(leaveText(codeNum as number));
        });
        c.onState(render);
      })
      .catch((e) => {
        // The first join: a server that is restarting answers again in a moment.
        if (attempt < 3 && !destroyed && !(e as { code?: number }).code) return void setTimeout(() => connect(attempt + 1), 1000 * (attempt + 1));
        fail(joinErrorText(e));
      });
  };
  connect(0);
  return {
    el: root,
    destroy() {
      destroyed = true;
      play?.destroy();
      banner?.destroy();
      room?.leave();
    },
  };
}

export { savedSeatToken };
