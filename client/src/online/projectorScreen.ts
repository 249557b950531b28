/**
 * The projector: the round as a show for the room, read-only (projector key). Everything
 * is sized from the width of the screen, so it reads from the back of a room at 1920×1080
 * (no text under 24 px) and still fits 1366×768.
 *
 * - Lobby: the address to type, the code, a large QR code, and names popping in with the count.
 * - Planning: the time left to plan, then the countdown into the round.
 * - Running: the leaderboard, rows sliding as ranks change, and the class's incidents in
 *   words; paused: a readable overlay over it.
 * - End: the podium, then the class summary by concept (a click switches between them).
 * - Sound for the room (roomSounds.ts), with a mute button; browsers play nothing before
 *   a first click on the page, so until then a note asks for one.
 *
 * Parts that animate (board, feed, names, countdown) are built once and updated in place.
 */
import { clock, type ClassSummary } from "@overcommit/shared";
import { h } from "../ui/dom.ts";
import { swap } from "./swap.ts";
import { Classroom, joinErrorText, type RoomState } from "./classroom.ts";
import { connectionBanner } from "./connectionBanner.ts";
import { liveBoard } from "./leaderboard.ts";
import type { Screen } from "../ui/playScreen.ts";
import { joinLink, qrCode, type JoinLink } from "./joinLink.ts";
import { followClass, IncidentFeedModel, incidentFeedView } from "./incidentFeed.ts";
import { nameChips } from "./nameChips.ts";
import { countdownView, realClock } from "./countdown.ts";
import { podium } from "./podium.ts";
import { summaryView } from "./summaryView.ts";
import { findScenario } from "../game/scenarios.ts";
import { soundControl } from "../audio/soundControl.ts";
import { RoomSounds, soundUnlocked } from "./roomSounds.ts";
import "./classroom.css";

/** How long the podium shows before the class summary takes over. */
const PODIUM_MS = 12_000;

