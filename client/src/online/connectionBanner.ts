/**
 * The strip that tells a student, instructor or projector that the connection to the class
 * dropped and is being re-established (by Classroom, with back-off), over whatever screen
 * they are on, so nobody wonders why their cluster stopped moving. It goes when they are back.
 */
import { h } from "../ui/dom.ts";
import type { Classroom, Reconnecting } from "./classroom.ts";

export function connectionBanner(room: Classroom): { el: HTMLElement; destroy(): void } {
  const text = h("span", {}, "");
  const el = h(
    "div",
    { class: "reconnecting", id: "reconnecting", role: "status", "aria-live": "polite", hidden: true },
    h("span", { class: "spinner", "aria-hidden": "true" }),
    text,
  );
  const off = [
    room.on("reconnecting", (b) => {
      text.textContent = (b as Reconnecting).message;
      el.hidden = false;
    }),
    room.on("reconnected", () => {
      el.hidden = true;
    }),
    room.on("leave", () => {
      el.hidden = true;
    }),
  ];
  document.body.append(el);
  return {
    el,
    destroy() {
      for (const f of off) f();
      el.remove();
    },
  };
}
