/**
 * The podium at the end of a round: the top three on steps (second, first, third from left
 * to right, as on a real one), rising one after the other, with score and SLA. The
 * projector shows it large; a student's end screen small, with their own place.
 */
import { fmtMoney, h, pct } from "../ui/dom.ts";
import type { RoomState } from "./classroom.ts";
import { sortedRows } from "./leaderboard.ts";

export function podium(s: RoomState, opts: { big?: boolean } = {}): HTMLElement {
  const top = sortedRows(s).slice(0, 3);
  if (top.length === 0) return h("p", { class: "dim" }, "Nobody played this round.");
  // Left to right: 2nd, 1st, 3rd; each step appears in turn, the winner last.
  const order = [1, 0, 2].filter((k) => k < top.length);
  return h(
    "ol",
    { class: `podium${opts.big ? " big" : ""}`, id: "podium-steps", "aria-label": "Podium" },
    order.map((k) => {
      const r = top[k]!;
      return h(
        "li",
        { class: `step step${k + 1}`, style: `animation-delay: ${[1.6, 0.8, 0][k]}s` },
        h("span", { class: "step-name" }, r.name),
        h("span", { class: "step-score" }, fmtMoney(r.score)),
        h("span", { class: "step-sla" }, `SLA ${pct(r.slaBp)}`),
        h("span", { class: "step-block" }, String(k + 1)),
      );
    }),
  );
}
