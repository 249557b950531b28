/**
 * The play screen of a solo round: HUD on top, services on the left, the datacenter
 * (Phaser, loaded lazily) in the middle, tabs on the right (Inspect, Build, Cluster, Log)
 * and the latest event along the bottom. It wires the SoloGame's updates to the scene and
 * the panels, flashes incidents, and shows the debrief when the round ends.
 */
import { decodeReplay, staleRules, type GameEvent } from "@overcommit/shared";
import { SoloGame } from "../solo/soloLoop.ts";
import type { GameSource } from "../solo/gameSource.ts";
import type { Selection } from "../scenes/datacenterScene.ts";
import { h, toast, touchOnly } from "./dom.ts";
import type { Nav, PlayOptions } from "./nav.ts";
import { PlayContext } from "./playContext.ts";
import { createHud } from "./hud.ts";
import { createServicePanel } from "./servicePanel.ts";
import { createInspector } from "./inspector.ts";
import { createBuildPanel } from "./buildPanel.ts";
import { createClusterPanel } from "./clusterPanel.ts";
import { installShortcuts, shortcutsDialog } from "./keyboard.ts";
import { glossaryDialog } from "./glossaryDialog.ts";
import { debriefScreen } from "./debrief.ts";
import { findScenario } from "../game/scenarios.ts";
import { replayToWatch } from "../solo/progress.ts";
import { requestRunTicket } from "../solo/runTicket.ts";
import { sound } from "../audio/sound.ts";
import { music } from "../audio/music.ts";
import { MoneyMilestones, soundsFor } from "../audio/gameSounds.ts";
import { createEventFeed, iconOf, toneOf } from "./eventFeed.ts";

/** Events that show the player took the briefing's first step (or any first action). */
const FIRST_ACTS = new Set(["instance-created", "node-bought", "upgrade-bought", "replicas-changed"]);

/** Whether the play screen is laid out for a phone or small tablet (styles.css, the same breakpoints). */
export function phoneLayout(): boolean {
  return window.matchMedia("(max-width: 900px), (max-height: 500px)").matches;
}

export interface Screen {
  readonly el: HTMLElement;
  destroy(): void;
}

export function playScreen(nav: Nav, opts: PlayOptions, show: (el: HTMLElement) => void): Screen {
  const scenario = findScenario(opts.scenarioId)!;
  let replay = undefined;
  if (opts.watch) {
    const bytes = replayToWatch(scenario.id);
    const r = bytes ? decodeReplay(bytes) : null;
    // A run recorded under other rules would play out differently here: say so rather than show another round.
    const stale = r?.ok ? staleRules(r.value.rulesVersion) : null;
    if (r?.ok && stale === null) replay = r.value;
    else toast(stale ?? "No recorded run of this level to watch yet.", "bad");
  }
  const game = new SoloGame({
    scenario,
    seed: replay ? replay.seed : opts.seed,
    ghost: opts.ghost,
    replay: replay?.log,
  });
  // A run is submitted with the ticket the server gives as it starts (not needed to watch a replay).
  const ticket = replay ? null : requestRunTicket(opts);
  return gameScreen(game, {
    coach: !replay,
    startHint: replay
      ? "Watching a replay: press Play; speed it up with + or the speed buttons."
      : touchOnly()
        ? "The clock is paused: tap Play to start it."
        : "The clock is paused: press Space or Play to start it.",
    quit: () => {
      if (game.world.tick === 0 || confirm("Leave this round? It will not be saved.")) nav.menu();
    },
    finished: () => {
      if (ticket) setTimeout(() => show(debriefScreen(nav, opts, game, ticket)), 600);
      else return "End of the replay.";
      return "";
    },
  });
}

export interface GameScreenHooks {
  /** Show the level's guided first step. */
  readonly coach: boolean;
  readonly startHint: string;
  quit(): void;
  /** The round is over: returns a line for the ticker (or ""). */
  finished(): string;
}

