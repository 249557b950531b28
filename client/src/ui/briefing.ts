/** A level's briefing: the idea it teaches, the concepts, and the guided first step. */
import { h } from "./dom.ts";
import type { Nav, PlayOptions } from "./nav.ts";
import { findScenario } from "../game/scenarios.ts";
import { concept } from "../teach/glossary.ts";

export function briefingScreen(nav: Nav, opts: PlayOptions): HTMLElement {
  const sc = findScenario(opts.scenarioId);
  if (!sc) return h("main", { class: "screen narrow" }, h("p", {}, "Unknown scenario."), h("button", { onclick: () => nav.menu() }, "Menu"));
  const b = sc.briefing;
  const start = h("button", { id: "briefing-start", class: "primary", onclick: () => nav.play(opts) }, "Start");
  queueMicrotask(() => start.focus());
  return h(
    "main",
    { class: "screen narrow briefing" },
    h("h1", {}, b.title || sc.title),
    b.text.split(/\n\n+/).map((p) => h("p", {}, p)),
    sc.concepts.length
      ? h(
          "div",
          { class: "concepts" },
          h("h2", {}, "You will meet"),
          h("dl", {}, sc.concepts.flatMap((id) => {
            const c = concept(id);
            return c ? [h("dt", {}, c.term), h("dd", {}, c.short)] : [];
          })),
        )
      : null,
    h("p", { class: "first-step" }, h("strong", {}, "First step: "), b.firstStep),
    h("p", { class: "dim" }, `${Math.round(sc.length / 60)} simulated minutes · starting money ¢${sc.startMoney} · target score ¢${sc.targetScore} for the third star.`),
    h("div", { class: "row" }, start, h("button", { id: "back", onclick: () => nav.menu() }, "Menu")),
  );
}
