/**
 * The instructor's side: a form that creates a classroom (POST /api/classrooms), then the
 * dashboard — the join code large enough for a projector, the lobby with lock, late join
 * and kick, start / pause / resume / end and speed, incident injection, the live
 * leaderboard with "watch" (spectate) per student, and the report downloads.
 */
import { INCIDENT_KINDS, clock } from "@overcommit/shared";
import { h, rebuild, toast } from "../ui/dom.ts";
import type { Nav } from "../ui/nav.ts";
import { reportUrl } from "./api.ts";
import { Classroom, joinErrorText, leaveText, savedHostKeys, type RoomState } from "./classroom.ts";
import { connectionBanner } from "./connectionBanner.ts";
import { leaderboardTable } from "./leaderboard.ts";
import type { Screen } from "../ui/playScreen.ts";
import { renderSVG } from "uqr";
import { findScenario } from "../game/scenarios.ts";
import { clusterToView } from "./onlineGame.ts";

export function hostDashboard(nav: Nav, code: string): Screen {
  const keys = savedHostKeys(code);
  const root = h("main", { class: "screen host", id: "host" }, h("p", {}, "Connecting…"));
  if (!keys) {
    rebuild(root, h("p", { class: "why" }, `This browser did not create class ${code}, so it has no host key.`), h("button", { onclick: () => nav.menu() }, "Menu"));
    return { el: root, destroy() {} };
  }
  let room: Classroom | null = null;
  let banner: { destroy(): void } | null = null;
  /** The cluster the instructor chose to watch ("" for none), asked for again after a reconnection. */
  let watching = "";
  let destroyed = false;
  // Below the controls, the spectated datacenter (kept, never rebuilt).
  const watchTitle = h("h2", {}, "");
  const stage = h("div", { class: "spectate-stage", id: "spectate" });
  const watch = h("section", { class: "spectate", hidden: true }, watchTitle, stage);
  let dc: { scene: import("../scenes/DatacenterScene.ts").DatacenterScene; destroy(): void } | null = null;
  let dcLoading = false;
  const showSpectated = (s: RoomState) => {
    const id = Object.keys(s.clusters)[0];
    watch.hidden = !id;
    if (!id) return;
    const sc = findScenario(s.scenario);
    if (!sc) return;
    watchTitle.textContent = `Watching ${s.rows[id]?.name ?? id}`;
    const view = clusterToView(s.clusters[id]!);
    if (dc) dc.scene.setView(view, sc);
    else if (!dcLoading) {
      dcLoading = true;
      void import("../scenes/boot.ts").then(async ({ startDatacenter }) => {
        const started = await startDatacenter(stage, () => {});
        if (destroyed) return started.destroy();
        dc = started;
        if (room?.state) showSpectated(room.state);
      });
    }
  };
  const incidents: string[] = [];
  const act = async (type: string, body: Record<string, unknown> = {}, at?: Element) => {
    const r = await room?.send(type, body);
    if (r && !r.ok) toast(r.message, "bad", at ?? null);
  };
  const joinUrl = `${location.origin}${location.pathname}#/class/${code}`;
  const projectorUrl = `${location.origin}${location.pathname}#/projector/${code}?key=${encodeURIComponent(keys.projectorKey)}`;
  // A QR code of the join link, for phones; drawn once (the link never changes).
  const qr = h("div", { class: "qr", role: "img", "aria-label": `QR code for ${joinUrl}` });
  qr.innerHTML = renderSVG(joinUrl, { pixelSize: 5, whiteColor: "#ffffff", blackColor: "#000000" });
  // Controls are rebuilt only when what they offer changes (phase, roster, toggles), so a
  // button never moves under the pointer; the status line, leaderboard and incidents are
  // live parts refreshed separately (the leaderboard at most once a second).
  const controls = h("div", {});
  const status = h("p", { id: "host-phase" });
  const board = h("section", {}, h("h2", {}, "Leaderboard"));
  const boardBody = h("div", {});
  board.append(boardBody);
  const incidentList = h("ol", { class: "log-list", reversed: true });
  let controlsKey = "";
  let boardAt = 0;
  /** One student: name, team (settable in the lobby of a team round), rename and kick. */
  const seatRow = (s: RoomState, seat: RoomState["seats"][string]) => {
    const team = h("input", { id: `team-${seat.id}`, type: "number", min: 0, max: 40, value: seat.team, "aria-label": `Team of ${seat.nickname}` });
    return h(
      "li",
      { class: seat.connected ? "" : "dim" },
      `${seat.nickname}${seat.team ? ` · team ${seat.team}` : ""}${seat.connected ? "" : " (away)"} `,
      s.mode === "teams" && s.phase === "lobby" ? h("span", {}, team, h("button", { onclick: (e: Event) => void act("team", { seat: seat.id, team: Number(team.value) | 0 }, e.currentTarget as Element) }, "Set team")) : null,
      h("button", {
        onclick: (e: Event) => {
          const name = prompt(`New name for ${seat.nickname}:`, seat.nickname);
          if (name && name.trim() !== seat.nickname) void act("rename", { seat: seat.id, nickname: name.trim() }, e.currentTarget as Element);
        },
      }, "Rename"),
      h("button", { class: "danger", onclick: (e: Event) => confirm(`Remove ${seat.nickname} from the class?`) && void act("kick", { seat: seat.id }, e.currentTarget as Element) }, "Kick"),
      s.phase === "ended" ? h("a", { href: `#/watch/${code}/${encodeURIComponent(seat.id)}`, id: `replay-${seat.id}` }, " Replay") : null,
    );
  };
  const render = (s: RoomState) => {
    showSpectated(s);
    const seats = Object.values(s.seats);
    status.textContent = `${s.phase} · ${clock(s.tick)} / ${clock(s.length)} · speed ×${s.speed} · ${seats.length} student(s)`;
    const now = performance.now();
    if (now - boardAt > 1000 || s.phase !== "running") {
      boardAt = now;
      rebuild(boardBody, leaderboardTable(s));
    }
    rebuild(incidentList, incidents.slice(0, 30).map((t) => h("li", {}, t)));
    const rows = Object.values(s.rows);
    const key = JSON.stringify([s.phase, s.locked, s.lateJoin, s.speed, s.mode, seats.map((x) => [x.id, x.nickname, x.team, x.connected]), rows.map((r) => [r.cluster, r.name])]);
    if (key === controlsKey) return;
    controlsKey = key;
    const btn = (id: string, label: string, type: string, body: Record<string, unknown> = {}) => {
      const b = h("button", { id, onclick: () => void act(type, body, b) }, label);
      return b;
    };
    const speed = h("input", { id: "host-speed-set", type: "number", min: 1, max: 16, value: s.speed, "aria-label": "Speed" });
    const kind = h("select", { id: "inject-kind" }, INCIDENT_KINDS.map((k) => h("option", { value: k }, k)));
    const target = h("input", { id: "inject-target", value: "any", "aria-label": "Target service id or any" });
    const who = h("select", { id: "inject-cluster" }, h("option", { value: "all" }, "everyone"), rows.map((r) => h("option", { value: r.cluster }, r.name)));
    const spectate = h("select", { id: "spectate-select", "aria-label": "Watch a student's datacenter", onchange: (e: Event) => void act("spectate", { cluster: (watching = (e.target as HTMLSelectElement).value) }, e.target as Element) }, h("option", { value: "" }, "nobody"), rows.map((r) => h("option", { value: r.cluster }, r.name)));
    spectate.value = Object.keys(s.clusters)[0] ?? "";
    rebuild(
      controls,
      h("div", { class: "host-top" },
        qr,
        h("div", {}, h("div", { class: "dim" }, "Join at ", h("strong", {}, joinUrl.replace(/^https?:\/\//, "")), " with the code"), h("div", { class: "join-code", id: "join-code" }, s.code)),
        h("div", {}, h("h1", {}, s.title), status,
          h("p", {}, h("a", { href: projectorUrl, target: "_blank", id: "projector-link" }, "Open the projector view"), " · ", h("a", { href: reportUrl(code, keys.hostKey, "csv"), id: "report-csv" }, "Report (CSV)"), " · ", h("a", { href: reportUrl(code, keys.hostKey, "json"), id: "report-json", target: "_blank" }, "Report (JSON)")))),
      h("div", { class: "row wrap" },
        s.phase === "lobby" ? btn("host-start", "Start the round", "start") : null,
        s.phase === "running" ? btn("host-pause", "Pause", "pause") : null,
        s.phase === "paused" ? btn("host-resume", "Resume", "resume") : null,
        s.phase !== "ended" ? btn("host-end", "End the round", "end") : null,
        h("label", {}, "Speed ", speed), h("button", { id: "host-speed-go", onclick: (e: Event) => void act("speed", { speed: Number(speed.value) | 0 }, e.currentTarget as Element) }, "Set"),
        btn("host-lock", s.locked ? "Unlock lobby" : "Lock lobby", "lock", { locked: !s.locked }),
        btn("host-late", s.lateJoin ? "Late join: on" : "Late join: off", "late-join", { on: !s.lateJoin }),
        rows.length ? h("label", {}, "Watch ", spectate) : null),
      s.phase === "running" || s.phase === "paused"
        ? h("div", { class: "row wrap card" }, h("strong", {}, "Inject an incident "), kind, h("label", {}, "target ", target), h("label", {}, "for ", who), h("button", { id: "inject-go", onclick: (e: Event) => void act("inject", { incident: kind.value, target: target.value.trim() || "any", size: 0, cluster: who.value }, e.currentTarget as Element) }, "Inject"))
        : null,
      h("div", { class: "host-cols" },
        board,
        h("section", {}, h("h2", {}, "Students"), h("ul", { class: "seats" }, seats.map((seat) => seatRow(s, seat))),
          h("h2", {}, "Class incidents"), incidentList)),
    );
  };
  Classroom.join(code, { hostKey: keys.hostKey })
    .then((c) => {
      if (destroyed) return c.leave();
      room = c;
      banner = connectionBanner(c);
      rebuild(root, controls, watch);
      // Back after a dropped connection or a server restart: the server sends the class's
      // incidents again, and the cluster being watched must be asked for again.
      c.on("reconnected", () => {
        incidents.length = 0;
        if (watching) void act("spectate", { cluster: watching });
      });
      c.on("notice", (b) => toast((b as { message: string }).message, "ok", null));
      c.on("leave", (codeNum) => {
        if (!destroyed && c.state?.phase !== "ended") rebuild(root, h("p", { class: "why" }, leaveText(codeNum as number)), h("button", { onclick: () => location.reload() }, "Reconnect"), h("button", { onclick: () => nav.menu() }, "Menu"));
      });
      c.on("incident", (list) => {
        for (const i of list as { name: string; tick: number; kind: string; concept: string }[]) incidents.unshift(`${clock(i.tick)} ${i.name}: ${i.kind} (${i.concept})`);
        if (c.state) render(c.state);
      });
      c.onState(render);
    })
    .catch((e) => rebuild(root, h("p", { class: "why" }, joinErrorText(e)), h("button", { onclick: () => nav.menu() }, "Menu")));
  return {
    el: root,
    destroy() {
      destroyed = true;
      dc?.destroy();
      banner?.destroy();
      room?.leave();
    },
  };
}
