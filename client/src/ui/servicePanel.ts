/**
 * The left panel: one card per service (demand vs capacity with a sparkline, and the
 * VM / Container chips you drag onto a node), announced spikes counting down, and pending
 * instances with the scheduler's reason.
 *
 * Dragging uses pointer events on the chip (not HTML drag-and-drop) so the canvas can be
 * asked which node is under the pointer on every move; the node lights green or red and
 * the reason follows the pointer before anything is dropped. Keyboard: Enter on a chip arms
 * the service; then a click on a node, or D on the selected node, places it.
 */
import {
  canPlace,
  HOST_MODE_SPECS,
  clock,
  handStartsIn,
  handWorkHint,
  handWorkLine,
  isHandSetup,
  type Runtime,
} from "@overcommit/shared";
import { h, rebuild, touchOnly } from "./dom.ts";
import { forecastSparkline } from "./charts.ts";
import { AHEAD, forecastLine, forecastOf } from "./forecast.ts";
import { artUrl, serviceIcon } from "../scenes/textures.ts";
import type { PlayContext } from "./playContext.ts";
import { cssColor, serviceColor } from "../game/palette.ts";

export interface Panel {
  readonly el: HTMLElement;
  update(): void;
}

export function createServicePanel(ctx: PlayContext): Panel {
  const sc = ctx.scenario;
  const cards: {
    demand: HTMLElement;
    spark: HTMLElement;
    ahead: HTMLElement;
    count: HTMLElement;
    card: HTMLElement;
  }[] = [];
  const list = h("div", { class: "services" });
  sc.services.forEach((spec, s) => {
    const demand = h("span", { class: "svc-demand" });
    const count = h("span", { class: "svc-count" });
    const spark = h("div", {
      class: "spark",
      title: `Demand so far (solid) and the forecast for the next ${AHEAD / 60} minutes (dotted), against the capacity running now (dashed green). Shaded: announced spikes.`,
    });
    const ahead = h("div", { class: "svc-ahead" });
    const chip = (runtime: Runtime) => {
      // A level without hosts of the runtime's kind (no container hosts in level 6) offers no such chip.
      const hosted = sc.hostModes.some((m) => HOST_MODE_SPECS[m].runs === runtime);
      const allowed = hosted && (runtime === "vm" ? spec.runtime !== "container-only" : spec.runtime !== "vm-only");
      const b = h(
        "button",
        {
          id: `chip-${spec.id}-${runtime}`,
          class: `chip chip-${runtime}`,
          "data-service": spec.id,
          "data-runtime": runtime,
          "aria-disabled": String(!allowed),
          title: allowed
            ? `Drag onto a node to start ${spec.name} as a ${runtime === "vm" ? "VM" : "container"} (or press Enter, then pick a node)`
            : !hosted
              ? `This level sells no ${runtime === "vm" ? "VM hosts" : "container hosts"}.`
              : `${runtime === "vm" ? "Not as a VM" : "Not as a container"}: ${spec.why}`,
        },
        runtime === "vm" ? "VM" : "Container",
      );
      b.addEventListener("pointerdown", (e) => startDrag(ctx, e, s, runtime, allowed, b));
      b.addEventListener("click", () => {
        if (!allowed) return;
        if (ctx.armed?.service === s && ctx.armed.runtime === runtime) ctx.arm(null);
        else ctx.arm({ service: s, runtime });
      });
      return b;
    };
    const ruleText =
      spec.runtime === "vm-only"
        ? "VM only"
        : spec.runtime === "container-only"
          ? "containers only"
          : "VM or container";
    const card = h(
      "div",
      { class: "svc", style: `--svc:${cssColor(serviceColor(s))}` },
      h(
        "div",
        { class: "svc-head" },
        h("img", { src: artUrl(serviceIcon(spec.id)) ?? "", alt: "", class: "svc-icon" }),
        h("span", { class: "svc-name" }, spec.name),
        count,
      ),
      h(
        "div",
        { class: "svc-meta", title: spec.why || undefined },
        `${ruleText} · ${spec.cpu} m, ${spec.mem} MiB · ${spec.capacity} req/s each`,
      ),
      h("div", { class: "svc-line" }, demand, spark, ahead),
      h("div", { class: "chips" }, chip("vm"), chip("container")),
    );
    cards.push({ demand, spark, ahead, count, card });
    list.append(card);
  });
  const spikes = h("div", { class: "spikes", "aria-live": "polite" });
  const pending = h("div", { class: "pending" });
  const armedBar = h("div", { class: "armed", "aria-live": "polite" });
  const hands = h("div", { class: "hands", id: "hands", hidden: true, title: handWorkHint(sc) });
  const el = h(
    "aside",
    { class: "left", "aria-label": "Services" },
    h("h2", {}, "Services"),
    hands,
    armedBar,
    list,
    h("h2", {}, "Spikes"),
    spikes,
    h("h2", {}, "Pending"),
    pending,
  );
  let lastPending: string | null = null;
  let lastSpikes: string | null = null;
  return {
    el,
    update() {
      const v = ctx.game.view;
      const line = handWorkLine(ctx.game.world);
      const handLine = line === null ? null : keepUnits(line);
      hands.hidden = handLine === null;
      if (handLine !== null && hands.textContent !== handLine) {
        hands.textContent = handLine;
        hands.classList.toggle("busy", v.handsFreeAt > v.tick);
      }
      v.services.forEach((sv, s) => {
        const c = cards[s]!;
        const short = sv.dropped > 0;
        c.demand.textContent = `${sv.demand} / ${sv.capacity} req/s${short ? ` · ${sv.dropped} dropped` : ""}`;
        c.demand.className = `svc-demand ${short ? "bad" : ""}`;
        const running = v.instances.filter((i) => i.service === s && i.state === "running").length;
        const all = v.instances.filter(
          (i) => i.service === s && i.state !== "gone" && i.state !== "terminating",
        ).length;
        // Those waiting for the operator are named apart, so "4/6 up" does not read as two crashes.
        const queued = v.instances.filter((i) => i.service === s && isHandSetup(i)).length;
        c.count.textContent = `${running}/${all} up${queued > 0 ? ` · ${queued} by hand` : ""}${sv.replicas >= 0 ? ` · want ${sv.replicas}` : ""}`;
        const f = forecastOf(sc, v, s);
        c.spark.replaceChildren(
          forecastSparkline(
            ctx.game.demandHist[s]!,
            ctx.game.capacityHist[s]!,
            f.ahead,
            f.spikes.map(([a, b]) => [a / f.every, b / f.every] as const),
            220,
            34,
          ),
        );
        const line = forecastLine(f, sv.capacity, v.tick);
        c.ahead.textContent = line.text;
        c.ahead.className = `svc-ahead ${line.short ? "bad" : "dim"}`;
        c.card.classList.toggle("is-armed", ctx.armed?.service === s);
      });
      armedBar.textContent = ctx.armed
        ? `Placing ${ctx.serviceName(ctx.armed.service)} as ${ctx.armed.runtime === "vm" ? "a VM" : "a container"}: ${touchOnly() ? "tap a node; tap the chip again to cancel." : "click a node, or select one and press D. Esc cancels."}`
        : "";
      armedBar.hidden = !ctx.armed;
      const sp = v.spikes
        .map((x) => {
          const who = x.service >= 0 ? ctx.serviceName(x.service) : "every service";
          return v.tick < x.at
            ? `Ahead: ${who} ×${(x.peak / 100).toFixed(1)} in ${clock(x.at - v.tick)}`
            : `Now: ${who} ×${(x.peak / 100).toFixed(1)} until ${clock(x.end)}`;
        })
        .join("\n");
      if (sp !== lastSpikes) {
        lastSpikes = sp;
        rebuild(
          spikes,
          sp
            ? sp.split("\n").map((t) => h("div", { class: t.startsWith("Now") ? "spike now" : "spike" }, t))
            : h(
                "div",
                { class: "dim" },
                "None announced yet: an announced spike shows here and in the forecast minutes ahead.",
              ),
        );
      }
      const pend = v.instances.filter((i) => i.state === "pending");
      const key = pend.map((i) => `${i.id}:${i.pending}`).join("|");
      if (key !== lastPending) {
        lastPending = key;
        rebuild(
          pending,
          pend.length
            ? pend
                .slice(0, 12)
                .map((i) =>
                  h(
                    "div",
                    { class: "pend" },
                    h("strong", {}, `${ctx.serviceName(i.service)} #${i.id}`),
                    " ",
                    i.pending || "waiting for a node",
                  ),
                )
            : h("div", { class: "dim" }, "Nothing waiting."),
        );
      }
    },
  };
}

