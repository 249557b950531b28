/**
 * Requests, limits and use on one bar (the Kubernetes tab and the inspector): the request
 * as the solid part, the limit as a mark, what is used as the bright bar (red near or over
 * the limit), with the three figures in words beneath.
 */
import { h } from "./dom.ts";

/** A bar: request (solid), limit (a mark, or none), and use (the bright part), on one scale. */
export function gauge(
  kind: "cpu" | "mem",
  request: number,
  limit: number,
  use: number,
  fmt: (n: number) => string,
): HTMLElement {
  const top = Math.max(1, request, limit, use) * 1.15;
  const pct = (n: number) => `${Math.min(100, (n * 100) / top).toFixed(1)}%`;
  const over = limit > 0 && use > limit * 0.9;
  return h(
    "div",
    {
      class: `gauge gauge-${kind}`,
      title: `request ${fmt(request)} · limit ${limit ? fmt(limit) : "none"} · using ${fmt(use)}`,
    },
    h(
      "div",
      { class: "gauge-track" },
      h("div", { class: "gauge-req", style: `width:${pct(request)}` }),
      h("div", { class: `gauge-use ${over ? "hot" : ""}`, style: `width:${pct(use)}` }),
      limit ? h("div", { class: "gauge-lim", style: `left:${pct(limit)}` }) : null,
    ),
    h(
      "div",
      { class: "gauge-text" },
      h("span", {}, `uses ${fmt(use)}`),
      h("span", { class: "dim" }, ` · request ${fmt(request)} · limit ${limit ? fmt(limit) : "none"}`),
    ),
  );
}
