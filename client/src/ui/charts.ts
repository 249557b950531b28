/** Small SVG charts: the HUD's sparklines and the debrief's traffic-vs-capacity chart. */
const NS = "http://www.w3.org/2000/svg";

export function svg(w: number, h: number, label: string): SVGSVGElement {
  const s = document.createElementNS(NS, "svg");
  s.setAttribute("viewBox", `0 0 ${w} ${h}`);
  s.setAttribute("width", String(w));
  s.setAttribute("height", String(h));
  s.setAttribute("role", "img");
  s.setAttribute("aria-label", label);
  return s;
}

export function polyline(
  vals: readonly number[],
  max: number,
  w: number,
  h: number,
  color: string,
  width: number,
  dash = "",
): SVGPolylineElement {
  const p = document.createElementNS(NS, "polyline");
  const n = Math.max(1, vals.length - 1);
  p.setAttribute(
    "points",
    vals.map((v, k) => `${((k / n) * w).toFixed(1)},${(h - (v / max) * (h - 2) - 1).toFixed(1)}`).join(" "),
  );
  p.setAttribute("fill", "none");
  p.setAttribute("stroke", color);
  p.setAttribute("stroke-width", String(width));
  if (dash) p.setAttribute("stroke-dasharray", dash);
  return p;
}

/** A line of small grey text under a chart. */
export function caption(y: number, text: string, size = 11): SVGTextElement {
  const t = document.createElementNS(NS, "text");
  t.setAttribute("x", "0");
  t.setAttribute("y", String(y));
  t.setAttribute("fill", "#8b9bb0");
  t.setAttribute("font-size", String(size));
  t.textContent = text;
  return t;
}

/** Demand (solid) against capacity (dashed): the gap between them is what gets dropped. */
export function sparkline(demand: readonly number[], capacity: readonly number[], w = 200, h = 30): SVGSVGElement {
  const s = svg(w, h, "demand against capacity, recent");
  const max = Math.max(1, ...demand, ...capacity);
  s.append(polyline(capacity, max, w, h, "#7fe0b0", 1.5, "4 2"), polyline(demand, max, w, h, "#56b4e9", 1.5));
  return s;
}

/**
 * Past and future on one line: demand so far (solid), the forecast ahead (dotted, lighter)
 * from the "now" mark, today's capacity carried forward (dashed green) and announced spikes
 * ahead shaded. `spikes` are [start, end) in samples of `ahead`.
 */
export function forecastSparkline(
  demand: readonly number[],
  capacity: readonly number[],
  ahead: readonly number[],
  spikes: readonly (readonly [number, number])[],
  w = 200,
  h = 34,
): SVGSVGElement {
  const s = svg(w, h, "demand so far and the forecast ahead, against capacity");
  // Stretched to the card's width (a wide card on a tablet), lines keep their thickness.
  s.setAttribute("preserveAspectRatio", "none");
  s.classList.add("stretch");
  const cap = capacity.length ? capacity[capacity.length - 1]! : 0;
  const max = Math.max(1, ...demand, ...capacity, ...ahead);
  const split = Math.round(w * 0.4);
  const past = polyline(demand, max, split, h, "#56b4e9", 1.5);
  const pastCap = polyline(capacity, max, split, h, "#7fe0b0", 1.5, "4 2");
  const g = document.createElementNS(NS, "g");
  g.setAttribute("transform", `translate(${split} 0)`);
  const aw = w - split;
  for (const [a, b] of spikes) {
    const r = document.createElementNS(NS, "rect");
    const n = Math.max(1, ahead.length - 1);
    r.setAttribute("x", String((Math.min(a, n) / n) * aw));
    r.setAttribute("width", String(Math.max(2, ((Math.min(b, n) - Math.min(a, n)) / n) * aw)));
    r.setAttribute("y", "0");
    r.setAttribute("height", String(h));
    r.setAttribute("fill", "rgba(255, 209, 102, 0.18)");
    g.append(r);
  }
  g.append(polyline([cap, cap], max, aw, h, "#7fe0b0", 1.2, "4 2"), polyline(ahead, max, aw, h, "#9fd0ff", 1.5, "2 2"));
  const now = document.createElementNS(NS, "line");
  now.setAttribute("x1", String(split));
  now.setAttribute("x2", String(split));
  now.setAttribute("y1", "0");
  now.setAttribute("y2", String(h));
  now.setAttribute("stroke", "#8b9bb0");
  now.setAttribute("stroke-width", "1");
  s.append(pastCap, past, g, now);
  return s;
}

