/**
 * The projector view: readable from the back of a room — the join code, the clock, the
 * live leaderboard and the class's incidents, in large type. Read-only (projector key).
 */
import { clock } from "@overcommit/shared";
import { h, rebuild } from "../ui/dom.ts";
import { Classroom, joinErrorText, type RoomState } from "./classroom.ts";
import { connectionBanner } from "./connectionBanner.ts";
import { leaderboardTable } from "./leaderboard.ts";
import type { Screen } from "../ui/playScreen.ts";
import { renderSVG } from "uqr";

export function projectorScreen(code: string, key: string): Screen {
  const root = h("main", { class: "projector", id: "projector" }, h("p", {}, "Connecting…"));
  const incidents: string[] = [];
  const joinUrl = `${location.origin}${location.pathname}#/class/${code.toUpperCase()}`;
  const qr = h("div", { class: "qr", role: "img", "aria-label": `QR code for ${joinUrl}` });
  qr.innerHTML = renderSVG(joinUrl, { pixelSize: 5 });
  let room: Classroom | null = null;
  let banner: { destroy(): void } | null = null;
  let destroyed = false;
  // The big screen needs no more than a few refreshes a second.
  let last = 0;
  const render = (s: RoomState) => {
    const now = performance.now();
    if (now - last < 250 && s.phase === "running") return;
    last = now;
    draw(s);
  };
  const draw = (s: RoomState) =>
    rebuild(
      root,
      h("header", { class: "proj-head" }, h("div", { class: "row" }, qr, h("div", {}, h("div", { class: "dim" }, "Join with code"), h("div", { class: "join-code" }, s.code))), h("div", { class: "proj-title" }, s.title), h("div", { class: "proj-clock" }, s.phase === "lobby" ? `${Object.keys(s.seats).length} joined` : `${clock(s.tick)} / ${clock(s.length)}${s.phase === "paused" ? " · paused" : s.phase === "ended" ? " · over" : ""}`)),
      h("div", { class: "proj-body" }, leaderboardTable(s, { big: true, limit: 12 }), h("section", {}, h("h2", {}, "Incidents"), h("ol", { class: "proj-incidents" }, incidents.slice(0, 10).map((t) => h("li", {}, t))))),
    );
  Classroom.join(code, { projectorKey: key })
    .then((c) => {
      if (destroyed) return c.leave();
      room = c;
      banner = connectionBanner(c);
      // The server sends the class's incidents again after a reconnection.
      c.on("reconnected", () => void (incidents.length = 0));
      c.on("incident", (list) => {
        for (const i of list as { name: string; tick: number; kind: string }[]) incidents.unshift(`${clock(i.tick)} ${i.name}: ${i.kind}`);
        if (c.state) render(c.state);
      });
      c.onState(render);
    })
    .catch((e) => rebuild(root, h("p", { class: "why" }, joinErrorText(e))));
  return {
    el: root,
    destroy() {
      destroyed = true;
      banner?.destroy();
      room?.leave();
    },
  };
}
