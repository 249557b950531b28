/**
 * The planning phase and the countdown into the round as the screens show them: the time
 * left to plan, and over the last COUNTDOWN_SECONDS a large number that pulses each second,
 * then "Go!" as the clock starts. The projector shows them large in its own layout; a
 * student sees them over the play screen, without blocking a click.
 */
import { COUNTDOWN_SECONDS } from "@overcommit/shared";
import { h } from "../ui/dom.ts";
import type { RoomState } from "./classroom.ts";

/** m:ss of real seconds. */
export function realClock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${s < 10 ? "0" : ""}${s}`;
}

/** In the countdown: planning's last seconds. */
export function inCountdown(s: RoomState): boolean {
  return s.phase === "planning" && s.planningLeft > 0 && s.planningLeft <= COUNTDOWN_SECONDS;
}

/**
 * A large number that pulses each time it changes, then "Go!" for a moment when the round
 * starts. `update` takes the room state; `el` is empty (and hidden) the rest of the time.
 */
export function countdownView(className: string): { el: HTMLElement; update(s: RoomState): void } {
  const num = h("span", { class: "count-num", "aria-live": "assertive" });
  const el = h(
    "div",
    { class: `countdown ${className}`, id: "countdown", hidden: true },
    h("span", { class: "count-label" }, "The clock starts in"),
    num,
  );
  let shown = -1;
  let goUntil = 0;
  let wasPlanning = false;
  return {
    el,
    update(s) {
      const now = performance.now();
      if (inCountdown(s)) {
        el.hidden = false;
        el.classList.remove("go");
        if (shown !== s.planningLeft) {
          shown = s.planningLeft;
          num.textContent = String(shown);
          num.animate?.(
            [
              { transform: "scale(1.6)", opacity: 0.2 },
              { transform: "scale(1)", opacity: 1 },
            ],
            { duration: 450, easing: "cubic-bezier(.2,.8,.2,1)" },
          );
        }
      } else if (wasPlanning && s.phase === "running") {
        // The clock just started.
        goUntil = now + 1200;
        shown = -1;
        el.hidden = false;
        el.classList.add("go");
        num.textContent = "Go!";
        num.animate?.(
          [
            { transform: "scale(0.6)", opacity: 0 },
            { transform: "scale(1.15)", opacity: 1 },
            { transform: "scale(1)", opacity: 1 },
          ],
          { duration: 500 },
        );
        setTimeout(() => {
          if (performance.now() >= goUntil) el.hidden = true;
        }, 1250);
      } else if (now >= goUntil) {
        el.hidden = true;
        shown = -1;
      }
      wasPlanning = s.phase === "planning";
    },
  };
}
