/** A tiny DOM toolkit: element builder, panel rebuilds that keep focus, and toasts. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === "class") el.className = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/**
 * Replaces a container's content and puts the keyboard focus back on the element with the
 * same id, so panels can be rebuilt while someone is tabbing through them.
 */
export function rebuild(container: HTMLElement, ...children: (Child | Child[])[]): void {
  const active = document.activeElement;
  const focusId = active instanceof HTMLElement && container.contains(active) ? active.id : "";
  container.replaceChildren();
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) container.append(c instanceof Node ? c : String(c));
  if (focusId) document.getElementById(focusId)?.focus();
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
