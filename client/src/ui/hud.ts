/**
 * The top bar: money and its trend, SLA, the simulated clock, pause and speed, the
 * ghost's score when racing a bot, and the buttons for help, glossary and leaving.
 */
import { clock, runningCost } from "@overcommit/shared";
import { fmtMoney, h, pct, toast } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import { SPEEDS } from "../solo/soloLoop.ts";
import { bailoutMarkParts, bailoutSentence } from "./bailout.ts";
import { soundControl } from "../audio/soundControl.ts";

export interface Hud {
  readonly el: HTMLElement;
  update(): void;
  /** Money passed a milestone: the figure jumps. */
  milestone(): void;
}

/** Restarts a one-shot CSS animation class on an element. */
function bump(el: HTMLElement, cls: string): void {
  el.classList.remove(cls);
  void el.offsetWidth;
  el.classList.add(cls);
}

export function createHud(ctx: PlayContext, actions: { help(): void; glossary(): void; quit(): void }): Hud {
  const money = h("strong", { id: "hud-money" });
  const trend = h("span", { class: "trend", id: "hud-trend" });
  const sla = h("strong", { id: "hud-sla" });
  const time = h("strong", { id: "hud-clock" });
  const cost = h("span", {
    class: "dim hud-cost",
    id: "hud-cost",
    title: "Running cost per second: nodes, licences, upgrades",
  });
  // On a phone the mark is its count alone ("×2"); a tap tells what it means, as its tooltip does.
  const bailed: HTMLElement = h("span", {
    class: "hud-bailouts",
    id: "hud-bailouts",
    hidden: true,
    onclick: () => toast(bailed.title, "info", bailed),
  });
  const ghost = h("span", { id: "hud-ghost", class: "ghost" });
  const pause = h("button", {
    id: "hud-pause",
    class: "pause",
    title: "Pause / resume (Space)",
    onclick: () => ctx.game.setPaused(!ctx.game.paused),
  });
  // On a phone one button steps through the speeds instead of six.
  const cycle = h("button", {
    id: "speed-cycle",
    class: "speed-cycle",
    title: "Speed: tap for the next",
    onclick: () =>
      ctx.game.setSpeed(SPEEDS[(SPEEDS.indexOf(ctx.game.speed as (typeof SPEEDS)[number]) + 1) % SPEEDS.length]!),
  });
  const speeds = SPEEDS.map((s) =>
    h(
      "button",
      {
        id: `speed-${s}`,
        class: "speed",
        title: `${s} simulated seconds per real second`,
        onclick: () => ctx.game.setSpeed(s),
      },
      `×${s}`,
    ),
  );
  const el = h(
    "header",
    // A ghost race needs room for the ghost: the plain labels ("Money", "Time") make way.
    { class: ctx.game.ghostName ? "hud racing" : "hud", "aria-label": "Status" },
    h(
      "span",
      { class: "hud-title", title: ctx.scenario.title },
      ctx.game.replay ? `Replay: ${ctx.scenario.title}` : ctx.scenario.title,
    ),
    h(
      "span",
      {
        class: "hud-item hud-money-item",
        title: "Money now, and how it changes per simulated second (after running costs)",
      },
      h("span", { class: "hud-label" }, "Money "),
      money,
      " ",
      trend,
      " ",
      cost,
      " ",
      bailed,
    ),
    h(
      "span",
      {
        class: "hud-item",
        title: "SLA: requests served ÷ requests demanded this round (99 % and the level's par earn the second star)",
      },
      "SLA ",
      sla,
    ),
    h("span", { class: "hud-item", title: "Simulated time" }, h("span", { class: "hud-label" }, "Time "), time),
    ghost,
    ctx.game.canControlTime
      ? h("span", { class: "hud-speed", role: "group", "aria-label": "Speed" }, pause, ...speeds, cycle)
      : h("span", { class: "dim", id: "hud-speed-online" }),
    h(
      "span",
      { class: "hud-right" },
      soundControl(),
      h("button", { id: "hud-help", title: "Keyboard shortcuts (?)", onclick: actions.help }, "?"),
      h("button", { id: "hud-glossary", title: "Glossary (G)", onclick: actions.glossary }, "Glossary"),
      h("button", { id: "hud-quit", title: "Leave this round", onclick: actions.quit }, "Menu"),
    ),
  );
  let lastSla = -1;
  let lastShake = 0;
  return {
    el,
    milestone() {
      bump(money, "pop");
    },
    update() {
      const g = ctx.game;
      const v = g.view;
      money.textContent = fmtMoney(v.money);
      // In the red, the money pulses; a milestone makes it jump (milestone()).
      money.classList.toggle("bad", v.money < 0);
      money.classList.toggle("alarm", v.money < 0);
      const hist = g.moneyHist;
      const span = Math.min(30, hist.length - 1);
      const perSec = span > 0 ? (hist[hist.length - 1]! - hist[hist.length - 1 - span]!) / span : 0;
      trend.textContent = `${perSec >= 0 ? "▲ +" : "▼ "}${perSec.toFixed(1)}/s`;
      trend.className = `trend ${perSec >= 0 ? "up" : "down"}`;
      cost.textContent = `(costs ${runningCost(g.world)}/s)`;
      bailed.hidden = v.bailouts === 0;
      if (v.bailouts > 0) {
        if (bailed.dataset["count"] !== String(v.bailouts)) {
          bailed.dataset["count"] = String(v.bailouts);
          bailed.replaceChildren(...bailoutMarkParts(v.bailouts));
        }
        bailed.title = bailoutSentence(v.bailouts, v.debt);
      }
      sla.textContent = pct(v.slaBp);
      sla.classList.toggle("good", v.slaBp >= 9900);
      sla.classList.toggle("bad", v.slaBp < 9900);
      // The SLA slipping (requests being dropped) makes it shake.
      const now = performance.now();
      if (lastSla >= 0 && v.slaBp < lastSla && v.slaBp < 9900 && now - lastShake > 3000) {
        lastShake = now;
        bump(sla, "shake");
      }
      lastSla = v.slaBp;
      time.textContent = `${clock(v.tick)} / ${clock(v.length)}`;
      const gs = g.ghostScore();
      ghost.textContent = gs === null ? "" : `Ghost ${fmtMoney(gs)} · you ${fmtMoney(v.score)}`;
      ghost.title =
        gs === null ? "" : `The ${g.ghostName ?? ""} bot plays the same round beside you: its score against yours.`;
      ghost.className = `ghost ${gs !== null && v.score >= gs ? "ahead" : "behind"}`;
      const online = document.getElementById("hud-speed-online");
      if (online) online.textContent = g.paused ? "Paused by the instructor" : `×${g.speed}`;
      pause.textContent = g.paused ? "▶ Play" : "❚❚ Pause";
      cycle.textContent = `×${g.speed}`;
      pause.setAttribute("aria-pressed", String(g.paused));
      for (const [k, b] of speeds.entries()) b.setAttribute("aria-pressed", String(SPEEDS[k] === g.speed));
    },
  };
}
