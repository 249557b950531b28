/**
 * The instructor's controls, only those that fit the phase:
 * - lobby: start (with or without planning), lock, late join, speed;
 * - planning: start now (skip to the countdown), pause, cancel back to the lobby;
 * - running / paused: pause or resume, end, speed, inject an incident;
 * - after the end: the next round (same class and seats; scenario, seed, planning) and the
 *   reports of every round.
 * Rebuilt only when what they offer changes, so a button never moves under the pointer.
 */
import {
  INCIDENT_KINDS,
  INJECTED_SPIKE_ANNOUNCE,
  MAX_SPEED,
  MIN_SPEED,
  incidentTitle,
  type HostBody,
  type HostMessage,
  type IncidentKind,
} from "@overcommit/shared";
import { h, toast } from "../ui/dom.ts";
import { swap } from "./swap.ts";
import type { RoomState } from "./classroom.ts";
import { findScenario } from "../game/scenarios.ts";
import { reportUrl } from "./api.ts";
import { planningSelect, scenarioSelect } from "./hostForm.ts";
import type { Send } from "./hostStudents.ts";

export function hostControls(
  code: string,
  hostKey: string,
  send: Send,
): { el: HTMLElement; update(s: RoomState): void } {
  const el = h("section", { class: "host-controls", id: "host-controls", "aria-label": "Round controls" });
  let key = "";
  const act = async <T extends HostMessage>(type: T, body: HostBody<T>, at: Element) => {
    const r = await send(type, body);
    if (r && !r.ok) toast(r.message, "bad", at);
    return r;
  };
  const button = <T extends HostMessage>(id: string, label: string, type: T, body: HostBody<T>, cls = "") => {
    const b = h("button", { id, class: cls, onclick: () => void act(type, body, b) }, label);
    return b;
  };
  const toggle = <T extends HostMessage>(
    id: string,
    on: boolean,
    labelOn: string,
    labelOff: string,
    type: T,
    body: HostBody<T>,
  ) => {
    const b = button(id, on ? labelOn : labelOff, type, body, `toggle${on ? " on" : ""}`);
    b.setAttribute("aria-pressed", String(on));
    return b;
  };

  const speedControl = (s: RoomState) => {
    const sel = h(
      "select",
      { id: "host-speed-set", "aria-label": "Speed" },
      Array.from({ length: MAX_SPEED - MIN_SPEED + 1 }, (_, k) => k + MIN_SPEED).map((n) =>
        h("option", { value: n }, `×${n}`),
      ),
    );
    sel.value = String(s.speed);
    sel.addEventListener("change", () => void act("speed", { speed: Number(sel.value) }, sel));
    return h("label", { class: "inline" }, "Speed ", sel);
  };

  const injectPanel = (s: RoomState) => {
    const sc = findScenario(s.scenario);
    const kind = h(
      "select",
      { id: "inject-kind", "aria-label": "Incident" },
      INCIDENT_KINDS.map((k) => h("option", { value: k }, incidentTitle(k))),
    );
    const target = h(
      "select",
      { id: "inject-target", "aria-label": "Service it hits" },
      h("option", { value: "any" }, "any service"),
      (sc?.services ?? []).map((x) => h("option", { value: x.id }, x.name)),
    );
    const who = h(
      "select",
      { id: "inject-cluster", "aria-label": "Whose datacenter" },
      h("option", { value: "all" }, "everyone"),
      Object.values(s.rows).map((r) => h("option", { value: r.cluster }, r.name)),
    );
    const go = h("button", { id: "inject-go", class: "warn" }, "Inject");
    go.addEventListener("click", async () => {
      const r = await act(
        "inject",
        { incident: kind.value as IncidentKind, target: target.value, size: 0, cluster: who.value },
        go,
      );
      const whom = who.selectedOptions[0]?.textContent ?? "everyone";
      // A spike is announced, as a campaign is: students see it coming and can scale first.
      if (r?.ok)
        toast(
          kind.value === "spike"
            ? `Traffic spike announced for ${whom}: it arrives in ${INJECTED_SPIKE_ANNOUNCE / 60} minutes.`
            : `${incidentTitle(kind.value as IncidentKind)} injected for ${whom}.`,
          "ok",
          go,
        );
    });
    return h(
      "details",
      { class: "inject", id: "inject" },
      h("summary", {}, "Inject an incident"),
      h(
        "div",
        { class: "row wrap" },
        kind,
        h("label", { class: "inline" }, "on ", target),
        h("label", { class: "inline" }, "for ", who),
        go,
      ),
    );
  };

  const nextRound = (s: RoomState) => {
    const sc = scenarioSelect("next-scenario", s.scenario);
    const seed = h("input", {
      id: "next-seed",
      type: "number",
      min: 0,
      max: 4294967295,
      placeholder: "random",
      "aria-label": "Seed (empty: a new random one)",
    });
    const plan = planningSelect("next-planning", s.planning);
    const go = h("button", { id: "new-round", class: "primary" }, "Start a new round");
    go.addEventListener("click", () => {
      const body: HostBody<"new-round"> = {
        scenario: sc.value,
        planningSeconds: Number(plan.value),
        ...(seed.value.trim() !== "" ? { seed: Number(seed.value) } : {}),
      };
      void act("new-round", body, go);
    });
    return h(
      "section",
      { class: "card next-round", id: "next-round" },
      h("h2", {}, "Play another round"),
      h(
        "p",
        { class: "dim" },
        "Same class, same code: everyone stays in and goes back to the lobby. A new seed gives new random failures; the same seed replays the same day.",
      ),
      h(
        "div",
        { class: "row wrap" },
        h("label", { class: "inline" }, "Scenario ", sc),
        h("label", { class: "inline" }, "Seed ", seed),
        h("label", { class: "inline" }, "Planning ", plan),
      ),
      go,
    );
  };

  const reports = (s: RoomState) => {
    const last = s.phase === "lobby" ? s.round - 1 : s.round;
    const links: HTMLElement[] = [];
    for (let r = Math.max(1, last); r >= 1; r--) {
      const current = r === last;
      links.push(
        h(
          "span",
          { class: "report-round" },
          s.round > 1 ? h("span", { class: "dim" }, `Round ${r}: `) : null,
          h(
            "a",
            {
              class: "button small",
              href: reportUrl(code, hostKey, "csv", r),
              id: current ? "report-csv" : `report-csv-${r}`,
              download: "",
            },
            "Spreadsheet (CSV)",
          ),
          h(
            "a",
            {
              class: "button small",
              href: reportUrl(code, hostKey, "json", r),
              id: current ? "report-json" : `report-json-${r}`,
              target: "_blank",
            },
            "JSON",
          ),
        ),
      );
      if (links.length >= 4) break;
    }
    return last >= 1 ? h("div", { class: "reports row wrap" }, h("strong", {}, "Report "), links) : null;
  };

  return {
    el,
    update(s) {
      const k = JSON.stringify([
        s.phase,
        s.planningLeft > 0,
        s.locked,
        s.lateJoin,
        s.speed,
        s.round,
        s.scenario,
        s.planning,
        Object.values(s.rows).map((r) => [r.cluster, r.name]),
        Object.keys(s.seats).length === 0,
      ]);
      if (k === key) return;
      key = k;
      const inPlanning = s.phase === "planning" || (s.phase === "paused" && s.planningLeft > 0);
      const main: (HTMLElement | null)[] = [];
      if (s.phase === "lobby") {
        const start = button(
          "host-start",
          s.planning > 0 ? `Start: ${s.planning} s of planning` : "Start the round",
          "start",
          {},
          "primary big-button",
        );
        if (Object.keys(s.seats).length === 0) start.title = "Nobody has joined yet";
        main.push(start);
      }
      if (s.phase === "planning") main.push(button("host-start", "Start now (countdown)", "start", {}, "primary"));
      if (s.phase === "running" || s.phase === "planning") main.push(button("host-pause", "Pause", "pause", {}));
      if (s.phase === "paused")
        main.push(button("host-resume", inPlanning ? "Resume planning" : "Resume", "resume", {}, "primary"));
      if (inPlanning) main.push(button("host-end", "Cancel: back to the lobby", "end", {}, "danger"));
      else if (s.phase === "running" || s.phase === "paused") {
        const end = h("button", { id: "host-end", class: "danger" }, "End the round");
        end.addEventListener(
          "click",
          () => confirm("End the round now for everyone? Results are kept as they stand.") && void act("end", {}, end),
        );
        main.push(end);
      }
      const live = s.phase !== "ended";
      swap(
        el,
        h(
          "div",
          { class: "row wrap control-row" },
          ...main,
          live ? speedControl(s) : null,
          live ? toggle("host-lock", s.locked, "Locked", "Lock", "lock", { locked: !s.locked }) : null,
          live
            ? toggle("host-late", s.lateJoin, "Late join: on", "Late join: off", "late-join", { on: !s.lateJoin })
            : null,
        ),
        (s.phase === "running" || s.phase === "paused") && !inPlanning ? injectPanel(s) : null,
        s.phase === "ended" ? nextRound(s) : null,
        reports(s),
      );
    },
  };
}
