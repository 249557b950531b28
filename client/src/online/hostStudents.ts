/**
 * The instructor's roster: every student with their team, renamed in place (the name
 * becomes a field: Enter saves, Escape cancels, a refusal shows under it), removed with a
 * confirmation, and after the round a link to replay their datacenter. A row is rebuilt
 * only when its student changes, and never while it is being edited.
 */
import { h } from "../ui/dom.ts";
import type { ClientBody, ClientMessage } from "@overcommit/shared";
import type { Reply, RoomState, Seat } from "./classroom.ts";

/** Sends a room message from the host's desk (undefined while not connected). */
export type Send = <T extends ClientMessage>(type: T, body: ClientBody<T>) => Promise<Reply | undefined>;

export function hostStudents(code: string, send: Send): { el: HTMLElement; update(s: RoomState): void } {
  const list = h("ul", { class: "roster seats", id: "roster" });
  const count = h("span", { class: "dim" });
  const el = h("section", { class: "host-roster" }, h("h2", {}, "Students ", count), list);
  const rows = new Map<string, { li: HTMLElement; key: string; editing: boolean }>();

  const rowFor = (s: RoomState, seat: Seat): HTMLElement => {
    const name = h("span", { class: "roster-name" }, seat.nickname);
    const status = h("span", { class: "roster-status dim" }, seat.connected ? "" : "away");
    const err = h("p", { class: "why roster-error", role: "alert" });
    const li = h("li", { class: seat.connected ? "" : "dim", "data-seat": seat.id });
    const rename = h(
      "button",
      { class: "small", id: `rename-${seat.id}`, "aria-label": `Rename ${seat.nickname}` },
      "Rename",
    );
    rename.addEventListener("click", () => {
      // While editing, updates leave this row alone; once done it is rebuilt from the state.
      const mark = rows.get(seat.id);
      if (mark) mark.editing = true;
      const input = h("input", {
        class: "rename-input",
        id: `rename-input-${seat.id}`,
        value: seat.nickname,
        maxlength: 20,
        "aria-label": `New name for ${seat.nickname}`,
      });
      const done = () => {
        const m = rows.get(seat.id);
        if (m) {
          m.editing = false;
          m.key = "";
        }
      };
      const save = async () => {
        const next = input.value.trim();
        if (!next || next === seat.nickname) return cancel();
        const r = await send("rename", { seat: seat.id, nickname: next });
        if (r && !r.ok) {
          err.textContent = r.message;
          input.focus();
          return;
        }
        done();
      };
      const cancel = () => {
        done();
        form.replaceWith(name);
        err.textContent = "";
        rename.hidden = false;
      };
      input.addEventListener("keydown", (e) => {
        if (e.key === "Escape") cancel();
      });
      const form = h(
        "form",
        { class: "rename-form", onsubmit: (e: Event) => (e.preventDefault(), void save()) },
        input,
        h("button", { type: "submit", class: "small primary" }, "Save"),
        h("button", { type: "button", class: "small", onclick: cancel }, "Cancel"),
      );
      name.replaceWith(form);
      rename.hidden = true;
      input.focus();
      input.select();
    });
    const kick = h("button", { class: "small danger", id: `kick-${seat.id}` }, "Remove");
    kick.addEventListener("click", () => {
      if (confirm(`Remove ${seat.nickname} from the class? They cannot come back under another name.`))
        void send("kick", { seat: seat.id });
    });
    let team: HTMLElement | null = null;
    if (s.mode === "teams" && s.phase === "lobby") {
      const input = h("input", {
        id: `team-${seat.id}`,
        type: "number",
        min: 0,
        max: 40,
        value: seat.team,
        "aria-label": `Team of ${seat.nickname}`,
      });
      team = h(
        "span",
        { class: "roster-team" },
        "team ",
        input,
        h(
          "button",
          { class: "small", onclick: () => void send("team", { seat: seat.id, team: Number(input.value) | 0 }) },
          "Set",
        ),
      );
    } else if (seat.team) team = h("span", { class: "dim" }, `team ${seat.team}`);
    li.append(
      name,
      status,
      team ?? "",
      h(
        "span",
        { class: "roster-actions" },
        rename,
        kick,
        s.phase === "ended" && seat.cluster
          ? h(
              "a",
              {
                class: "button small",
                href: `#/watch/${code}/${encodeURIComponent(seat.id)}`,
                id: `replay-${seat.id}`,
              },
              "Replay",
            )
          : null,
      ),
      err,
    );
    return li;
  };

  return {
    el,
    update(s) {
      const seats = Object.values(s.seats);
      count.textContent = `(${seats.length})`;
      const keep = new Set(seats.map((x) => x.id));
      for (const [id, r] of rows) if (!keep.has(id)) (r.li.remove(), rows.delete(id));
      if (seats.length === 0)
        list.replaceChildren(h("li", { class: "dim roster-empty" }, "Nobody yet: students join with the code above."));
      else list.querySelector(".roster-empty")?.remove();
      seats.forEach((seat, k) => {
        const key = JSON.stringify([
          seat.nickname,
          seat.team,
          seat.connected,
          seat.cluster,
          s.phase === "ended",
          s.mode === "teams" && s.phase === "lobby",
        ]);
        let r = rows.get(seat.id);
        if (!r || (r.key !== key && !r.editing)) {
          const li = rowFor(s, seat);
          if (r) r.li.replaceWith(li);
          r = { li, key, editing: false };
          rows.set(seat.id, r);
        }
        if (list.children[k] !== r.li) list.insertBefore(r.li, list.children[k] ?? null);
      });
    },
  };
}
