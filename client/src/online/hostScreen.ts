/**
 * The instructor's desk for a live class: the class address, code and QR code to show the
 * room, the controls that fit the phase (hostControls.ts), the leaderboard with a "Watch"
 * button per row and the watched datacenter beside it (hostWatch.ts), the class's
 * incidents in words, the roster with rename in place (hostStudents.ts), and after the
 * round the class summary, the next round and the reports.
 */
import { clock } from "@overcommit/shared";
import { h, toast } from "../ui/dom.ts";
import { swap } from "./swap.ts";
import type { Nav } from "../ui/nav.ts";
import { Classroom, joinErrorText, leaveText, savedHostKeys, type RoomState } from "./classroom.ts";
import { connectionBanner } from "./connectionBanner.ts";
import { liveBoard, scoreNote } from "./leaderboard.ts";
import type { Screen } from "../ui/playScreen.ts";
import { findScenario } from "../game/scenarios.ts";
import { joinLink, qrCode, type JoinLink } from "./joinLink.ts";
import { followClass, IncidentFeedModel, incidentFeedView } from "./incidentFeed.ts";
import { hostStudents, type Send } from "./hostStudents.ts";
import { hostControls } from "./hostControls.ts";
import { hostWatch } from "./hostWatch.ts";
import { summaryView } from "./summaryView.ts";
import { realClock } from "./countdown.ts";
import "./classroom.css";

/** What the round is doing, in a few words, for the status line. */
function phaseLine(s: RoomState): string {
  const n = Object.keys(s.seats).length;
  const who = `${n} student${n === 1 ? "" : "s"}`;
  switch (s.phase) {
    case "lobby":
      return `Lobby · ${who} in · waiting for you to start`;
    case "planning":
      return `Planning · clock starts in ${realClock(s.planningLeft)} · ${who}`;
    case "running":
      return `Running · ${clock(s.tick)} / ${clock(s.length)} · ×${s.speed} · ${who}`;
    case "paused":
      return s.planningLeft > 0
        ? `Paused during planning (${realClock(s.planningLeft)} left) · ${who}`
        : `Paused at ${clock(s.tick)} / ${clock(s.length)} · ${who}`;
    case "ended":
      return `Round over · ${who}`;
  }
}

