/** Campaign level list and the Quick solo picker. */
import { BOT_NAMES, MAX_MONEY, staleRules, type BotName, type Scenario } from "@overcommit/shared";
import { h, fmtMoney, pct, rebuild } from "./dom.ts";
import type { Nav } from "./nav.ts";
import { allScenarios, campaign } from "../game/scenarios.ts";
import { bestOf, isStale, lastScenario, rememberScenario, rulesOf } from "../solo/progress.ts";
import { dailySeed, leaderboard } from "../online/api.ts";
import { bailoutTag } from "./bailout.ts";

export function stars(n: number, of = 3): HTMLElement {
  return h(
    "span",
    { class: "stars", "aria-label": `${n} of ${of} stars` },
    "★".repeat(n),
    h("span", { class: "star-off" }, "☆".repeat(Math.max(0, of - n))),
  );
}

/** What each star asks, in words; a scenario without a par (a class's race) asks only for the SLA at two. */
export function starRules(sc: Scenario): string {
  const par = sc.parScore > -MAX_MONEY ? ` and score ≥ ${fmtMoney(sc.parScore)}` : "";
  return `★ finish solvent · ★★ SLA ≥ 99 %${par} · ★★★ score ≥ ${fmtMoney(sc.targetScore)}`;
}

/**
 * The debrief's reminder of the bars the score was measured against; null for a
 * competitive scenario, which sets none (its bar is the record to beat and the class).
 */
export function scoreBars(sc: Scenario): string | null {
  if (sc.kind === "competitive") return null;
  return sc.parScore > -MAX_MONEY
    ? `par ${fmtMoney(sc.parScore)}, target ${fmtMoney(sc.targetScore)}`
    : `target ${fmtMoney(sc.targetScore)}`;
}

export function campaignScreen(nav: Nav): HTMLElement {
  const levels = campaign();
  return h(
    "main",
    { class: "screen narrow" },
    h("h1", {}, "Solo campaign"),
    h(
      "ol",
      { class: "levels" },
      levels.map((s, k) => {
        const best = bestOf(s.id);
        // A level opens once the one before has a star: finished solvent, not merely played.
        const locked =
          k > 0 && (bestOf(levels[k - 1]!.id)?.stars ?? 0) < 1 && !new URLSearchParams(location.search).has("unlock");
        return h(
          "li",
          {},
          h(
            "button",
            {
              id: `level-${s.level}`,
              class: "level",
              disabled: locked,
              onclick: () => nav.briefing({ scenarioId: s.id, seed: 1 }),
            },
            h("span", { class: "level-n" }, `Level ${s.level}`),
            h("span", { class: "level-title" }, s.title),
            stars(best?.stars ?? 0),
            locked
              ? h("span", { class: "dim" }, `locked: earn a star in level ${s.level - 1}`)
              : best
                ? isStale(best)
                  ? h(
                      "span",
                      { class: "dim", title: staleRules(rulesOf(best), "This best run", "played") ?? "" },
                      `best ${best.score} (earlier rules)`,
                    )
                  : h("span", { class: "dim" }, `best ${best.score}`)
                : null,
          ),
        );
      }),
    ),
    h("button", { class: "back", id: "back", onclick: () => nav.menu() }, "← Menu"),
  );
}

export function quickScreen(nav: Nav): HTMLElement {
  const list = allScenarios();
  const sel = h(
    "select",
    { id: "quick-scenario" },
    list.map((s) => h("option", { value: s.id }, `${s.kind === "campaign" ? `Level ${s.level}: ` : ""}${s.title}`)),
  );
  // The scenario last played or submitted, else the first competitive one.
  const last = lastScenario();
  const comp = list.find((s) => s.id === last) ?? list.find((s) => s.kind === "competitive");
  if (comp) sel.value = comp.id;
  const seed = h("input", { id: "quick-seed", type: "number", min: 1, max: 999999, value: 1 });
  const ghost = h(
    "select",
    { id: "quick-ghost" },
    h("option", { value: "" }, "no ghost"),
    BOT_NAMES.map((b) => h("option", { value: b }, b)),
  );
  ghost.value = "autopilot";
  const seedValue = () => Math.max(1, Number(seed.value) | 0);
  // Today's seed is the same for everyone: one board a day per scenario (when a server is there).
  const daily = h("button", { type: "button", id: "quick-daily", class: "link", hidden: true }, "");
  void dailySeed().then((d) => {
    if (!d.ok) return;
    daily.textContent = `Use today's seed (${d.seed})`;
    daily.hidden = false;
    daily.onclick = () => {
      seed.value = String(d.seed);
      void loadBoard();
    };
  });
  // The verified leaderboard of the chosen scenario and seed, when a server is there to ask.
  const board = h("div", { class: "quick-board", "aria-live": "polite" });
  const loadBoard = async () => {
    const id = sel.value;
    const n = seedValue();
    const r = await leaderboard(id, n);
    if (id !== sel.value || n !== seedValue()) return;
    if (!r.ok) return rebuild(board, r.code === "no-server" ? "" : h("p", { class: "dim" }, r.message));
    rebuild(
      board,
      h("h2", {}, r.daily ? `Today's board (seed ${r.seed})` : `Verified best runs on seed ${r.seed}`),
      r.entries.length === 0
        ? h("p", { class: "dim" }, "No verified runs on this seed yet: finish a round and submit it from the debrief.")
        : h(
            "table",
            { class: "leaderboard" },
            h(
              "tbody",
              {},
              r.entries.map((e) =>
                h(
                  "tr",
                  {},
                  h("td", {}, e.rank),
                  h(
                    "td",
                    {},
                    e.nickname,
                    bailoutTag(
                      e.bailouts,
                      "Bankrupt in this run: the bank bailed it out, and its score carries the loans and fees.",
                    ),
                  ),
                  h("td", {}, fmtMoney(e.score)),
                  h("td", {}, pct(e.slaBp)),
                  h("td", {}, stars(e.stars)),
                ),
              ),
            ),
          ),
    );
  };
  sel.addEventListener("change", () => void loadBoard());
  seed.addEventListener("change", () => void loadBoard());
  void loadBoard();
  return h(
    "main",
    { class: "screen narrow" },
    h("h1", {}, "Quick solo"),
    h(
      "form",
      {
        class: "card form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          rememberScenario(sel.value);
          nav.briefing({
            scenarioId: sel.value,
            seed: seedValue(),
            ghost: (ghost.value || undefined) as BotName | undefined,
          });
        },
      },
      h("label", {}, "Scenario", sel),
      h("label", {}, "Seed (same seed = same round; each seed has its own board)", seed),
      daily,
      h("label", {}, "Race a bot's ghost", ghost),
      h("button", { type: "submit", id: "quick-start", class: "primary" }, "Play"),
    ),
    board,
    h("button", { class: "back", id: "back", onclick: () => nav.menu() }, "← Menu"),
  );
}
