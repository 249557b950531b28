/**
 * The instructor's "host a class" form: scenario (with what it teaches and how long it
 * takes), planning time before the clock starts, speed, mode and late join. It creates the
 * classroom over HTTP, keeps its keys in this browser and opens the instructor's desk.
 */
import { PLANNING_MAX_SECONDS, PLANNING_MIN_SECONDS } from "@overcommit/shared";
import { h } from "../ui/dom.ts";
import type { Nav } from "../ui/nav.ts";
import { allScenarios, findScenario } from "../game/scenarios.ts";
import { createClassroom } from "./api.ts";
import { saveHostKeys } from "./hostKeys.ts";
import "./classroom.css";

/** The planning times offered (seconds; 0 = none). */
export const PLANNING_CHOICES = [
  0,
  PLANNING_MIN_SECONDS,
  (PLANNING_MIN_SECONDS + PLANNING_MAX_SECONDS) / 2,
  PLANNING_MAX_SECONDS,
];
export const DEFAULT_PLANNING = PLANNING_CHOICES[2]!;

export function planningSelect(id: string, value: number): HTMLSelectElement {
  const sel = h(
    "select",
    { id },
    PLANNING_CHOICES.map((s) =>
      h(
        "option",
        { value: s },
        s === 0 ? "No planning: the clock starts at once" : `${s} s with the clock stopped, then a countdown`,
      ),
    ),
  );
  sel.value = String(value);
  return sel;
}

/** The scenarios, campaign levels by number then the competitive ones. */
export function scenarioSelect(id: string, value?: string): HTMLSelectElement {
  const list = allScenarios();
  const sel = h(
    "select",
    { id },
    list.map((s) => h("option", { value: s.id }, `${s.kind === "campaign" ? `Level ${s.level}: ` : ""}${s.title}`)),
  );
  const pick = value ?? list.find((s) => s.kind === "competitive")?.id;
  if (pick) sel.value = pick;
  return sel;
}

export function hostForm(nav: Nav): HTMLElement {
  const sc = scenarioSelect("host-scenario");
  const about = h("p", { class: "dim scenario-about", id: "host-scenario-about" });
  const speed = h("input", { id: "host-speed", type: "number", min: 1, max: 16, value: 4 });
  const planning = planningSelect("host-planning", DEFAULT_PLANNING);
  const mode = h(
    "select",
    { id: "host-mode" },
    h("option", { value: "competitive" }, "Competitive: everyone alone, same seed"),
    h("option", { value: "teams" }, "Teams of 2–4 sharing a datacenter"),
  );
  const teamSize = h(
    "select",
    { id: "host-team-size" },
    [2, 3, 4].map((n) => h("option", { value: n }, `${n} students a team`)),
  );
  teamSize.value = "3";
  const teamLabel = h("label", { hidden: true }, "Team size", teamSize);
  const late = h("input", { id: "host-late", type: "checkbox", checked: true });
  const msg = h("p", { class: "why", role: "alert" });
  const describe = () => {
    const s = findScenario(sc.value);
    const sp = Math.max(1, Number(speed.value) | 0);
    about.textContent = s ? `${s.briefing.text} About ${Math.round(s.length / sp / 60)} real minutes at ×${sp}.` : "";
  };
  sc.addEventListener("change", describe);
  speed.addEventListener("input", describe);
  mode.addEventListener("change", () => (teamLabel.hidden = mode.value !== "teams"));
  describe();
  const form = h(
    "form",
    {
      class: "card form host-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        msg.textContent = "Creating the room…";
        const r = await createClassroom({
          scenario: sc.value,
          speed: Number(speed.value) | 0,
          mode: mode.value,
          ...(mode.value === "teams" ? { teamSize: Number(teamSize.value) } : {}),
          lateJoin: late.checked,
          planningSeconds: Number(planning.value),
        });
        if (!r.ok) return void (msg.textContent = r.message);
        saveHostKeys(r.code, { hostKey: r.hostKey, projectorKey: r.projectorKey });
        location.hash = `#/host/${r.code}`;
      },
    },
    h("label", {}, "Scenario", sc),
    about,
    h("label", {}, "Planning before the clock starts", planning),
    h("label", {}, "Speed (simulated seconds per real second, 1–16)", speed),
    h("label", {}, "Mode", mode),
    teamLabel,
    h("label", { class: "row" }, late, " Students may join after the start"),
    h("button", { type: "submit", id: "host-create", class: "primary big-button" }, "Create the room"),
    msg,
  );
  return h(
    "main",
    { class: "screen narrow class-screen" },
    h("h1", {}, "Host a class"),
    form,
    h("button", { class: "back", id: "back", onclick: () => nav.menu() }, "← Menu"),
  );
}
