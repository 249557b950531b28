/**
 * Who is in the room, as name chips that pop in as students join (the lobby on the
 * projector, the students' own lobby, the instructor's desk). A chip is kept per seat, so
 * only newcomers animate; someone whose connection dropped is dimmed.
 */
import { h } from "../ui/dom.ts";
import type { RoomState } from "./classroom.ts";

export function nameChips(opts: { me?: () => string; id?: string } = {}): {
  el: HTMLElement;
  update(s: RoomState): void;
} {
  const el = h("ul", { class: "chips-list", id: opts.id ?? "", "aria-label": "Students in the room" });
  const chips = new Map<string, { li: HTMLElement; key: string }>();
  return {
    el,
    update(s) {
      const seats = Object.values(s.seats);
      const keep = new Set(seats.map((x) => x.id));
      for (const [id, c] of chips) if (!keep.has(id)) (c.li.remove(), chips.delete(id));
      const me = opts.me?.() ?? "";
      for (const seat of seats) {
        const key = `${seat.nickname}|${seat.team}|${seat.connected}|${seat.id === me}`;
        const c = chips.get(seat.id);
        if (c && c.key === key) continue;
        const li = h(
          "li",
          {
            class: `name-chip${seat.connected ? "" : " away"}${seat.id === me ? " me" : ""}`,
            title: seat.connected ? "" : "Connection lost: they can come back with the same code",
          },
          seat.nickname,
          seat.team ? h("span", { class: "chip-team" }, `team ${seat.team}`) : null,
        );
        if (c) c.li.replaceWith(li);
        else el.append(li);
        chips.set(seat.id, { li, key });
      }
    },
  };
}
