/** The instructor's "host a class" form: creates the room over HTTP, keeps its keys, opens the dashboard. */
import { h } from "../ui/dom.ts";
import type { Nav } from "../ui/nav.ts";
import { allScenarios } from "../game/scenarios.ts";
import { createClassroom } from "./api.ts";
import { saveHostKeys } from "./hostKeys.ts";

export function hostForm(nav: Nav): HTMLElement {
  const list = allScenarios();
  const sc = h("select", { id: "host-scenario" }, list.map((s) => h("option", { value: s.id }, `${s.kind === "campaign" ? `Level ${s.level}: ` : ""}${s.title}`)));
  const comp = list.find((s) => s.kind === "competitive");
  if (comp) sc.value = comp.id;
  const speed = h("input", { id: "host-speed", type: "number", min: 1, max: 16, value: 4 });
  const mode = h("select", { id: "host-mode" }, h("option", { value: "competitive" }, "Competitive: everyone alone, same seed"), h("option", { value: "teams" }, "Teams of 2–4 sharing a cluster"));
  const late = h("input", { id: "host-late", type: "checkbox", checked: true });
  const msg = h("p", { class: "why", role: "alert" });
  const form = h(
    "form",
    {
      class: "card form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        msg.textContent = "Creating the room…";
        const r = await createClassroom({ scenario: sc.value, speed: Number(speed.value) | 0, mode: mode.value, lateJoin: late.checked });
        if (!r.ok) return void (msg.textContent = r.message);
        saveHostKeys(r.code, { hostKey: r.hostKey, projectorKey: r.projectorKey });
        location.hash = `#/host/${r.code}`;
      },
    },
    h("label", {}, "Scenario", sc),
    h("label", {}, "Speed (simulated seconds per real second, 1–16)", speed),
    h("label", {}, "Mode", mode),
    h("label", { class: "row" }, late, " Students may join after the start"),
    h("button", { type: "submit", id: "host-create", class: "primary" }, "Create the room"),
    msg,
  );
  return h("main", { class: "screen narrow" }, h("h1", {}, "Host a class"), form, h("button", { class: "back", id: "back", onclick: () => nav.menu() }, "← Menu"));
}

