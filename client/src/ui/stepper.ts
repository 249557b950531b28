/**
 * A number with its unit and − / + buttons (and the number typed directly): the control
 * the Kubernetes tab uses for replicas, limits and autoscaler bounds. `onStep`, when
 * given, acts at once on each press (replicas); otherwise the value waits in the field for
 * the card's Apply button, which reads it back with liveValue(id).
 */
import { h, liveValue } from "./dom.ts";

export interface StepperOpts {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly unit: string;
  /** Shown instead of the number at 0 (e.g. "no limit"). */
  readonly zero?: string;
  readonly onStep?: (value: number, at: Element) => void;
}

export function stepper(o: StepperOpts): HTMLElement {
  const clamp = (v: number) => Math.min(o.max, Math.max(o.min, v));
  const move = (dir: number) => (e: Event) => {
    const now = Number(liveValue(o.id)) || 0;
    const next = clamp(now + dir * o.step);
    const field = document.getElementById(o.id) as HTMLInputElement | null;
    if (field) field.value = String(next);
    o.onStep?.(next, e.currentTarget as Element);
  };
  return h(
    "div",
    { class: "stepper" },
    h("label", { for: o.id, class: "stepper-label" }, o.label),
    h(
      "button",
      { type: "button", id: `${o.id}-minus`, class: "step", "aria-label": `${o.label}: less`, onclick: move(-1) },
      "−",
    ),
    h("input", {
      id: o.id,
      type: "number",
      inputmode: "numeric",
      min: o.min,
      max: o.max,
      step: o.step,
      value: o.value,
      "aria-label": `${o.label} (${o.unit})`,
    }),
    h("span", { class: "stepper-unit" }, o.value === 0 && o.zero ? o.zero : o.unit),
    h(
      "button",
      { type: "button", id: `${o.id}-plus`, class: "step", "aria-label": `${o.label}: more`, onclick: move(1) },
      "+",
    ),
  );
}