function startDrag(
  ctx: PlayContext,
  e: PointerEvent,
  s: number,
  runtime: Runtime,
  allowed: boolean,
  chip: HTMLElement,
): void {
  if (e.button !== 0) return;
  e.preventDefault();
  const spec = ctx.scenario.services[s]!;
  const ghost = h(
    "div",
    { class: `drag-ghost chip-${runtime}` },
    `${spec.name} · ${runtime === "vm" ? "VM" : "container"}`,
  );
  const tip = h("div", { class: "drop-tip", role: "status" });
  document.body.append(ghost, tip);
  let node = -1;
  const move = (ev: PointerEvent) => {
    // Kept inside the window too: by a phone's right edge it was cut off.
    ghost.style.left = `${Math.min(ev.clientX + 12, window.innerWidth - ghost.offsetWidth - 4)}px`;
    ghost.style.top = `${ev.clientY + 12}px`;
    node = ctx.scene?.nodeAtClient(ev.clientX, ev.clientY) ?? -1;
    if (node < 0) {
      ctx.scene?.setDropHint(null);
      tip.hidden = true;
      return;
    }
    // The engine's own refusal first (it names the host's kind); the service's rule otherwise.
    const refusal =
      canPlace(ctx.game.world, spec.id, runtime, node) ?? (allowed ? null : { message: spec.why || "Not allowed." });
    ctx.scene?.setDropHint({ node, ok: !refusal });
    tip.hidden = false;
    tip.className = `drop-tip ${refusal ? "bad" : "ok"}`;
    const byHand = handStartsIn(ctx.game.world, spec.id, runtime);
    tip.textContent = refusal
      ? `✕ ${refusal.message}`
      : `✓ Drop to start ${spec.name} as a ${runtime === "vm" ? "VM" : "container"} on node ${node}${byHand > 0 ? ` — set up by your hands in ${byHand}\u00a0s` : ""}`;
    placeTip(tip, ev);
  };
  const up = (ev: PointerEvent) => {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    ghost.remove();
    tip.remove();
    ctx.scene?.setDropHint(null);
    const moved = Math.abs(ev.clientX - e.clientX) + Math.abs(ev.clientY - e.clientY) > 6;
    if (!moved) return; // a plain click: handled by the click listener (arming)
    chip.blur();
    if (node < 0) return;
    const ok = ctx.send(
      { type: "deploy", service: spec.id, runtime, node },
      { x: ev.clientX + 14, y: ev.clientY + 10 },
    );
    if (ok) ctx.select({ node, instance: -1 });
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
  move(e);
}

/**
 * Puts the drop tip beside the pointer, kept whole inside the window: near the right edge of
 * a phone it would otherwise be squeezed into a column one word wide. Under a finger it goes
 * above the touch, where the hand does not cover it.
 */
function placeTip(tip: HTMLElement, ev: PointerEvent): void {
  const margin = 8;
  tip.style.left = "0px"; // measured where it has the whole width, not squeezed at its last place
  const w = tip.offsetWidth;
  const ht = tip.offsetHeight;
  const left = Math.max(margin, Math.min(ev.clientX + 14, window.innerWidth - w - margin));
  const below = ev.clientY + 34;
  const top = ev.pointerType === "touch" || below + ht > window.innerHeight - margin ? ev.clientY - ht - 28 : below;
  tip.style.left = `${left}px`;
  tip.style.top = `${Math.max(margin, top)}px`;
}

/** A figure stays on one line with its unit ("60 s", "3 min"): a narrow phone broke "60 / s". */
function keepUnits(text: string): string {
  return text.replace(/(\d) (s|min)\b/g, "$1\u00a0$2");
}
