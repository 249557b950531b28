/** The live leaderboard table (host dashboard, projector, podium), from the room's rows. */
import { h, fmtMoney, pct } from "../ui/dom.ts";
import type { RoomState, Row } from "./classroom.ts";

export function sortedRows(s: RoomState): Row[] {
  return Object.values(s.rows).sort((a, b) => b.score - a.score || b.slaBp - a.slaBp || a.name.localeCompare(b.name));
}

export function leaderboardTable(s: RoomState, opts: { big?: boolean; limit?: number } = {}): HTMLElement {
  const rows = sortedRows(s).slice(0, opts.limit ?? 500);
  return h(
    "table",
    { class: `leaderboard ${opts.big ? "big" : ""}` },
    h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "Name"), h("th", {}, "Score"), h("th", {}, "SLA"), h("th", {}, "Incidents"))),
    h(
      "tbody",
      {},
      rows.length === 0 ? h("tr", {}, h("td", { colspan: 5, class: "dim" }, "No clusters yet: they appear when the round starts.")) : null,
      rows.map((r, k) =>
        h(
          "tr",
          { class: r.bankrupt ? "bankrupt" : "" },
          h("td", {}, k + 1),
          h("td", {}, r.name, r.team ? h("span", { class: "dim" }, ` (team ${r.team})`) : null, r.bankrupt ? h("span", { class: "bad" }, " bankrupt") : null),
          h("td", {}, fmtMoney(r.score)),
          h("td", {}, pct(r.slaBp)),
          h("td", {}, `${r.incidents}${r.openIncidents ? ` (${r.openIncidents} open)` : ""}`),
        ),
      ),
    ),
  );
}
