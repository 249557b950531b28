/**
 * The link and QR code a class joins with: `ADDRESS/#/class/CODE`, which opens the nickname
 * form with the code filled in. ADDRESS is where this page was opened from, unless that is
 * this machine only (localhost): then the class address the server announced (its
 * PUBLIC_ADDRESS or LAN address, `welcome.classUrl`), since no student can reach localhost.
 */
import { renderSVG } from "uqr";
import { h } from "../ui/dom.ts";

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/;

export interface JoinLink {
  /** The full link, for the QR code and copying. */
  readonly url: string;
  /** What to read out or type: the address without "http://" and the hash. */
  readonly address: string;
  /** Why students may not be able to open it, or "". */
  readonly warning: string;
}

export function joinLink(code: string, classUrl: string): JoinLink {
  const local = LOOPBACK.test(location.hostname);
  const base =
    local && classUrl ? classUrl.replace(/\/+$/, "") : `${location.origin}${location.pathname.replace(/\/+$/, "")}`;
  const url = `${base}/#/class/${encodeURIComponent(code)}`;
  const address = base.replace(/^https?:\/\//, "");
  const warning =
    local && !classUrl
      ? "Students cannot open localhost: start the server with HOST=0.0.0.0, and it shows the address for the class here."
      : "";
  return { url, address, warning };
}

/** A QR code of `url` as an inline SVG (black on white, with its quiet zone), labelled for screen readers. */
export function qrCode(url: string, className = "qr"): HTMLElement {
  const el = h("div", { class: className, role: "img", "aria-label": `QR code for ${url}` });
  el.innerHTML = renderSVG(url, { pixelSize: 8, whiteColor: "#ffffff", blackColor: "#000000" });
  return el;
}