export function trafficChart(
  demand: readonly number[],
  capacity: readonly number[],
  served: readonly number[],
  every: number,
  w = 560,
  h = 150,
): SVGSVGElement {
  const s = svg(w, h + 18, "traffic against capacity over the round");
  const max = Math.max(1, ...demand, ...capacity);
  const g = document.createElementNS(NS, "g");
  for (let k = 0; k <= 4; k++) {
    const y = (h * k) / 4;
    const line = document.createElementNS(NS, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("x2", String(w));
    line.setAttribute("y1", String(y));
    line.setAttribute("y2", String(y));
    line.setAttribute("stroke", "#2a3644");
    g.append(line);
  }
  s.append(g);
  // Dropped requests: the shaded gap between demand and what was served.
  const area = document.createElementNS(NS, "polygon");
  const n = Math.max(1, demand.length - 1);
  const top = demand.map((v, k) => `${(k / n) * w},${h - (v / max) * h}`);
  const bottom = served.map((v, k) => `${(k / n) * w},${h - (v / max) * h}`).reverse();
  area.setAttribute("points", [...top, ...bottom].join(" "));
  area.setAttribute("fill", "rgba(255,77,77,0.35)");
  s.append(area, polyline(capacity, max, w, h, "#7fe0b0", 2, "6 3"), polyline(demand, max, w, h, "#56b4e9", 2));
  // The peak of the demand itself (the chart's scale may be set by capacity).
  s.append(
    caption(
      h + 14,
      `0 → ${Math.round((demand.length * every) / 60)} min · peak demand ${Math.max(0, ...demand)} req/s`,
    ),
  );
  return s;
}

/** Incidents along the round: a bar from start to resolution (or the end) for each one. */
export function incidentTimeline(
  items: readonly { tick: number; resolvedAt: number; title: string }[],
  length: number,
  w = 980,
): SVGSVGElement {
  const rowH = 14;
  const h = Math.max(24, items.length * rowH + 18);
  const s = svg(w, h, "incidents on a timeline");
  const x = (t: number) => (Math.min(t, length) / Math.max(1, length)) * (w - 4) + 2;
  const axis = document.createElementNS(NS, "line");
  axis.setAttribute("x1", "0");
  axis.setAttribute("x2", String(w));
  axis.setAttribute("y1", String(h - 12));
  axis.setAttribute("y2", String(h - 12));
  axis.setAttribute("stroke", "#2a3644");
  s.append(axis);
  items.forEach((it, k) => {
    const end = it.resolvedAt >= 0 ? it.resolvedAt : length;
    const r = document.createElementNS(NS, "rect");
    r.setAttribute("x", String(x(it.tick)));
    r.setAttribute("y", String(k * rowH + 2));
    r.setAttribute("width", String(Math.max(3, x(end) - x(it.tick))));
    r.setAttribute("height", String(rowH - 4));
    r.setAttribute("rx", "2");
    r.setAttribute("fill", it.resolvedAt >= 0 ? "#e69f00" : "#e0473c");
    // Never resolved: red, and a dashed edge so it reads without the colour too.
    if (it.resolvedAt < 0) {
      r.setAttribute("stroke", "#ffd0cc");
      r.setAttribute("stroke-dasharray", "3 2");
    }
    const tip = document.createElementNS(NS, "title");
    tip.textContent = it.title;
    r.append(tip);
    s.append(r);
  });
  s.append(
    caption(
      h - 1,
      `0:00 → ${Math.round(length / 60)} min · amber: resolved · red with a dashed edge: never resolved`,
      10,
    ),
  );
  return s;
}
