/**
 * A student in a classroom: joining (a refused nickname or code goes back to the form with
 * the reason and what to do), the lobby (who is in, what the round is about), the play
 * screen on their own cluster — with the planning time and the countdown over it before the
 * clock starts — and at the end their place, the podium and how the class did. A new round
 * brings them back to the lobby. The seat token is kept per code, so a refresh of
 * `#/class/CODE` returns to the same seat and cluster.
 */
import { clock, JOIN_ERRORS } from "@overcommit/shared";
import { fmtMoney, h } from "../ui/dom.ts";
import { swap } from "./swap.ts";
import type { Nav } from "../ui/nav.ts";
import { Classroom, joinErrorText, leaveText, savedSeatToken, type RoomState } from "./classroom.ts";
import { connectionBanner } from "./connectionBanner.ts";
import { joinScreen } from "./joinScreen.ts";
import { OnlineGame, clusterToView } from "./onlineGame.ts";
import { gameScreen, type Screen } from "../ui/playScreen.ts";
import { findScenario } from "../game/scenarios.ts";
import { boardRanks, liveBoard, scoreNote, sortedRows } from "./leaderboard.ts";
import { nameChips } from "./nameChips.ts";
import { countdownView, inCountdown, realClock } from "./countdown.ts";
import { podium } from "./podium.ts";
import { summaryView } from "./summaryView.ts";
import { RoomSounds } from "./roomSounds.ts";
import { bailoutMark } from "../ui/bailout.ts";
import "./classroom.css";

/** Join refusals a student fixes on the form (another name, another code, ask the instructor). */
const FIXABLE: ReadonlySet<number> = new Set([
  JOIN_ERRORS["bad-nickname"],
  JOIN_ERRORS.locked,
  JOIN_ERRORS["late-join-off"],
  JOIN_ERRORS["room-full"],
  JOIN_ERRORS["too-many-guesses"],
  4211,
]);

/** A join refusal as a sentence with the next step. */
export function joinRefusal(e: unknown): string {
  const code = (e as { code?: number }).code;
  const text = joinErrorText(e);
  if (code === 4211 || /no live class/i.test(text))
    return "There is no live class with that code. Check the code on the projector and try again.";
  if (code === JOIN_ERRORS["bad-nickname"]) return `${text} Choose another nickname.`;
  if (code === JOIN_ERRORS.locked) return `${text} Ask your instructor to unlock it, then join again.`;
  if (code === JOIN_ERRORS["late-join-off"]) return `${text} Ask your instructor to let latecomers in.`;
  if (code === JOIN_ERRORS["room-full"]) return `${text} Ask your instructor.`;
  if (code === JOIN_ERRORS["round-over"])
    return "This round is over. If your instructor starts another round, join again with the same code.";
  return text;
}

