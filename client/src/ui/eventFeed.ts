/**
 * The event feed along the bottom of the play screen: what just happened, in sentences,
 * never over the machines. Each line has its incident's icon; older lines leave after a
 * few seconds (the newest stays), and the same sentence arriving again counts up ("×3")
 * instead of stacking. Hints (what to do next) are lines too, replaced by the next hint or
 * dropped when they no longer apply. The Log tab keeps every event.
 * Also decides which events are incidents (red: what alarms a player, shared/src/presentation/alarms.ts),
 * recoveries (green) or news.
 */
import { alarmsPlayer, type GameEvent } from "@overcommit/shared";
import { h } from "./dom.ts";
import { artUrl } from "../scenes/textures.ts";

export type Tone = "bad" | "good" | "info";

const GOOD_TYPES = new Set(["node-ready", "incident-resolved", "registry-up", "node-repaired"]);
const INFO_TYPES = new Set([
  "spike-announced",
  "incident",
  "rollout-done",
  "ca-scale-up",
  "hpa-scaled",
  "pull-backoff",
]);

/** How an event shows: as an incident, a recovery, news, or not at all (null). */
export function toneOf(e: GameEvent): Tone | null {
  if (alarmsPlayer(e)) return "bad";
  if (GOOD_TYPES.has(e.type)) return "good";
  if (INFO_TYPES.has(e.type)) return "info";
  return null;
}

/** An incident's icon by its kind (an "incident" event carries the kind in `state`). */
const INCIDENT_ICONS: Readonly<Record<string, string>> = {
  crash: "inc-crash",
  "node-failure": "inc-node",
  "kernel-incident": "inc-kernel",
  breach: "inc-kernel",
  "registry-outage": "inc-registry",
  "noisy-neighbour": "inc-noisy",
  spike: "inc-spike",
  oom: "inc-oom",
  eviction: "inc-oom",
  overload: "inc-overload",
};

/** The icon (an assets/icons name) of an event. */
export function iconOf(e: GameEvent): string {
  if (e.type === "incident") return INCIDENT_ICONS[e.state] ?? "inc-crash";
  switch (e.cause) {
    case "oom":
    case "oom-node":
    case "memory-pressure":
      return "inc-oom";
    case "kernel":
      return "inc-kernel";
    case "overload":
      return "inc-overload";
    case "node-failed":
    case "evicted":
      return "inc-node";
    case "crash":
      return "inc-crash";
    default:
      break;
  }
  switch (e.type) {
    case "node-failed":
    case "node-not-ready":
      return "inc-node";
    case "registry-down":
      return "inc-registry";
    case "spike-announced":
    case "spike-started":
      return "inc-spike";
    case "noisy-start":
      return "inc-noisy";
    case "bailout":
    case "money-negative":
      return "inc-money";
    case "ca-scale-up":
    case "node-ready":
    case "node-repaired":
      return "dc-cpu";
    default:
      return "st-running";
  }
}

const SHOW_MS = 8000;
const MAX_LINES = 2;

export interface EventFeed {
  readonly el: HTMLElement;
  add(text: string, tone: Tone, icon: string): void;
  /** A hint; `tag` names it so it can be dropped when it no longer applies. */
  hint(text: string, tag?: string): void;
  drop(tag: string): void;
}

export function createEventFeed(id = "ticker"): EventFeed {
  const el = h("footer", {
    class: "ticker",
    id,
    role: "log",
    "aria-live": "polite",
    "aria-label": "What just happened",
  });
  const expire = (line: HTMLElement) => {
    clearTimeout(Number(line.dataset["timer"]));
    // The newest line stays until something newer comes.
    line.dataset["timer"] = String(
      setTimeout(() => (el.firstElementChild === line ? expire(line) : line.remove()), SHOW_MS),
    );
  };
  const add = (text: string, tone: Tone, icon: string, tag = ""): void => {
    const same = [...el.children].find((c) => (c as HTMLElement).dataset["text"] === text) as HTMLElement | undefined;
    if (same) {
      const n = Number(same.dataset["count"] ?? "1") + 1;
      same.dataset["count"] = String(n);
      same.querySelector(".feed-count")!.textContent = `×${n}`;
      el.prepend(same);
      expire(same);
      return;
    }
    const url = artUrl(icon);
    const line = h(
      "div",
      { class: `feed-line feed-${tone}`, "data-text": text, "data-tag": tag },
      url ? h("img", { src: url, alt: "", class: "feed-icon" }) : null,
      h("span", { class: "feed-text" }, text),
      h("span", { class: "feed-count" }),
    );
    el.prepend(line);
    expire(line);
    while (el.childElementCount > MAX_LINES) el.lastElementChild?.remove();
  };
  const drop = (tag: string): void => {
    for (const c of [...el.children]) if ((c as HTMLElement).dataset["tag"] === tag) c.remove();
  };
  return {
    el,
    add: (text, tone, icon) => add(text, tone, icon),
    hint(text, tag = "hint") {
      drop(tag);
      add(text, "info", "st-pending", tag);
    },
    drop,
  };
}