/** The play screen around any running game (solo or a classroom's mirrored cluster). */
export function gameScreen(game: GameSource, hooks: GameScreenHooks): Screen {
  const scenario = game.scenario;
  const ctx = new PlayContext(game, scenario);
  const dialogs = h("div", {});
  const openDialog = (d: HTMLDialogElement) => {
    // Reading the glossary or the shortcuts stops the clock in solo play.
    if (game.canControlTime && !game.paused) game.setPaused(true);
    dialogs.replaceChildren(d);
    d.showModal();
  };
  const hud = createHud(ctx, {
    help: () => openDialog(shortcutsDialog()),
    glossary: () => openDialog(glossaryDialog()),
    quit: hooks.quit,
  });
  const services = createServicePanel(ctx);
  const inspector = createInspector(ctx);
  const build = createBuildPanel(ctx);
  const cluster = createClusterPanel(ctx);
  const logList = h("ol", { class: "log-list", reversed: true });
  const logTab = h("section", { class: "tab-body", id: "tab-log" }, logList);
  const tabs = [
    { id: "inspect", label: "Inspect", el: inspector.el, key: "I" },
    { id: "build", label: "Build", el: build.el, key: "B" },
    { id: "cluster", label: "Cluster", el: cluster.el, key: "K" },
    { id: "log", label: "Log", el: logTab, key: "L" },
  ];
  const tabButtons = tabs.map((t) =>
    h(
      "button",
      { role: "tab", id: `tabbtn-${t.id}`, "aria-controls": `tab-${t.id}`, onclick: () => showTab(t.id) },
      t.label,
    ),
  );
  // On a phone the services panel is a tab of the bottom sheet too (the button shows only there).
  const servicesTab = h(
    "button",
    {
      role: "tab",
      id: "tabbtn-services",
      class: "phone-only",
      "aria-controls": "services-panel",
      onclick: () => showTab("services"),
    },
    "Services",
  );
  let current = "inspect";
  const showTab = (id: string) => {
    current = id;
    tabs.forEach((t, k) => {
      t.el.hidden = t.id !== id;
      tabButtons[k]!.setAttribute("aria-selected", String(t.id === id));
    });
    servicesTab.setAttribute("aria-selected", String(id === "services"));
    el.dataset["sheet"] = id;
  };
  services.el.id = "services-panel";
  const right = h(
    "aside",
    { class: "right" },
    h("div", { role: "tablist", class: "tabs" }, servicesTab, tabButtons),
    ...tabs.map((t) => t.el),
  );
  const feed = createEventFeed();
  const stage = h("div", { class: "stage-canvas", id: "datacenter" });
  const loading = h("div", { class: "stage-loading" }, "Loading the datacenter…");
  const ticker = feed.el;
  // The guided first step sits over the datacenter until done or dismissed; without it (a
  // classroom) the feed carries it.
  if ((!hooks.coach || phoneLayout()) && scenario.briefing.firstStep)
    feed.hint(`First step: ${scenario.briefing.firstStep}`, "first-step");
  const firstStep =
    hooks.coach && scenario.briefing.firstStep
      ? h(
          "div",
          { class: "coach", id: "coach", role: "note" },
          h("strong", {}, "First step: "),
          scenario.briefing.firstStep,
          " ",
          h("button", { class: "link", onclick: () => firstStep?.remove() }, "Got it"),
        )
      : null;
  // In a classroom the instructor holds the clock: say so over the datacenter while paused.
  const zoomBar = h(
    "div",
    { class: "zoom-bar", role: "group", "aria-label": "Zoom" },
    h(
      "button",
      { id: "zoom-in", title: "Zoom in (Z)", "aria-label": "Zoom in", onclick: () => ctx.scene?.zoomBy(1.25) },
      "+",
    ),
    h(
      "button",
      { id: "zoom-out", title: "Zoom out (Shift+Z)", "aria-label": "Zoom out", onclick: () => ctx.scene?.zoomBy(0.8) },
      "−",
    ),
    h("button", { id: "zoom-fit", title: "Fit the datacenter (0)", onclick: () => ctx.scene?.fit() }, "Fit"),
  );
  const pausedNote = h(
    "div",
    { class: "paused-note", id: "paused-note", role: "status", hidden: true },
    "Paused by the instructor. You can still look around and plan.",
  );
  const el = h(
    "div",
    { class: "play" },
    hud.el,
    services.el,
    h("main", { class: "stage", "aria-label": "Datacenter" }, stage, loading, firstStep, pausedNote, zoomBar),
    right,
    ticker,
    dialogs,
  );

  showTab(phoneLayout() ? "services" : "inspect");
  let pendingDom = true;
  let lastDom = 0;
  let playHint = false;
  const updateDom = () => {
    pausedNote.hidden = game.canControlTime || !game.paused;
    // "press Play when ready" holds only while paused.
    if (playHint && !game.paused) {
      playHint = false;
      feed.drop("play");
    }
    hud.update();
    services.update();
    inspector.update();
    build.update();
    cluster.update();
  };
  const flashEvents = (events: readonly GameEvent[]) => {
    for (const e of events) {
      const tone = toneOf(e);
      if (!tone) continue;
      const text = game.explain(e);
      const icon = iconOf(e);
      feed.add(text, tone, icon);
      // The scene marks the thing hit (the instance or node event that comes with an
      // incident), so an incident's own line does not flash a second time.
      if (tone !== "info" && e.type !== "incident" && (e.node >= 0 || e.instance >= 0))
        ctx.scene?.flash(e.node, e.instance, icon, tone === "bad");
    }
    for (const e of events) {
      if (e.type === "instance-created" || e.type === "dropping") continue;
      logList.prepend(
        h(
          "li",
          {},
          h("span", { class: "dim" }, `${Math.floor(e.tick / 60)}:${String(e.tick % 60).padStart(2, "0")} `),
          game.explain(e),
        ),
      );
    }
    while (logList.childElementCount > 200) logList.lastElementChild?.remove();
  };
  const sceneView = () => ctx.scene?.setView(game.view, scenario);
  // A money milestone every tenth of the starting money earned (at least ¢500).
  const milestones = new MoneyMilestones(scenario.startMoney, Math.max(500, Math.round(scenario.startMoney / 10)));
  game.onUpdate((u) => {
    sceneView();
    for (const s of soundsFor(u.events)) sound.play(s);
    if (milestones.passed(u.view.money)) {
      sound.play("money");
      hud.milestone();
    }
    for (const m of u.messages ?? []) {
      feed.add(m, "info", "st-running");
      logList.prepend(h("li", {}, m));
    }
    // The guided first step is done once the player has acted (placed, bought, scaled).
    if (firstStep?.isConnected && u.events.some((e) => FIRST_ACTS.has(e.type))) {
      firstStep.remove();
      feed.drop("first-step");
      playHint = game.paused;
      if (game.paused)
        feed.hint(
          `Good. Watch demand against capacity ${phoneLayout() ? "under Services" : "on the left"}; ${touchOnly() ? "tap Play" : "press Play (Space)"} when ready.`,
          "play",
        );
    }
    flashEvents(u.events);
    pendingDom = true;
  });
  ctx.onChange(() => {
    pendingDom = true;
  });
  // DOM panels refresh at most ~8 times a second, whatever the simulation speed.
  let domRaf = 0;
  const domLoop = (now: number) => {
    domRaf = requestAnimationFrame(domLoop);
    if (pendingDom && now - lastDom > 120) {
      pendingDom = false;
      lastDom = now;
      updateDom();
    }
  };
  domRaf = requestAnimationFrame(domLoop);
  game.onFinish(() => {
    const line = hooks.finished();
    if (line) feed.hint(line, "end");
  });

  const removeKeys = installShortcuts(ctx, {
    showTab,
    openDialog,
    dialogsOpen: () => !!dialogs.querySelector("dialog[open]"),
  });
  let destroyed = false;
  let destroyScene: (() => void) | null = null;
  // Phaser is loaded only now, so the menu stays small.
  void import("../scenes/boot.ts").then(async ({ startDatacenter }) => {
    if (destroyed) return;
    const dc = await startDatacenter(stage, {
      onSelect: (sel: Selection) => {
        // A click or tap on a node while a service is armed places it there (and the
        // services stay at hand for the next one); otherwise it opens what was picked.
        if (ctx.armed && sel.node >= 0) {
          const a = ctx.armed;
          const box = dc.scene.nodeClientBox(sel.node);
          ctx.send(
            { type: "deploy", service: scenario.services[a.service]!.id, runtime: a.runtime, node: sel.node },
            box ? { x: box.x + 10, y: box.y + 10 } : null,
          );
          ctx.select(sel, true);
          return;
        }
        ctx.select(sel, true);
        if (!phoneLayout() || current !== "services") showTab("inspect");
      },
      // A long press (touch) or a right click: inspect, never place.
      onInspect: (sel: Selection) => {
        ctx.select(sel, true);
        showTab("inspect");
      },
      controls: () => {
        const z = zoomBar.getBoundingClientRect();
        const s = stage.getBoundingClientRect();
        return { x: z.left - s.left, y: z.top - s.top, w: z.width, h: z.height };
      },
    });
    if (destroyed) {
      dc.destroy();
      return;
    }
    destroyScene = () => dc.destroy();
    ctx.scene = dc.scene;
    loading.remove();
    sceneView();
    (window as unknown as { __overcommit?: unknown }).__overcommit = { game, scene: dc.scene, ctx };
  });
  updateDom();
  game.start();
  music.want(true);
  // After the screen is in the page, so the hint can sit under the Play button.
  if (hooks.startHint) setTimeout(() => toast(hooks.startHint, "info", document.getElementById("hud-pause")), 50);
  return {
    el,
    destroy() {
      destroyed = true;
      music.want(false);
      game.stop();
      cancelAnimationFrame(domRaf);
      removeKeys();
      destroyScene?.();
    },
  };
}
