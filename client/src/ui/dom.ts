/** A tiny DOM toolkit: element builder, panel rebuilds that keep what is still there, and toasts. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

/** Listeners h() attached, kept so that morph() can hand an element its new ones. */
const LISTENERS = new WeakMap<Element, Map<string, EventListener>>();
/**
 * Elements that were already on the page when built into new content (a live part kept
 * across rebuilds, such as a leaderboard refreshed on its own): morph() puts such an element
 * back where it belongs instead of copying it into whatever stood there.
 */
const KEPT = new WeakSet<Node>();

function keepIfLive(c: Node): void {
  if (c.isConnected) KEPT.add(c);
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") {
      const type = k.slice(2).toLowerCase();
      el.addEventListener(type, v);
      let m = LISTENERS.get(el);
      if (!m) LISTENERS.set(el, (m = new Map()));
      m.set(type, v);
    } else if (k === "class") el.className = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    if (c instanceof Node) keepIfLive(c);
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/**
 * Brings a panel up to date with freshly built content, keeping every element that is still
 * there (same tag and id at the same place): only text, attributes and handlers change. A
 * button under the pointer is never swapped for a copy between press and release, the
 * keyboard focus stays put, and what a player is typing in a field is kept.
 */
export function rebuild(container: HTMLElement, ...children: (Child | Child[])[]): void {
  const fresh: Node[] = [];
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    if (c instanceof Node) keepIfLive(c);
    fresh.push(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  morphChildren(container, fresh);
}

function morphChildren(parent: Node, fresh: readonly Node[]): void {
  const old = [...parent.childNodes];
  fresh.forEach((n, k) => {
    const o = old[k];
    if (!o) parent.appendChild(n);
    else morph(o, n);
  });
  for (let k = fresh.length; k < old.length; k++) old[k]!.remove();
}

function morph(o: Node, n: Node): void {
  if (o === n) return;
  if (KEPT.has(n)) {
    (o as ChildNode).replaceWith(n);
    return;
  }
  if (o.nodeType !== n.nodeType || o.nodeName !== n.nodeName || (o instanceof Element && o.id !== (n as Element).id)) {
    (o as ChildNode).replaceWith(n);
    return;
  }
  if (!(o instanceof Element)) {
    if (o.nodeValue !== n.nodeValue) o.nodeValue = n.nodeValue;
    return;
  }
  const e = n as Element;
  // Whether a <details> is open is the player's choice once it is on the page.
  const keep = (name: string) => name === "open" && o.tagName === "DETAILS";
  for (const a of [...o.attributes]) if (!e.hasAttribute(a.name) && !keep(a.name)) o.removeAttribute(a.name);
  for (const a of [...e.attributes])
    if (o.getAttribute(a.name) !== a.value && !keep(a.name)) o.setAttribute(a.name, a.value);
  const was = LISTENERS.get(o);
  const now = LISTENERS.get(e);
  for (const [type, f] of was ?? []) o.removeEventListener(type, f);
  for (const [type, f] of now ?? []) o.addEventListener(type, f);
  if (now) LISTENERS.set(o, now);
  else LISTENERS.delete(o);
  morphChildren(o, [...e.childNodes]);
}

/**
 * The value of a form field as it is on the page now. Handlers read fields through this,
 * by id: after a rebuild the field on the page is the one the player used, not the copy
 * the handler was built beside.
 */
export function liveValue(id: string): string {
  const el = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
  return el?.value ?? "";
}

export function liveChecked(id: string): boolean {
  return (document.getElementById(id) as HTMLInputElement | null)?.checked ?? false;
}

export interface ToastAt {
  readonly x: number;
  readonly y: number;
}

/**
 * A short message shown where the player is looking: beside the element or point that
 * caused it (a refused drop appears at the drop), else at the bottom of the screen.
 */
export function toast(message: string, kind: "bad" | "ok" | "info" = "info", at?: Element | ToastAt | null): void {
  const host = document.getElementById("toasts");
  if (!host) return;
  const el = h("div", { class: `toast toast-${kind}`, role: kind === "bad" ? "alert" : "status" }, message);
  if (at) {
    const p = at instanceof Element ? anchorPoint(at) : at;
    el.classList.add("toast-at");
    el.style.left = `${Math.max(8, Math.min(window.innerWidth - 340, p.x))}px`;
    el.style.top = `${Math.max(8, Math.min(window.innerHeight - 80, p.y))}px`;
  }
  host.append(el);
  setTimeout(() => el.remove(), kind === "bad" ? 5000 : 3000);
}

function anchorPoint(el: Element): ToastAt {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.bottom + 6 };
}

export function fmtMoney(n: number): string {
  return `${n < 0 ? "−" : ""}¢${Math.abs(n).toLocaleString("en-US")}`;
}

export function pct(bp: number): string {
  return `${(bp / 100).toFixed(2)} %`;
}

/** A touch screen without a fine pointer (a phone, a tablet): hints say "tap", not keys. */
export function touchOnly(): boolean {
  return window.matchMedia("(pointer: coarse)").matches && !window.matchMedia("(any-pointer: fine)").matches;
}
