/**
 * After a round: stars and score, traffic against capacity per service, the incidents on a
 * timeline with cause and prevention, the VM vs container table filled with the player's
 * own numbers, packing efficiency and where the money went. Records the run locally.
 */
import {
  RULES_VERSION,
  checkNickname,
  clock,
  debrief,
  DEFAULT_BLOCKED_WORDS,
  encodeReplay,
  handSentence,
  SLA_STAR_BP,
  stateHash,
} from "@overcommit/shared";
import { fmtMoney, h, pct } from "./dom.ts";
import { bailoutMark, bailoutSentence } from "./bailout.ts";
import { incidentTimeline, trafficChart } from "./charts.ts";
import type { Nav, PlayOptions } from "./nav.ts";
import type { SoloGame } from "../solo/soloLoop.ts";
import { scoreBars, stars } from "./campaign.ts";
import { recordRun, rememberScenario, setLastRun, toBase64 } from "../solo/progress.ts";
import { campaign } from "../game/scenarios.ts";
import { VM_VS_CONTAINER } from "../teach/glossary.ts";
import { submitSoloRun } from "../online/api.ts";
import type { RunTicket } from "../solo/runTicket.ts";
import { sound } from "../audio/sound.ts";
import { expertRecord } from "../solo/record.ts";

const NICK_KEY = "overcommit.nickname";

/**
 * Sends the run to the server with the ticket it got when it started; the server
 * re-simulates it and records a verified score. A run without a ticket (played offline)
 * cannot be submitted, and the box says so.
 */
function submitBox(
  scenarioId: string,
  replay: Uint8Array,
  finished: boolean,
  assignment: string | undefined,
  ticket: RunTicket,
): HTMLElement {
  if (!finished) return h("p", { class: "dim" }, "Only finished runs can be submitted.");
  if (ticket.current?.state === "none") return h("p", { class: "dim", id: "submit-result" }, ticket.current.why);
  const nick = h("input", {
    id: "submit-nick",
    maxlength: 20,
    value: localStorage.getItem(NICK_KEY) ?? "",
    "aria-label": "Nickname",
  });
  const out = h("span", { role: "status", id: "submit-result" });
  const btn = h(
    "button",
    { id: "submit-run", class: assignment ? "primary" : "" },
    assignment ? `Hand in to assignment ${assignment}` : "Submit to the leaderboard",
  );
  btn.addEventListener("click", async () => {
    // The server's own nickname rule, so a refusal shows before anything is sent.
    const checked = checkNickname(nick.value, [], DEFAULT_BLOCKED_WORDS);
    if (!checked.ok) return void (out.textContent = checked.message);
    localStorage.setItem(NICK_KEY, checked.value);
    rememberScenario(scenarioId);
    btn.disabled = true;
    out.textContent = "Verifying…";
    const t = await ticket.ready;
    const r =
      t.state === "ok"
        ? await submitSoloRun(replay, checked.value, t.ticket, assignment)
        : { ok: false as const, message: t.why };
    btn.disabled = false;
    out.textContent = r.ok ? `Verified by the server: score ${r.score}, ${r.stars} star(s).` : r.message;
    out.className = r.ok ? "good" : "why";
  });
  return h("div", { class: "row wrap" }, h("label", {}, "Nickname ", nick), btn, out);
}

/** How the round compares with the record to beat (the expert on the same seed). */
function recordSentence(record: number, score: number, slaOk: boolean): HTMLElement {
  // The expert keeps its customers served: more money at a worse SLA is no record.
  if (score >= record && !slaOk)
    return h(
      "p",
      { id: "debrief-record" },
      `Your score tops the expert's ${fmtMoney(record)} on this seed, but with an SLA under 99 % it is no record.`,
    );
  const text =
    score > record
      ? `You beat the record: the expert scores ${fmtMoney(record)} on this seed.`
      : score === record
        ? `You matched the record: the expert's ${fmtMoney(record)} on this seed.`
        : `Record to beat: the expert scores ${fmtMoney(record)} on this seed, ${fmtMoney(record - score)} more.`;
  return h("p", { id: "debrief-record", class: score >= record ? "good" : "" }, text);
}