export function projectorScreen(code: string, key: string): Screen {
  const root = h(
    "main",
    { class: "projector", id: "projector" },
    h("p", { class: "proj-wait" }, "Connecting to the class…"),
  );
  let room: Classroom | null = null;
  let banner: { destroy(): void } | null = null;
  let destroyed = false;
  let link: JoinLink = joinLink(code.toUpperCase(), "");
  const sounds = new RoomSounds(true);
  const classSize = () => Object.keys(room?.state?.rows ?? {}).length;

  // Built once, updated in place.
  const feedModel = new IncidentFeedModel();
  const feed = incidentFeedView(feedModel, { limit: 6, id: "proj-feed", classSize });
  // As many rows as the screen holds (a row is about 1.8 em, the header and the "… more" line two more).
  const boardRows = () => {
    const box = board.el.parentElement;
    const em = parseFloat(getComputedStyle(root).fontSize) || 20;
    return box ? Math.max(3, Math.floor(box.clientHeight / (em * 1.85)) - 2) : 8;
  };
  const board = liveBoard({ big: true, limit: boardRows, id: "proj-board" });
  const chips = nameChips({ id: "proj-names" });
  const countdown = countdownView("proj-countdown");
  const title = h("div", { class: "proj-title" });
  const status = h("div", { class: "proj-status", id: "proj-status" });
  const progress = h("div", { class: "proj-progress" }, h("span", {}));
  const joinStrip = h("div", { class: "proj-joinstrip" });
  const stage = h("div", { class: "proj-stage" });
  const overlay = h("div", { class: "proj-overlay", id: "proj-paused", hidden: true });
  const unlock = h("span", { class: "proj-sound-note", id: "proj-sound-note" }, "Click anywhere for sound");
  let stageKey = "";
  let endedAt = 0;
  let showSummary = false;

  const head = h(
    "header",
    { class: "proj-head" },
    h("div", { class: "proj-brand" }, "OVERCOMMIT"),
    title,
    unlock,
    soundControl(),
    status,
  );
  const unlocked = () => {
    unlock.hidden = soundUnlocked();
  };
  root.addEventListener("pointerdown", () => setTimeout(unlocked, 50));

  const lobby = (s: RoomState) =>
    h(
      "section",
      { class: "proj-lobby" },
      h(
        "div",
        { class: "proj-join" },
        h("p", { class: "proj-join-at" }, "Join the game at"),
        h("p", { class: "proj-address", id: "proj-address" }, link.address),
        link.warning ? h("p", { class: "proj-warning" }, link.warning) : null,
        h("p", { class: "proj-join-at" }, "with the code"),
        h("p", { class: "join-code proj-code", id: "proj-code" }, s.code),
        h("p", { class: "proj-join-at proj-or" }, "or scan the code with a phone"),
      ),
      qrCode(link.url, "qr proj-qr"),
      h(
        "div",
        { class: "proj-people" },
        h("p", { class: "proj-count", id: "proj-count" }),
        chips.el,
        h(
          "p",
          { class: "proj-waiting" },
          h("span", { class: "pulse-dot" }),
          " Waiting for the instructor to start the round",
        ),
      ),
    );

  const planning = (s: RoomState) => {
    const sc = findScenario(s.scenario);
    return h(
      "section",
      { class: "proj-planning" },
      h("p", { class: "proj-phase-name" }, "Planning"),
      h("p", { class: "proj-plan-clock", id: "proj-plan-clock" }, realClock(s.planningLeft)),
      h("div", { class: "proj-plan-bar" }, h("span", { id: "proj-plan-bar" })),
      h("p", { class: "proj-plan-hint" }, "Buy nodes and place services now: nothing runs until the clock starts."),
      sc ? h("p", { class: "proj-briefing" }, sc.briefing.text) : null,
      countdown.el,
    );
  };

  const running = () =>
    h(
      "section",
      { class: "proj-running" },
      h("div", { class: "proj-board" }, board.el),
      h("section", { class: "proj-feed" }, h("h2", {}, "Incidents"), feed.el),
      countdown.el,
    );

  const ended = (s: RoomState) => {
    const sec = h("section", {
      class: "proj-ended",
      title: "Click to switch between the podium and the class summary",
    });
    sec.addEventListener("click", () => {
      showSummary = !showSummary;
      stageKey = "";
      draw(s);
    });
    if (!showSummary) {
      sec.append(
        h("h2", { class: "proj-ended-title" }, "Round over — the winners"),
        podium(s, { big: true }),
        h("p", { class: "proj-next" }, "How the class did comes next"),
      );
      return sec;
    }
    const sum = room?.summary?.round === s.round ? room.summary : null;
    sec.append(
      h("h2", { class: "proj-ended-title" }, "How the class did, concept by concept"),
      sum ? summaryView(sum, { big: true, limit: 6 }) : h("p", {}, "Summing up the round…"),
    );
    return sec;
  };

  const draw = (s: RoomState) => {
    title.textContent = `${s.title}${s.round > 1 ? ` · round ${s.round}` : ""}`;
    const n = Object.keys(s.seats).length;
    const clockRuns = s.phase === "running" || (s.phase === "paused" && s.planningLeft === 0);
    status.textContent =
      s.phase === "lobby"
        ? `${n} joined`
        : s.phase === "planning"
          ? `Planning ${realClock(s.planningLeft)}`
          : s.phase === "ended"
            ? "Round over"
            : `${clock(s.tick)} / ${clock(s.length)}`;
    (progress.firstChild as HTMLElement).style.width =
      `${clockRuns || s.phase === "ended" ? Math.min(100, (100 * s.tick) / Math.max(1, s.length)) : 0}%`;
    // A small reminder of how to join, for latecomers, once the big one has gone.
    joinStrip.replaceChildren(
      ...(s.phase !== "lobby" && s.phase !== "ended" && s.lateJoin && !s.locked
        ? [
            h("span", {}, "Join: "),
            h("strong", {}, link.address),
            h("span", {}, " code "),
            h("strong", { class: "join-code-inline" }, s.code),
          ]
        : []),
    );
    if (s.phase === "ended" && endedAt === 0) {
      endedAt = performance.now();
      setTimeout(() => {
        if (destroyed || !room?.state || room.state.phase !== "ended" || showSummary) return;
        showSummary = true;
        stageKey = "";
        draw(room.state);
      }, PODIUM_MS);
    }
    if (s.phase !== "ended") {
      endedAt = 0;
      showSummary = false;
    }
    // The stage is rebuilt only when what it shows changes; its live parts update in place.
    const phaseView = s.phase === "paused" ? (s.planningLeft > 0 ? "planning" : "running") : s.phase;
    const keyNow = `${phaseView}|${s.round}|${showSummary}|${room?.summary?.round ?? 0}|${phaseView === "lobby" ? link.url : ""}`;
    if (keyNow !== stageKey) {
      stageKey = keyNow;
      swap(
        stage,
        phaseView === "lobby"
          ? lobby(s)
          : phaseView === "planning"
            ? planning(s)
            : phaseView === "ended"
              ? ended(s)
              : running(),
      );
      root.dataset["phase"] = phaseView;
    }
    if (phaseView === "lobby") {
      chips.update(s);
      document
        .getElementById("proj-count")
        ?.replaceChildren(h("strong", {}, String(n)), n === 1 ? " player is in" : " players are in");
    }
    if (phaseView === "planning") {
      const pc = document.getElementById("proj-plan-clock");
      if (pc) pc.textContent = realClock(s.planningLeft);
      const bar = document.getElementById("proj-plan-bar");
      if (bar) bar.style.width = `${Math.min(100, (100 * s.planningLeft) / Math.max(1, s.planning))}%`;
    }
    if (phaseView === "running") {
      board.update(s);
      feed.update();
    }
    countdown.update(s);
    sounds.update(s);
    unlocked();
    overlay.hidden = s.phase !== "paused";
    if (s.phase === "paused") {
      swap(
        overlay,
        h(
          "div",
          { class: "proj-overlay-card" },
          h("p", { class: "proj-overlay-title" }, s.planningLeft > 0 ? "Planning paused" : "Paused"),
          h("p", {}, "The instructor has paused the round. Look at your datacenter and plan your next move."),
        ),
      );
    }
  };

  // The big screen needs no more than a few redraws a second.
  let last = 0;
  let pending = false;
  const render = (s: RoomState) => {
    const now = performance.now();
    if (now - last < 250 && s.phase === "running") {
      if (!pending) {
        pending = true;
        setTimeout(() => {
          pending = false;
          if (room?.state && !destroyed) render(room.state);
        }, 260);
      }
      return;
    }
    last = now;
    draw(s);
  };

  Classroom.join(code, { projectorKey: key })
    .then((c) => {
      if (destroyed) return c.leave();
      room = c;
      banner = connectionBanner(c);
      swap(root, head, progress, stage, joinStrip, overlay);
      const address = (w: { classUrl?: string } | null) => {
        link = joinLink(c.code, w?.classUrl ?? "");
        stageKey = "";
        if (c.state) draw(c.state);
      };
      if (c.welcome) address(c.welcome);
      c.on("welcome", (w) => address(w as { classUrl?: string }));
      followClass(feedModel, c, () => {
        if (c.state?.phase === "running") sounds.incidents();
        if (c.state) render(c.state);
      });
      c.on("summary", (b) => {
        if (c.state && (b as ClassSummary).round === c.state.round) {
          stageKey = "";
          draw(c.state);
        }
      });
      c.onState(render);
    })
    .catch((e) => swap(root, h("p", { class: "why proj-wait" }, joinErrorText(e))));
  return {
    el: root,
    destroy() {
      destroyed = true;
      banner?.destroy();
      room?.leave();
    },
  };
}
