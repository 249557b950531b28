/** The first screen: the five ways to play. Plain DOM, so it loads without Phaser. */
import { h } from "./dom.ts";
import type { Nav } from "./nav.ts";
import { soundControl } from "../audio/soundControl.ts";
import heroUrl from "../../../assets/art/hero.svg?url";

export function menuScreen(nav: Nav): HTMLElement {
  const item = (id: string, title: string, text: string, go: () => void, note = "") =>
    h(
      "li",
      {},
      h(
        "button",
        { id, class: "menu-item", onclick: go },
        h("span", { class: "menu-title" }, title),
        h("span", { class: "menu-text" }, text),
        note ? h("span", { class: "menu-note" }, note) : null,
      ),
    );
  return h(
    "main",
    { class: "screen menu" },
    h("div", { class: "menu-corner" }, soundControl()),
    h(
      "div",
      { class: "menu-hero" },
      h(
        "div",
        {},
        h("h1", {}, "Overcommit"),
        h(
          "p",
          { class: "tagline" },
          "Run a datacenter: pack virtual machines and containers onto servers, ride out traffic spikes and crashes, and learn why Kubernetes exists.",
        ),
      ),
      h("img", { src: heroUrl, alt: "", class: "hero-art", width: 560, height: 230 }),
    ),
    h(
      "ul",
      { class: "menu-list" },
      item(
        "menu-campaign",
        "Solo campaign",
        "Eight levels, one idea each: VMs, hypervisors, containers, isolation, spikes, self-healing, Kubernetes, chaos.",
        () => nav.campaign(),
      ),
      item("menu-quick", "Quick solo", "Any scenario; race a bot's ghost.", () => nav.quick()),
      item("menu-join", "Join a class", "Enter your class code and a nickname.", () => nav.online("join")),
      item("menu-host", "Host a class", "For instructors: a room, a join code, a projector view.", () =>
        nav.online("host"),
      ),
      item("menu-assignment", "Assignment", "Play the scenario your instructor set, at home.", () =>
        nav.online("assignment"),
      ),
    ),
    h(
      "p",
      { class: "menu-foot" },
      h("button", { class: "link", id: "menu-glossary", onclick: () => nav.glossary() }, "Glossary (G)"),
      " · Everything works with the keyboard: Tab, Enter, and the shortcuts shown with ? in a game.",
    ),
  );
}