export function debriefScreen(nav: Nav, opts: PlayOptions, game: SoloGame, ticket: RunTicket): HTMLElement {
  const w = game.world;
  const d = debrief(w);
  const sc = game.scenario;
  const replay = encodeReplay({
    rulesVersion: RULES_VERSION,
    scenarioId: sc.id,
    scenarioVersion: sc.version,
    seed: w.seed,
    length: w.tick,
    log: game.log,
    hash: stateHash(w),
    score: d.score,
  });
  setLastRun(sc.id, replay);
  const recorded = recordRun(sc.id, {
    stars: d.stars,
    score: d.score,
    slaBp: d.slaBp,
    replay: toBase64(replay),
    at: new Date().toISOString(),
  });
  // A best worth cheering is a finished, solvent one; a bailed-out run is kept (to watch) but not celebrated.
  const isBest = recorded && d.stars > 0 && d.bailouts === 0;
  const levels = campaign();
  // The next level opens with a star here (see campaign.ts), and only then is it offered.
  const next = sc.kind === "campaign" && d.stars > 0 ? levels.find((s) => s.level === sc.level + 1) : undefined;
  const ghost = game.ghostScore();
  // Which star was missed, and what the next one asks (economy.ts starsOf).
  const verdict =
    d.bailouts > 0
      ? `Bankrupt, ${bailoutMark(d.bailouts)}: a run the bank had to rescue earns no star.`
      : d.stars === 0
        ? "Unfinished."
        : d.stars === 3
          ? "Perfect round."
          : d.slaBp < SLA_STAR_BP
            ? "Solvent, but customers saw dropped requests: two stars need an SLA of 99 %."
            : d.stars === 1
              ? `Solvent with a good SLA, but under par: a score of ${fmtMoney(sc.parScore)} earns the second star.`
              : `Solvent with a good SLA; a score of ${fmtMoney(sc.targetScore)} earns the third star.`;
  const nextBtn = next
    ? h(
        "button",
        { id: "debrief-next", class: "primary", onclick: () => nav.briefing({ scenarioId: next.id, seed: opts.seed }) },
        `Next: ${next.title}`,
      )
    : null;
  const retry = h(
    "button",
    { id: "debrief-retry", class: next ? "" : "primary", onclick: () => nav.briefing({ ...opts, watch: false }) },
    "Play again",
  );
  queueMicrotask(() => (nextBtn ?? retry).focus());
  sound.play(d.stars > 0 ? "won" : "lost");
  return h(
    "main",
    { class: "screen debrief", id: "debrief" },
    h("h1", {}, `Debrief — ${sc.title}`),
    h(
      "div",
      { class: "debrief-head" },
      h("div", { class: "big-stars", id: "debrief-stars", "data-stars": d.stars }, stars(d.stars)),
      h(
        "div",
        {},
        h("p", { class: "verdict" }, verdict, isBest ? " New best!" : ""),
        h(
          "p",
          {},
          `Score ${fmtMoney(d.score)}${scoreBars(sc) === null ? "" : ` (${scoreBars(sc)})`} · SLA ${pct(d.slaBp)} · packing ${d.packingPct < 0 ? "—" : `${d.packingPct} %`}`,
        ),
        ghost !== null
          ? h(
              "p",
              {},
              `Ghost ${game.ghostName}: ${fmtMoney(ghost)} — you ${d.score > ghost ? "won" : d.score === ghost ? "tied" : "lost"}.`,
            )
          : null,
        game.ghostName === "expert" || !w.finished
          ? null
          : recordSentence(expertRecord(sc, w.seed), d.score, d.slaBp >= SLA_STAR_BP),
        // Where the money went, with the costs a lesson is about named on their own.
        h(
          "p",
          { class: "dim", id: "debrief-money" },
          `Revenue ${fmtMoney(d.revenue)} · running costs ${fmtMoney(d.costs)}${d.onCallPages > 0 ? `, of which on-call pages ×${d.onCallPages} ${fmtMoney(d.onCallCost)}` : ""} · SLA penalties ${fmtMoney(d.penalties - d.breachFines)}${d.breachFines > 0 ? ` · card-data breach fine ${fmtMoney(d.breachFines)}` : ""}${d.bailouts > 0 ? ` · bank fees ${fmtMoney(d.bailoutFees)}` : ""}`,
        ),
        d.bailouts > 0 ? h("p", { id: "debrief-bailouts" }, bailoutSentence(d.bailouts, d.debt)) : null,
        d.handJobs > 0 ? h("p", { id: "debrief-hands" }, handSentence(sc, d.handJobs, d.handSeconds)) : null,
      ),
    ),
    h(
      "div",
      { class: "row" },
      nextBtn,
      retry,
      h(
        "button",
        { id: "debrief-replay", onclick: () => nav.play({ ...opts, watch: true, ghost: undefined }) },
        "Watch replay",
      ),
      h("button", { id: "debrief-menu", onclick: () => nav.menu() }, "Menu"),
    ),
    submitBox(sc.id, replay, w.finished, opts.assignment, ticket),
    h("h2", {}, "Traffic against capacity"),
    h("p", { class: "dim" }, "Blue: demand. Green dashes: the capacity you had running. Red: requests dropped."),
    h(
      "div",
      { class: "charts" },
      d.services.map((s) =>
        h(
          "figure",
          {},
          h(
            "figcaption",
            {},
            `${s.name} — served ${s.totalServed.toLocaleString("en-US")} of ${s.totalDemand.toLocaleString("en-US")} requests`,
          ),
          trafficChart(s.demand, s.capacity, s.served, s.every, 520, 120),
        ),
      ),
    ),
    h("h2", {}, "Incidents"),
    d.incidents.length === 0
      ? null
      : h(
          "div",
          { class: "timeline" },
          incidentTimeline(
            d.incidents.map((r) => ({
              tick: r.tick,
              resolvedAt: r.resolvedAt,
              title: `${clock(r.tick)} ${r.title}${r.service ? ` · ${r.service}` : ""}${r.count > 1 ? ` ×${r.count}` : ""}`,
            })),
            Math.max(d.ticks, 1),
          ),
        ),
    d.incidents.length === 0
      ? h("p", { class: "dim" }, "No incidents this round.")
      : h(
          "table",
          { class: "incidents" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", {}, "When"),
              h("th", {}, "What"),
              h("th", {}, "Handled by"),
              h("th", {}, "Lasted"),
              h("th", {}, "Dropped"),
              h("th", {}, "What prevents it"),
            ),
          ),
          h(
            "tbody",
            {},
            d.incidents.map((r) =>
              h(
                "tr",
                {},
                h("td", {}, clock(r.tick)),
                h(
                  "td",
                  {},
                  `${r.title}${r.service ? ` · ${r.service}` : ""}${r.node >= 0 ? ` · node ${r.node}` : ""}`,
                  r.count > 1 ? h("strong", { class: "count" }, ` ×${r.count}`) : null,
                ),
                h("td", {}, r.resolvedBy),
                h("td", {}, r.lasted < 0 ? "—" : `${r.lasted} s`),
                h("td", {}, r.dropped.toLocaleString("en-US")),
                h("td", {}, r.prevention),
              ),
            ),
          ),
        ),
    // Overlapping incidents share one shortfall: say where its drops are counted, so a 0 reads right.
    d.incidents.length === 0
      ? null
      : h(
          "p",
          { class: "dim incidents-note" },
          "Dropped: requests lost while it was open, each counted once, on the earliest open incident of its service (during a spike, on the spike).",
        ),
    h("h2", {}, "VMs vs containers — your numbers"),
    h(
      "table",
      { class: "compare" },
      h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, "Virtual machines"), h("th", {}, "Containers"))),
      h(
        "tbody",
        {},
        d.comparison.map((r) => {
          // The card's general statement, then what this player's own round measured.
          const card = VM_VS_CONTAINER.find((c) => c.aspect === r.aspect);
          return h(
            "tr",
            {},
            h("th", {}, card?.title ?? r.aspect),
            h("td", {}, card ? h("div", { class: "dim" }, card.vm) : null, r.vm),
            h("td", {}, card ? h("div", { class: "dim" }, card.container) : null, r.container),
          );
        }),
      ),
    ),
    h(
      "p",
      { class: "dim" },
      `Packing efficiency: the fewest nodes that could have held your instances ÷ the nodes you ran, over the round. Replay saved locally (${replay.length} bytes).`,
    ),
  );
}
