/**
 * A level's briefing, read before play: the idea in a few sentences beside a picture of
 * it, the first step, and Start, all on the first screen (at 1366×768 and on a phone). The
 * rest of the text and the glossary words are one tap away, not in the way.
 * Pictures: the host stacks (assets/art/stack-*.svg) for the hypervisor and container
 * levels, and the traffic forecast for the levels about load.
 */
import { publishedDemand, type Scenario } from "@overcommit/shared";
import { h, fmtMoney } from "./dom.ts";
import type { Nav, PlayOptions } from "./nav.ts";
import { findScenario } from "../game/scenarios.ts";
import { concept } from "../teach/glossary.ts";
import { artUrl } from "../scenes/textures.ts";
import { caption, polyline, svg } from "./charts.ts";
import { expertRecord } from "../solo/record.ts";
import { starRules } from "./campaign.ts";

/** The pictures of each idea, by the concepts a scenario lists (first match wins). */
const PICTURES: readonly [string, readonly string[], string][] = [
  [
    "type-2-hypervisor",
    ["stack-type1", "stack-type2"],
    "Type 1 runs on the bare metal; Type 2 runs on top of a whole host OS.",
  ],
  ["isolation", ["stack-type1", "stack-containers"], "VMs each bring their own OS; containers share one kernel."],
  ["container", ["stack-containers"], "Containers share the host's kernel: no guest OS each."],
  ["virtual-machine", ["stack-type1"], "Each VM carries its own guest OS on the hypervisor."],
  ["vm-ha", ["stack-type1"], "VMs on Type 1 hosts: VM HA restarts them on another host."],
  [
    "kubernetes",
    ["stack-containers"],
    "Kubernetes places pods (containers) on container hosts and keeps them running.",
  ],
];

function picture(sc: Scenario): HTMLElement {
  const pick = PICTURES.find(([c]) => sc.concepts.includes(c));
  if (!pick || (sc.services.some((s) => s.traffic.spikes.length > 0) && !sc.concepts.includes("isolation")))
    return forecastPicture(sc);
  return h(
    "figure",
    { class: "brief-picture" },
    h(
      "div",
      { class: "stacks" },
      pick[1].map((name) => h("img", { src: artUrl(name) ?? "", alt: "", width: 200, height: 150 })),
    ),
    h("figcaption", {}, pick[2]),
  );
}

/** The round's published traffic, per service: what the forecast will show, whole. */
function forecastPicture(sc: Scenario): HTMLElement {
  const w = 320;
  const hgt = 114;
  const step = Math.max(1, Math.floor(sc.length / 80));
  const series = sc.services.map((spec, s) => {
    const pts: number[] = [];
    // Known from the start: the curve, and the spikes announced by the time the round opens.
    for (let t = 0; t <= sc.length; t += step) pts.push(publishedDemand(spec, s, 0, t));
    return pts;
  });
  const max = Math.max(1, ...series.flat());
  const colors = ["#56b4e9", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948"];
  const chart = svg(w, hgt + 16, "the traffic expected over the round");
  series.forEach((pts, k) => chart.append(polyline(pts, max, w, hgt, colors[k % colors.length]!, 2)));
  chart.append(caption(hgt + 13, `0 → ${Math.round(sc.length / 60)} min · peak ${max} req/s`));
  return h(
    "figure",
    { class: "brief-picture" },
    chart,
    h(
      "figcaption",
      {},
      sc.services.map((s, k) => h("span", { class: "legend-dot", style: `--c:${colors[k % colors.length]}` }, s.name)),
    ),
  );
}

export function briefingScreen(nav: Nav, opts: PlayOptions): HTMLElement {
  const sc = findScenario(opts.scenarioId);
  if (!sc)
    return h(
      "main",
      { class: "screen narrow" },
      h("p", {}, "Unknown scenario."),
      h("button", { onclick: () => nav.menu() }, "Menu"),
    );
  const b = sc.briefing;
  const start = h("button", { id: "briefing-start", class: "primary big", onclick: () => nav.play(opts) }, "Start");
  queueMicrotask(() => start.focus());
  const [lead = "", ...rest] = b.text.split(/\n\n+/);
  const words = sc.concepts.flatMap((id) => {
    const c = concept(id);
    return c ? [h("dt", {}, c.term), h("dd", {}, c.short)] : [];
  });
  return h(
    "main",
    { class: "screen briefing" },
    h(
      "p",
      { class: "brief-kicker" },
      sc.kind === "campaign" ? "Campaign" : "Scenario",
      " · ",
      `${Math.round(sc.length / 60)} simulated minutes`,
    ),
    h("h1", {}, b.title || sc.title),
    h(
      "div",
      { class: "brief-top" },
      h(
        "div",
        { class: "brief-text" },
        h("p", { class: "brief-lead" }, lead),
        h("p", { class: "first-step" }, h("strong", {}, "First step: "), b.firstStep),
        h("div", { class: "row" }, start, h("button", { id: "back", onclick: () => nav.menu() }, "Menu")),
      ),
      picture(sc),
    ),
    rest.length
      ? h(
          "details",
          { class: "brief-more", id: "brief-more" },
          h("summary", {}, "The whole briefing"),
          rest.map((p) => h("p", {}, p)),
        )
      : null,
    words.length
      ? h(
          "details",
          { class: "brief-more concepts", id: "brief-words" },
          h("summary", {}, `Words you will meet (${sc.concepts.length})`),
          h("dl", {}, words),
        )
      : null,
    h("p", { class: "dim", id: "brief-stars" }, `Starting money ${fmtMoney(sc.startMoney)} · ${starRules(sc)}.`),
    recordLine(nav, opts, sc),
  );
}

/** The record to beat (the expert on this seed), filled in once the screen has painted, and a race against it. */
function recordLine(nav: Nav, opts: PlayOptions, sc: Scenario): HTMLElement {
  const score = h("strong", { id: "briefing-record" }, "…");
  setTimeout(() => (score.textContent = fmtMoney(expertRecord(sc, opts.seed))), 30);
  const race =
    opts.ghost === "expert"
      ? null
      : h(
          "button",
          { id: "briefing-race-expert", onclick: () => nav.play({ ...opts, ghost: "expert" }) },
          "Race the expert",
        );
  return h(
    "p",
    { class: "record row wrap" },
    h("span", {}, "Record to beat: the expert scores ", score, ` on seed ${opts.seed}.`),
    race,
  );
}
