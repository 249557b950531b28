/**
 * Assignment: a student enters the code their instructor gave; the server says which
 * scenario and seed to play. The round is then played solo, and the debrief submits it
 * to the assignment for verification.
 */
import { h } from "./dom.ts";
import type { Nav } from "./nav.ts";
import { assignmentInfo } from "../online/api.ts";
import { findScenario } from "../game/scenarios.ts";

export function assignmentScreen(nav: Nav): HTMLElement {
  const code = h("input", { id: "assignment-code", name: "code", autocomplete: "off", maxlength: 12, required: true });
  const msg = h("p", { class: "why", role: "alert" });
  const form = h(
    "form",
    {
      class: "card form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        msg.textContent = "Checking…";
        const r = await assignmentInfo(code.value.trim().toUpperCase());
        if (!r.ok) return void (msg.textContent = r.message);
        if (!r.open)
          return void (msg.textContent = `This assignment closed on ${new Date(r.deadline).toLocaleString()}.`);
        if (!findScenario(r.scenario))
          return void (msg.textContent = `This build does not have the scenario "${r.scenario}"; reload the page.`);
        nav.briefing({ scenarioId: r.scenario, seed: r.seed, assignment: r.code });
      },
    },
    h("label", {}, "Assignment code", code),
    h("button", { type: "submit", id: "assignment-go", class: "primary" }, "Open"),
    msg,
    h(
      "p",
      { class: "dim" },
      "You play it solo, here in the browser; when you finish, the debrief sends your run to the server, which replays it to verify your score.",
    ),
  );
  queueMicrotask(() => code.focus());
  return h(
    "main",
    { class: "screen narrow" },
    h("h1", {}, "Assignment"),
    form,
    h("button", { class: "back", id: "back", onclick: () => nav.menu() }, "← Menu"),
  );
}
