/**
 * Entry point: a small router over DOM screens. The play screen pulls in Phaser lazily;
 * everything else is plain DOM so the first visit loads little.
 */
import "./styles.css";
// Listens for the first gesture from the start, so the first sound can play at once.
import "./audio/sound.ts";
import { h } from "./ui/dom.ts";
import type { Nav, PlayOptions } from "./ui/nav.ts";
import { menuScreen } from "./ui/menu.ts";
import { joinScreen } from "./online/joinScreen.ts";
import { hostForm } from "./online/hostForm.ts";
import { savedSeatToken } from "./online/hostKeys.ts";
import { campaignScreen, quickScreen } from "./ui/campaign.ts";
import { briefingScreen } from "./ui/briefing.ts";
import { playScreen, type Screen } from "./ui/playScreen.ts";
import { glossaryContent } from "./ui/glossaryDialog.ts";
import { assignmentScreen } from "./ui/assignment.ts";

const app = document.getElementById("app")!;
let current: Screen | null = null;

function show(el: HTMLElement): void {
  current?.destroy();
  current = null;
  app.replaceChildren(el);
  const focus = el.querySelector<HTMLElement>("[autofocus], h1");
  if (focus && !el.contains(document.activeElement)) {
    focus.tabIndex = -1;
    focus.focus({ preventScroll: true });
  }
}

const nav: Nav = {
  menu: () => go("#/"),
  campaign: () => go("#/campaign"),
  quick: () => go("#/quick"),
  online: (kind) => go(`#/${kind}`),
  briefing: (o) => go(`#/briefing/${o.scenarioId}?${query(o)}`),
  play: (o) => go(`#/play/${o.scenarioId}?${query(o)}`),
  glossary: () => go("#/glossary"),
};

function query(o: PlayOptions): string {
  return new URLSearchParams({
    seed: String(o.seed),
    ...(o.ghost ? { ghost: o.ghost } : {}),
    ...(o.watch ? { watch: "1" } : {}),
    ...(o.assignment ? { assignment: o.assignment } : {}),
  }).toString();
}

/** A seed from the URL: any whole number the server deals in (0…4294967295; an assignment's may be large), else 1. */
function seedOf(raw: string | null): number {
  const n = Number(raw);
  return raw !== null && raw !== "" && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : 1;
}

function go(hash: string): void {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function route(): void {
  const [path = "", q = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const parts = path.split("/");
  const params = new URLSearchParams(q);
  const opts = (): PlayOptions => ({
    scenarioId: parts[1] ?? "",
    seed: seedOf(params.get("seed")),
    ghost: (params.get("ghost") || undefined) as PlayOptions["ghost"],
    watch: params.get("watch") === "1",
    assignment: params.get("assignment") || undefined,
  });
  switch (parts[0]) {
    case "campaign":
      return show(campaignScreen(nav));
    case "quick":
      return show(quickScreen(nav));
    case "assignment":
      return show(assignmentScreen(nav));
    case "join":
      return show(joinScreen(nav));
    case "class": {
      const code = decodeURIComponent(parts[1] ?? "");
      const nick = params.get("nick");
      // The class link (and its QR code) opens the nickname form with the code filled in,
      // unless this browser already has a seat in that class (a refresh goes straight back).
      if (!nick && !savedSeatToken(code)) return show(joinScreen(nav, code));
      // Classroom screens pull in colyseus.js only when used.
      void import("./online/studentScreen.ts").then(({ studentScreen }) => {
        const s = studentScreen(nav, code, nick ?? "", (el) => show(el));
        show(s.el);
        current = s;
      });
      return;
    }
    case "host":
      if (!parts[1]) return show(hostForm(nav));
      void import("./online/hostScreen.ts").then(({ hostDashboard }) => {
        const s = hostDashboard(nav, decodeURIComponent(parts[1]!));
        show(s.el);
        current = s;
      });
      return;
    case "watch":
      // #/watch/CODE/SEAT: the instructor replays a student's round.
      void import("./online/replayScreen.ts").then(({ studentReplayScreen }) => {
        const mount = (s: Screen) => {
          show(s.el);
          current = s;
        };
        mount(studentReplayScreen(nav, decodeURIComponent(parts[1] ?? ""), decodeURIComponent(parts[2] ?? ""), mount));
      });
      return;
    case "projector":
      void import("./online/projectorScreen.ts").then(({ projectorScreen }) => {
        const s = projectorScreen(decodeURIComponent(parts[1] ?? ""), params.get("key") ?? "");
        show(s.el);
        current = s;
      });
      return;
    case "glossary":
      return show(
        h(
          "main",
          { class: "screen narrow" },
          h("h1", {}, "Glossary"),
          glossaryContent(),
          h("button", { id: "back", onclick: () => nav.menu() }, "← Menu"),
        ),
      );
    case "briefing":
      return show(briefingScreen(nav, opts()));
    case "bench":
      // The render benchmark (test/bench/client.ts); lazy, so players never download it.
      void import("./bench/benchScreen.ts").then(({ benchScreen }) => show(benchScreen(params)));
      return;
    case "play": {
      const s = playScreen(nav, opts(), (el) => show(el));
      show(s.el);
      current = s;
      return;
    }
    default:
      return show(menuScreen(nav));
  }
}

window.addEventListener("hashchange", route);
// The menu's own shortcut: G opens the glossary (the play screen has its own keys).
window.addEventListener("keydown", (e) => {
  const t = e.target as HTMLElement | null;
  if (e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
  if ((e.key === "g" || e.key === "G") && app.querySelector("#menu-glossary")) {
    e.preventDefault();
    nav.glossary();
  }
});
route();
// Navigation start → the first frame with the first screen on it (test/bench/client.ts).
requestAnimationFrame(() => {
  (window as unknown as { __firstFrame?: number }).__firstFrame = performance.now();
});