export function hostDashboard(nav: Nav, code: string): Screen {
  const keys = savedHostKeys(code);
  const root = h("main", { class: "screen host class-screen", id: "host" }, h("p", {}, "Connecting to your class…"));
  if (!keys) {
    swap(
      root,
      h("h1", {}, `Class ${code}`),
      h(
        "p",
        { class: "why big-why" },
        `This browser did not create class ${code}, so it has no host key. Open the desk from the browser that created the class, or host a new one.`,
      ),
      h(
        "div",
        { class: "row" },
        h("button", { class: "primary", onclick: () => nav.online("host") }, "Host a class"),
        h("button", { onclick: () => nav.menu() }, "Menu"),
      ),
    );
    return { el: root, destroy() {} };
  }
  let room: Classroom | null = null;
  let banner: { destroy(): void } | null = null;
  let destroyed = false;
  const send: Send = (type, body) => room?.send(type, body) ?? Promise.resolve(undefined);

  const watch = hostWatch(send);
  const board = liveBoard({
    money: true,
    id: "host-board",
    highlight: () => watch.watching(),
    actions: (r) => {
      const b = h(
        "button",
        { class: "small watch-btn", id: `watch-${r.cluster}`, "aria-label": `Watch ${r.name}'s datacenter` },
        "Watch",
      );
      b.addEventListener("click", () => watch.watch(watch.watching() === r.cluster ? "" : r.cluster, b));
      return b;
    },
  });
  const controls = hostControls(code, keys.hostKey, send);
  const students = hostStudents(code, send);
  const feedModel = new IncidentFeedModel();
  const feed = incidentFeedView(feedModel, {
    limit: 12,
    id: "host-feed",
    classSize: () => Object.keys(room?.state?.rows ?? {}).length,
  });
  const note = h("p", { class: "score-note dim", id: "score-note" });

  let link: JoinLink = joinLink(code, "");
  const title = h("h1", {}, "");
  const status = h("p", { id: "host-phase", class: "host-phase", role: "status" });
  const joinBox = h("div", { class: "host-join" });
  const boardSection = h(
    "section",
    { class: "host-board" },
    h("h2", {}, "Leaderboard"),
    board.el,
    note,
    h("h2", {}, "Incidents in the class ", h("span", { class: "dim small-text" }, "(every student's, newest first)")),
    feed.el,
  );
  const side = h("section", { class: "host-side" }, watch.el);
  const summary = h("section", { class: "host-summary", hidden: true });
  // What happens next, for an instructor hosting for the first time (shown in the lobby).
  const guide = h(
    "ol",
    { class: "host-guide", id: "host-guide" },
    h(
      "li",
      {},
      h("strong", {}, "Show the class the way in: "),
      "open the projector view on the big screen (it shows the address, the code and a QR code).",
    ),
    h(
      "li",
      {},
      h("strong", {}, "Students join "),
      "from a laptop or a phone; their names appear here and on the projector.",
    ),
    h(
      "li",
      {},
      h("strong", {}, "Start the round. "),
      "With planning, students buy and place with the clock stopped, then a countdown starts it.",
    ),
    h(
      "li",
      {},
      h("strong", {}, "During the round "),
      "watch anyone's datacenter, pause to explain, inject an incident; at the end come the podium, the class summary and the report.",
    ),
  );
  const mainGrid = h("div", { class: "host-main" }, boardSection, side);
  const projectorUrl = `${location.origin}${location.pathname}#/projector/${code}?key=${encodeURIComponent(keys.projectorKey)}`;
  let joinKey = "";
  let summaryKey = "";

  const drawJoin = (s: RoomState) => {
    const k = `${link.url}|${s.code}`;
    if (k === joinKey) return;
    joinKey = k;
    const qr = qrCode(link.url, "qr host-qr");
    qr.title = "Click to enlarge";
    qr.addEventListener("click", () => qr.classList.toggle("enlarged"));
    swap(
      joinBox,
      qr,
      h(
        "div",
        { class: "host-join-text" },
        h("p", { class: "dim" }, "Students open"),
        h("p", { class: "host-address", id: "host-address" }, link.address),
        h("p", { class: "dim" }, "and enter the code"),
        h("p", { class: "join-code host-code", id: "join-code" }, s.code),
        link.warning ? h("p", { class: "why" }, link.warning) : null,
      ),
      h(
        "div",
        { class: "host-links" },
        h(
          "a",
          { class: "button primary", href: projectorUrl, target: "_blank", id: "projector-link" },
          "Open the projector view",
        ),
        h(
          "button",
          {
            class: "small",
            id: "copy-link",
            onclick: (e: Event) => {
              const at = e.target as Element;
              // No clipboard on a page served over plain http from a LAN address: show the link instead.
              if (!navigator.clipboard) return toast(link.url, "info", at);
              void navigator.clipboard.writeText(link.url).then(
                () => toast("Class link copied.", "ok", at),
                () => toast(link.url, "info", at),
              );
            },
          },
          "Copy the class link",
        ),
      ),
    );
  };

  const render = (s: RoomState) => {
    const sc = findScenario(s.scenario);
    title.textContent = `${s.title}${s.round > 1 ? ` · round ${s.round}` : ""}`;
    status.textContent = phaseLine(s);
    status.dataset["phase"] = s.phase;
    drawJoin(s);
    controls.update(s);
    students.update(s);
    watch.update(s);
    board.update(s);
    feed.update();
    note.textContent = sc ? scoreNote(sc.startMoney) : "";
    root.dataset["phase"] = s.phase;
    // In the lobby the roster is what matters; once the round is on, the board and the watched datacenter.
    mainGrid.hidden = s.phase === "lobby";
    guide.hidden = s.phase !== "lobby" || s.round > 1;
    const sk = `${s.phase}|${s.round}|${room?.summary?.round ?? 0}`;
    if (sk !== summaryKey) {
      summaryKey = sk;
      const show = s.phase === "ended" && room?.summary?.round === s.round;
      summary.hidden = !show;
      if (show) swap(summary, h("h2", {}, "How the class did, concept by concept"), summaryView(room!.summary));
    }
  };

  Classroom.join(code, { hostKey: keys.hostKey })
    .then((c) => {
      if (destroyed) return c.leave();
      room = c;
      banner = connectionBanner(c);
      swap(
        root,
        h("header", { class: "host-head" }, h("div", { class: "host-title" }, title, status, controls.el), joinBox),
        summary,
        mainGrid,
        students.el,
        guide,
      );
      if (c.welcome) link = joinLink(c.code, c.welcome.classUrl ?? "");
      c.on("welcome", (w) => {
        link = joinLink(c.code, (w as { classUrl?: string }).classUrl ?? "");
        if (c.state) render(c.state);
      });
      // Back after a dropped connection or a server restart: the server sends the class's
      // incidents again, and the cluster being watched must be asked for again.
      c.on("reconnected", () => watch.again());
      c.on("notice", (b) => toast((b as { message: string }).message, "ok", null));
      c.on("summary", () => c.state && render(c.state));
      c.on("leave", (codeNum) => {
        if (!destroyed && c.state?.phase !== "ended")
          swap(
            root,
            h("h1", {}, `Class ${code}`),
            h("p", { class: "why big-why" }, leaveText(codeNum as number)),
            h(
              "div",
              { class: "row" },
              h("button", { class: "primary", onclick: () => location.reload() }, "Reconnect"),
              h("button", { onclick: () => nav.menu() }, "Menu"),
            ),
          );
      });
      followClass(feedModel, c, () => feed.update());
      c.onState(render);
    })
    .catch((e) =>
      swap(
        root,
        h("h1", {}, `Class ${code}`),
        h("p", { class: "why big-why" }, joinErrorText(e)),
        h("button", { onclick: () => nav.menu() }, "Menu"),
      ),
    );
  return {
    el: root,
    destroy() {
      destroyed = true;
      watch.destroy();
      banner?.destroy();
      room?.leave();
    },
  };
}
