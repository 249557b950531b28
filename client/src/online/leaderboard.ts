/**
 * The live leaderboard (instructor's desk, projector, students' end screen), from the
 * room's rows. Rows are kept per cluster and slide to their new place when ranks change
 * (FLIP: measure, reorder, play the difference back as a transform), with an arrow for a
 * few seconds after a climb or a fall, so the room sees the race rather than a table that
 * redraws. Ranked by score: money earned since the start (see `scoreNote`). A student the
 * bank bailed out carries its mark on their row and plays on like everyone else.
 */
import { h, fmtMoney, pct } from "../ui/dom.ts";
import { bailoutTag } from "../ui/bailout.ts";
import type { RoomState, Row } from "./classroom.ts";

export function sortedRows(s: RoomState): Row[] {
  return Object.values(s.rows).sort(
    (a, b) => b.score - a.score || b.slaBp - a.slaBp || a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
}

/** Ranks of rows sorted best first: the same score and SLA share a rank (1, 2, 2, 4), as in the report. */
export function boardRanks(rows: readonly Row[]): number[] {
  const out: number[] = [];
  rows.forEach((r, k) => {
    const prev = rows[k - 1];
    out.push(prev && prev.score === r.score && prev.slaBp === r.slaBp ? out[k - 1]! : k + 1);
  });
  return out;
}

/** Why the board's Score is not the Money a student sees, in one sentence. */
export function scoreNote(startMoney: number): string {
  return `Score = money now − the ${fmtMoney(startMoney)} everyone started with (and, for anyone bailed out, the bank's loans and fees): students see their money, the board ranks what they earned, so everyone starts at 0.`;
}

export interface BoardOptions {
  /** Projector type sizes. */
  readonly big?: boolean;
  /** Rows shown (the rest are counted below); asked at each update, so it can follow the screen's height. */
  readonly limit?: () => number;
  /** Adds a Money column (the instructor's desk, next to Score). */
  readonly money?: boolean;
  /** Extra cells at the end of a row (the instructor's "Watch" button). */
  readonly actions?: (r: Row) => HTMLElement | null;
  /** The cluster to highlight (the one being watched, or the student's own). */
  readonly highlight?: () => string;
  readonly id?: string;
}

interface Line {
  readonly el: HTMLElement;
  readonly cells: {
    rank: HTMLElement;
    name: HTMLElement;
    score: HTMLElement;
    sla: HTMLElement;
    inc: HTMLElement;
    money: HTMLElement | null;
    actions: HTMLElement | null;
  };
  rank: number;
  movedAt: number;
  dir: "up" | "down";
  key: string;
}

const MOVE_MS = 600;
const ARROW_MS = 4000;

export function liveBoard(opts: BoardOptions = {}): { el: HTMLElement; update(s: RoomState): void } {
  const head = h(
    "div",
    { class: "board-row board-head", role: "row" },
    h("span", { role: "columnheader" }, "#"),
    h("span", { role: "columnheader" }, "Name"),
    h("span", { role: "columnheader", title: "Money earned since the start of the round" }, "Score"),
    opts.money
      ? h(
          "span",
          {
            class: "board-money",
            role: "columnheader",
            title: "Money in the student's bank now (what their screen shows)",
          },
          "Money",
        )
      : null,
    h("span", { class: "board-sla", role: "columnheader", title: "Requests served ÷ requests demanded" }, "SLA"),
    h(
      "span",
      { class: "board-inc", role: "columnheader", title: "Incidents in this datacenter (and how many are still open)" },
      "Incidents",
    ),
    opts.actions ? h("span", { class: "board-actions", role: "columnheader" }, "") : null,
  );
  const body = h("div", { class: "board-body", role: "rowgroup" });
  const empty = h("p", { class: "board-empty" }, "No datacenters yet: they appear when the round starts.");
  const more = h("p", { class: "board-more" });
  const el = h(
    "div",
    {
      class: `leaderboard board ${opts.big ? "big" : ""} ${opts.money ? "with-money" : ""} ${opts.actions ? "with-actions" : ""}`,
      role: "table",
      id: opts.id ?? "",
      "aria-label": "Leaderboard",
    },
    head,
    body,
    empty,
    more,
  );
  const lines = new Map<string, Line>();
  let signature = "";

  const lineFor = (r: Row): Line => {
    let line = lines.get(r.cluster);
    if (line) return line;
    const cells = {
      rank: h("span", { class: "board-rank", role: "cell" }),
      name: h("span", { class: "board-name", role: "cell" }),
      score: h("span", { class: "board-score", role: "cell" }),
      sla: h("span", { class: "board-sla", role: "cell" }),
      inc: h("span", { class: "board-inc", role: "cell" }),
      money: opts.money ? h("span", { class: "board-money", role: "cell" }) : null,
      actions: opts.actions ? h("span", { class: "board-actions", role: "cell" }) : null,
    };
    const row = h(
      "div",
      { class: "board-row", role: "row", "data-cluster": r.cluster },
      cells.rank,
      cells.name,
      cells.score,
      cells.money,
      cells.sla,
      cells.inc,
      cells.actions,
    );
    // Made once per row, so a button keeps its focus while the board updates.
    const act = opts.actions?.(r);
    if (act && cells.actions) cells.actions.append(act);
    line = { el: row, cells, rank: 0, movedAt: 0, dir: "up", key: "" };
    lines.set(r.cluster, line);
    return line;
  };

  return {
    el,
    update(s) {
      // Rows move once a second at most (class ticks); redraws in between change nothing.
      const mark0 = opts.highlight?.() ?? "";
      const sig = `${mark0}|${JSON.stringify(s.rows)}|${JSON.stringify(s.mode === "teams" ? s.seats : {})}`;
      const animating = [...lines.values()].some(
        (l) => l.movedAt > 0 && performance.now() - l.movedAt < ARROW_MS + 100,
      );
      if (sig === signature && !animating) return;
      signature = sig;
      const all = sortedRows(s);
      const rows = all.slice(0, Math.max(1, opts.limit?.() ?? 500));
      const ranks = boardRanks(all);
      empty.hidden = all.length > 0;
      more.hidden = all.length <= rows.length;
      more.textContent = `… and ${all.length - rows.length} more`;
      const keep = new Set(rows.map((r) => r.cluster));
      for (const [id, line] of lines) if (!keep.has(id)) (line.el.remove(), lines.delete(id));
      // First: where each row is now.
      const before = new Map<string, number>();
      for (const [id, line] of lines) if (line.el.isConnected) before.set(id, line.el.getBoundingClientRect().top);
      const now = performance.now();
      const mark = opts.highlight?.() ?? "";
      rows.forEach((r, k) => {
        const line = lineFor(r);
        const rank = ranks[k]!;
        if (line.rank !== 0 && line.rank !== rank) {
          line.movedAt = now;
          line.dir = rank < line.rank ? "up" : "down";
        }
        const arrow = line.movedAt > 0 && now - line.movedAt < ARROW_MS ? line.dir : "";
        line.rank = rank;
        line.el.className = `board-row${rank <= 3 ? ` top top${rank}` : ""}${r.cluster === mark ? " marked" : ""}${arrow ? ` ${arrow}` : ""}`;
        const key = JSON.stringify([
          rank,
          r.name,
          r.team,
          r.score,
          r.money,
          r.slaBp,
          r.incidents,
          r.openIncidents,
          r.bailouts,
          r.team
            ? Object.values(s.seats)
                .filter((x) => x.team === r.team)
                .map((x) => x.nickname)
            : 0,
        ]);
        if (key !== line.key) {
          line.key = key;
          const c = line.cells;
          c.rank.textContent = String(rank);
          // A team's row says who is in it.
          const members = r.team
            ? Object.values(s.seats)
                .filter((x) => x.team === r.team)
                .map((x) => x.nickname)
            : [];
          c.name.replaceChildren(
            h(
              "span",
              { class: "board-nick" },
              r.name,
              members.length ? h("span", { class: "dim board-members" }, ` · ${members.join(", ")}`) : "",
            ),
            bailoutTag(
              r.bailouts,
              "Bankrupt, and bailed out by the bank to play on: its loans and fees come off the score.",
            ),
          );
          c.score.textContent = fmtMoney(r.score);
          if (c.money) c.money.textContent = fmtMoney(r.money);
          c.sla.textContent = pct(r.slaBp);
          c.inc.replaceChildren(
            String(r.incidents),
            r.openIncidents ? h("span", { class: "open" }, ` · ${r.openIncidents} open`) : "",
          );
        }
        if (body.children[k] !== line.el) body.insertBefore(line.el, body.children[k] ?? null);
      });
      // Last, invert, play: each row that moved slides from where it was.
      for (const [id, line] of lines) {
        const was = before.get(id);
        if (was === undefined) {
          line.el.animate?.(
            [
              { opacity: 0, transform: "scale(0.96)" },
              { opacity: 1, transform: "none" },
            ],
            { duration: 350, easing: "ease-out" },
          );
          continue;
        }
        const dy = was - line.el.getBoundingClientRect().top;
        if (Math.abs(dy) > 1)
          line.el.animate?.([{ transform: `translateY(${dy}px)` }, { transform: "none" }], {
            duration: MOVE_MS,
            easing: "cubic-bezier(.2,.8,.2,1)",
          });
      }
    },
  };
}
