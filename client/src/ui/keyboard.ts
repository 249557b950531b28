/**
 * Keyboard shortcuts for the frequent actions, so a round can be played without a mouse.
 * They are ignored while typing in a field or while a dialog is open.
 */
import { h, toast } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import { SPEEDS } from "../solo/soloLoop.ts";

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ["Space", "Pause / resume"],
  ["+ / −", "Faster / slower"],
  ["1 … 9", "Arm service 1…9 to place (press again to switch VM ↔ container)"],
  ["D", "Place the armed service on the selected node"],
  ["[ / ]", "Select the previous / next node"],
  ["R / X / M", "Restart / stop / migrate the selected instance"],
  ["B", "Build tab (buy nodes, upgrade shop)"],
  ["I / K / L", "Inspect / Cluster / Log tab"],
  ["Arrows, Z / Shift+Z, 0", "Pan, zoom in / out, fit the datacenter"],
  ["G", "Glossary"],
  ["?", "This list"],
  ["Esc", "Cancel placing, clear the selection"],
];

export function shortcutsDialog(): HTMLDialogElement {
  const d = h(
    "dialog",
    { class: "dialog", "aria-label": "Keyboard shortcuts" },
    h("h2", {}, "Keyboard shortcuts"),
    h(
      "table",
      { class: "kv" },
      SHORTCUTS.map(([k, t]) => h("tr", {}, h("td", {}, h("kbd", {}, k)), h("td", {}, t))),
    ),
    h("form", { method: "dialog" }, h("button", { id: "dialog-close" }, "Close")),
  );
  return d;
}

interface Hooks {
  showTab(id: string): void;
  openDialog(d: HTMLDialogElement): void;
  dialogsOpen(): boolean;
}

export function installShortcuts(ctx: PlayContext, hooks: Hooks): () => void {
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    if (hooks.dialogsOpen() || e.ctrlKey || e.metaKey || e.altKey) return;
    const g = ctx.game;
    const sel = ctx.selection;
    const v = g.view;
    const scene = ctx.scene;
    const k = e.key;
    let handled = true;
    if (k === " ") {
      // Space is always pause in play, never "press the last clicked button again" (that
      // bought a second node). Buttons still answer Enter.
      if (e.repeat) return void e.preventDefault();
      g.setPaused(!g.paused);
    } else if (k === "+" || k === "=")
      g.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(g.speed as (typeof SPEEDS)[number]) + 1)]!);
    else if (k === "-" || k === "_")
      g.setSpeed(SPEEDS[Math.max(0, SPEEDS.indexOf(g.speed as (typeof SPEEDS)[number]) - 1)]!);
    else if (/^[1-9]$/.test(k)) {
      const s = Number(k) - 1;
      const spec = ctx.scenario.services[s];
      if (!spec) return;
      const can = (r: "vm" | "container") =>
        r === "vm" ? spec.runtime !== "container-only" : spec.runtime !== "vm-only";
      let runtime: "vm" | "container" = can("vm") ? "vm" : "container";
      if (ctx.armed?.service === s && can("vm") && can("container"))
        runtime = ctx.armed.runtime === "vm" ? "container" : "vm";
      ctx.arm({ service: s, runtime });
    } else if (k === "d" || k === "D") {
      if (!ctx.armed) return void hooksMsg("Arm a service first (1…9 or its VM / Container chip).");
      if (sel.node < 0) return void hooksMsg("Select a node first ([ and ] cycle through them).");
      ctx.send(
        {
          type: "deploy",
          service: ctx.scenario.services[ctx.armed.service]!.id,
          runtime: ctx.armed.runtime,
          node: sel.node,
        },
        document.getElementById("ticker"),
      );
    } else if (k === "[" || k === "]") {
      if (v.nodes.length === 0) return;
      const idx = v.nodes.findIndex((n) => n.id === sel.node);
      const next = k === "]" ? (idx + 1) % v.nodes.length : (idx - 1 + v.nodes.length) % v.nodes.length;
      ctx.select({ node: v.nodes[next]!.id, instance: -1 });
      hooks.showTab("inspect");
    } else if ((k === "r" || k === "R") && sel.instance >= 0)
      ctx.send({ type: "restart", instance: sel.instance }, document.getElementById("ticker"));
    else if ((k === "x" || k === "X") && sel.instance >= 0)
      ctx.send({ type: "stop", instance: sel.instance }, document.getElementById("ticker"));
    else if ((k === "m" || k === "M") && sel.instance >= 0) {
      hooks.showTab("inspect");
      document.getElementById(`migrate-target-${sel.instance}`)?.focus();
    } else if (k === "b" || k === "B") {
      hooks.showTab("build");
      document.getElementById("buy-node")?.focus();
    } else if (k === "i" || k === "I") hooks.showTab("inspect");
    else if (k === "k" || k === "K") hooks.showTab("cluster");
    else if (k === "l" || k === "L") hooks.showTab("log");
    else if (k === "ArrowLeft") scene?.panBy(-80, 0);
    else if (k === "ArrowRight") scene?.panBy(80, 0);
    else if (k === "ArrowUp") scene?.panBy(0, -80);
    else if (k === "ArrowDown") scene?.panBy(0, 80);
    else if (k === "z") scene?.zoomBy(1.2);
    else if (k === "Z") scene?.zoomBy(1 / 1.2);
    else if (k === "0") scene?.fit();
    else if (k === "g" || k === "G") document.getElementById("hud-glossary")?.click();
    else if (k === "?") document.getElementById("hud-help")?.click();
    else if (k === "Escape") {
      if (ctx.armed) ctx.arm(null);
      else ctx.select({ node: -1, instance: -1 });
    } else handled = false;
    if (handled) e.preventDefault();
  };
  const hooksMsg = (m: string) => toast(m, "info", document.getElementById("ticker"));
  // The browser presses a focused button on Space's keyup: swallow that too.
  const onKeyUp = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (e.key === " " && t?.tagName === "BUTTON" && !hooks.dialogsOpen()) e.preventDefault();
  };
  window.addEventListener("keydown", onKey);
  window.addEventListener("keyup", onKeyUp);
  return () => {
    window.removeEventListener("keydown", onKey);
    window.removeEventListener("keyup", onKeyUp);
  };
}