/** Joins (or rejoins with the saved seat) and follows the room through its phases. */
export function studentScreen(nav: Nav, code: string, nickname: string, mount: (el: HTMLElement) => void): Screen {
  const root = h(
    "div",
    { class: "online-root" },
    h("main", { class: "screen narrow class-screen" }, h("p", { class: "joining" }, `Joining class ${code}…`)),
  );
  let room: Classroom | null = null;
  let play: Screen | null = null;
  let playRound = 0;
  let phaseShown = "";
  let destroyed = false;
  // Over the play screen during planning: the time left, then the countdown.
  const planBanner = h("div", { class: "plan-banner", id: "plan-banner", role: "status", hidden: true });
  const countdown = countdownView("play-countdown");
  const chips = nameChips({ me: () => room?.welcome?.seat ?? "", id: "lobby-names" });
  const board = liveBoard({ highlight: () => room?.clusterId ?? "" });
  const sounds = new RoomSounds(false);

  /** A final word (kicked, connection lost…): what happened and the way back. */
  const fail = (text: string) => {
    play?.destroy();
    play = null;
    swap(
      root,
      h(
        "main",
        { class: "screen narrow class-screen" },
        h("h1", {}, "Out of the class"),
        h("p", { class: "why big-why" }, text),
        h(
          "div",
          { class: "row wrap" },
          h("button", { class: "primary", onclick: () => mount(joinScreen(nav, code)) }, "Join again"),
          h("button", { onclick: () => nav.menu() }, "Menu"),
        ),
      ),
    );
  };

  const showPlay = (s: RoomState, cluster: string, raw: Record<string, unknown>) => {
    if (play && playRound === s.round) return;
    play?.destroy();
    const sc = findScenario(s.scenario);
    if (!sc || !room)
      return fail(
        `This page does not know the scenario "${s.scenario}": reload it to get the latest version of the game.`,
      );
    const game = new OnlineGame(sc, room, cluster, clusterToView(raw));
    play = gameScreen(game, {
      coach: false,
      startHint: "",
      quit: () => confirm("Leave the class? Rejoin with the same code to get your datacenter back.") && nav.menu(),
      finished: () => "The round is over.",
    });
    playRound = s.round;
    game.start();
    swap(root, play.el, countdown.el);
    // The planning note sits over the datacenter, where the paused note goes (never over the panels).
    (play.el.querySelector(".stage") ?? root).append(planBanner);
    phaseShown = "play";
  };

  const lobby = (s: RoomState) => {
    const sc = findScenario(s.scenario);
    const me = room?.welcome?.seat ? s.seats[room.welcome.seat] : undefined;
    const n = Object.keys(s.seats).length;
    const waiting =
      s.phase === "lobby"
        ? "Look at the projector: the round starts when your instructor says go."
        : `The round is under way (${clock(s.tick)}): your datacenter is being set up…`;
    return h(
      "main",
      { class: "screen narrow class-screen", id: "lobby" },
      h("p", { class: "lobby-code" }, `Class ${s.code}${s.round > 1 ? ` · round ${s.round}` : ""}`),
      h("h1", { class: "lobby-hello" }, me ? `You're in, ${me.nickname}!` : "You're in!"),
      h("p", { class: "first-step" }, waiting),
      h(
        "section",
        { class: "card lobby-card" },
        h("h2", {}, s.title),
        sc ? h("p", {}, sc.briefing.text) : null,
        h(
          "p",
          { class: "dim" },
          `${Math.round(s.length / 60)} simulated minutes${s.planning > 0 ? `, after ${s.planning} s of planning with the clock stopped` : ""}. Everyone plays the same scenario with the same seed: the leaderboard is fair.`,
        ),
      ),
      h("h2", {}, `In the room: `, h("span", { id: "lobby-count" }, String(n))),
      chips.el,
    );
  };

  const ended = (s: RoomState) => {
    const mine = room?.clusterId ? s.rows[room.clusterId] : undefined;
    const rows = sortedRows(s);
    const place = mine ? boardRanks(rows)[rows.findIndex((r) => r.cluster === mine.cluster)]! : 0;
    const sc = findScenario(s.scenario);
    const start = sc?.startMoney ?? 0;
    board.update(s);
    return h(
      "main",
      { class: "screen class-screen", id: "podium" },
      h("h1", {}, `Round over — ${s.title}`),
      mine
        ? h(
            "section",
            { class: "card my-result", id: "my-result" },
            h("p", { class: "my-place" }, `You finished ${ordinal(place)} of ${rows.length}`),
            h(
              "p",
              {},
              `Your money at the end: ${fmtMoney(mine.money)}. You started with ${fmtMoney(start)}`,
              mine.bailouts > 0
                ? ` and the bank bailed you out (${bailoutMark(mine.bailouts)}, loans and fees ${fmtMoney(mine.money - start - mine.score)})`
                : "",
              ", so your score — what you earned — is ",
              h("strong", {}, fmtMoney(mine.score)),
              ".",
            ),
            h("p", { class: "dim" }, scoreNote(start)),
          )
        : null,
      podium(s),
      h("h2", {}, "Leaderboard"),
      board.el,
      room?.summary?.round === s.round ? h("h2", {}, "How the class did") : null,
      room?.summary?.round === s.round ? summaryView(room.summary, { limit: 8 }) : null,
      h("p", { class: "first-step" }, "Stay on this page: if your instructor starts another round, it opens here."),
      h("p", {}, h("button", { onclick: () => nav.menu() }, "Menu")),
    );
  };

  const overlay = (s: RoomState) => {
    const planning = s.phase === "planning" || (s.phase === "paused" && s.planningLeft > 0);
    // The note gives way to the countdown's large number for the last seconds.
    planBanner.hidden = !planning || inCountdown(s);
    if (planning) {
      swap(
        planBanner,
        h("strong", {}, s.phase === "paused" ? "Planning paused " : `Planning ${realClock(s.planningLeft)} `),
        h("span", {}, "Buy and place now: nothing runs until the clock starts."),
      );
    }
    countdown.update(s);
  };

  let lastKey = "";
  const render = (s: RoomState) => {
    sounds.update(s);
    const cluster = room?.clusterId ?? "";
    const raw = cluster ? s.clusters[cluster] : undefined;
    if ((s.phase === "planning" || s.phase === "running" || s.phase === "paused") && raw) {
      showPlay(s, cluster, raw);
      overlay(s);
      return;
    }
    if (s.phase === "ended") {
      const key = `ended|${s.round}|${room?.summary?.round ?? 0}`;
      if (phaseShown === "ended" && key === lastKey) return void board.update(s);
      lastKey = key;
      play?.destroy();
      play = null;
      phaseShown = "ended";
      swap(root, ended(s));
      return;
    }
    if (play && s.phase !== "lobby") return;
    play?.destroy();
    play = null;
    const key = `lobby|${s.round}|${s.phase}|${s.title}|${room?.welcome?.seat ?? ""}`;
    if (phaseShown !== "lobby" || key !== lastKey) {
      lastKey = key;
      phaseShown = "lobby";
      swap(root, lobby(s));
    }
    chips.update(s);
    const count = document.getElementById("lobby-count");
    if (count) count.textContent = String(Object.keys(s.seats).length);
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
          fail((b as { message?: string }).message ?? "The instructor removed you from the class.");
        });
        c.on("leave", (codeNum) => {
          if (kicked || destroyed || phaseShown === "ended") return;
          phaseShown = "";
          fail(leaveText(codeNum as number));
        });
        c.on("summary", () => c.state && render(c.state));
        // The lobby greets the student by name once the server has said which seat is theirs.
        c.on("welcome", () => {
          lastKey = "";
          if (c.state) render(c.state);
        });
        c.onState(render);
      })
      .catch((e) => {
        // The first join: a server that is restarting answers again in a moment.
        if (attempt < 3 && !destroyed && !(e as { code?: number }).code)
          return void setTimeout(() => connect(attempt + 1), 1000 * (attempt + 1));
        const errCode = (e as { code?: number }).code ?? 0;
        // A refusal the student can fix goes back to the form, with what to do next.
        if (FIXABLE.has(errCode) || /no rooms found/i.test(String((e as { message?: string }).message)))
          return mount(joinScreen(nav, code, joinRefusal(e)));
        fail(joinRefusal(e));
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

function ordinal(n: number): string {
  const s =
    n % 100 >= 11 && n % 100 <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${s}`;
}

export { savedSeatToken };
