/**
 * The class's incidents as a feed people read at a glance (projector, instructor's desk):
 * in words, with the students' names and the service, newest first, without repeats.
 *
 * One line per kind of trouble on one service (a node-wide one has none) while it keeps
 * happening: an incident of the same kind on the same service within REPEAT_WINDOW
 * simulated seconds of the line's last one joins that line — its name is added, the line
 * counts it ("×3") and comes back to the top. So a scripted spike that hits the whole class
 * at once, or a crash that repeats, is one line ("Everyone · Traffic spike · Storefront").
 */
import { clock, getConcept, incidentTitle, type ClassIncident, type Incident } from "@overcommit/shared";
import { h } from "../ui/dom.ts";
import type { Classroom } from "./classroom.ts";

const REPEAT_WINDOW = 120;
const MAX_ITEMS = 40;

/** A short label for each kind, shown as a coloured tag. */
const TAGS: Readonly<Record<string, string>> = {
  crash: "crash",
  oom: "out of memory",
  overload: "overload",
  "node-failure": "node down",
  "kernel-incident": "kernel panic",
  "registry-outage": "registry",
  "noisy-neighbour": "noisy",
  spike: "spike",
};

export interface FeedItem {
  readonly key: string;
  readonly kind: string;
  readonly concept: string;
  readonly service: string;
  /** Names of the datacenters it hit, in the order they were hit. */
  readonly names: string[];
  /** How many incidents the line stands for. */
  count: number;
  /** Simulated time of the latest one. */
  tick: number;
}

/** The feed's lines, kept in order as incidents arrive. */
export class IncidentFeedModel {
  items: FeedItem[] = [];
  private seq = 0;

  add(list: readonly ClassIncident[]): void {
    for (const i of list) {
      const same = this.items.find(
        (it) =>
          it.kind === i.kind &&
          it.service === i.service &&
          i.tick - it.tick <= REPEAT_WINDOW &&
          it.tick - i.tick <= REPEAT_WINDOW,
      );
      if (same) {
        same.count++;
        same.tick = Math.max(same.tick, i.tick);
        if (!same.names.includes(i.name)) same.names.push(i.name);
        if (this.items[0] !== same) this.items = [same, ...this.items.filter((it) => it !== same)];
        continue;
      }
      this.items.unshift({
        key: `i${this.seq++}`,
        kind: i.kind,
        concept: i.concept,
        service: i.service,
        names: [i.name],
        count: 1,
        tick: i.tick,
      });
      if (this.items.length > MAX_ITEMS) this.items.length = MAX_ITEMS;
    }
  }

  clear(): void {
    this.items = [];
  }
}

/** "Ada", "Ada and Bob", "Ada, Bob and Cy", "5 datacenters", or "Everyone" when it hit every datacenter of the class. */
function who(names: readonly string[], classSize: number): string {
  if (classSize > 1 && names.length >= classSize) return "Everyone";
  if (names.length > 3) return `${names.length} datacenters`;
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One line in words: who, what, where. */
export function feedText(it: FeedItem, classSize: number): { who: string; what: string } {
  const title = (TAGS[it.kind] ? incidentTitle(it.kind as Incident["kind"]) : it.kind) || "incident";
  return { who: who(it.names, classSize), what: `${capital(title)}${it.service ? ` · ${it.service}` : ""}` };
}

/**
 * The feed as a list element; `update()` redraws it, reusing the line of an item that is
 * still there so only new lines play their entrance.
 */
export function incidentFeedView(
  model: IncidentFeedModel,
  opts: { limit: number; id?: string; classSize: () => number },
): { el: HTMLElement; update(): void } {
  const el = h("ol", { class: "feed", id: opts.id ?? "", "aria-live": "polite" });
  const lines = new Map<string, { li: HTMLElement; sig: string }>();
  return {
    el,
    update() {
      const shown = model.items.slice(0, opts.limit);
      const keep = new Set(shown.map((it) => it.key));
      for (const [k, line] of lines) if (!keep.has(k)) (line.li.remove(), lines.delete(k));
      if (shown.length === 0) {
        el.replaceChildren(h("li", { class: "feed-empty" }, "No incidents yet."));
        return;
      }
      el.querySelector(".feed-empty")?.remove();
      shown.forEach((it, k) => {
        let line = lines.get(it.key);
        const size = opts.classSize();
        const sig = `${it.count}|${it.tick}|${it.names.length}|${size}`;
        if (!line || line.sig !== sig) {
          const t = feedText(it, size);
          const li = h(
            "li",
            { class: `feed-item kind-${it.kind}${line ? " bumped" : " fresh"}` },
            h("span", { class: "feed-tag" }, TAGS[it.kind] ?? it.kind),
            // ×N only for repeats: one incident in each of several datacenters is said by the names.
            h(
              "span",
              { class: "feed-words" },
              h("strong", {}, t.who),
              " ",
              t.what,
              it.count > it.names.length ? h("span", { class: "feed-count" }, ` ×${it.count}`) : null,
            ),
            h(
              "span",
              { class: "feed-meta" },
              `${clock(it.tick)}${getConcept(it.concept) ? ` · ${getConcept(it.concept)!.term}` : ""}`,
            ),
          );
          if (line) line.li.replaceWith(li);
          line = { li, sig };
          lines.set(it.key, line);
        }
        if (el.children[k] !== line.li) el.insertBefore(line.li, el.children[k] ?? null);
      });
    },
  };
}

/**
 * Keeps a feed with its class: the class's incidents go in (then `changed`), and it starts
 * empty again after a reconnection (the server sends the incidents so far again) and when
 * the class starts a new round.
 */
export function followClass(
  model: IncidentFeedModel,
  c: Classroom,
  changed: (added: readonly ClassIncident[]) => void,
): void {
  c.on("reconnected", () => model.clear());
  c.on("incident", (list) => {
    model.add(list as ClassIncident[]);
    changed(list as ClassIncident[]);
  });
  let round = 0;
  c.onState((s) => {
    if (s.round !== round && round !== 0) model.clear();
    round = s.round;
  });
}
