/**
 * Draws one node and its instance blocks: the chassis in its host mode's colour (purple
 * Type 1, amber Type 2, teal container host) with a status light, its CPU and memory bars
 * (the hatched part is what the hypervisor or OS takes), and its VMs and containers.
 *
 * A block is a textured VM or container tinted with its state's colour, the service's
 * emblem on it and the state's icon in a corner; a VM carries its dark guest-OS band,
 * which fills up while the guest boots. Names are never squeezed onto a block: the emblem
 * says which service it is, and the Inspect tab says the rest. Far out, blocks are plain
 * rectangles (nothing smaller would be readable, and it keeps 300 nodes cheap).
 */
import type * as Phaser from "phaser";
import { HOST_MODE_SPECS, NODE_CATALOG, clock, vmThroughputPct, type NodeView } from "@overcommit/shared";
import { HAND_STYLE, MODE_STYLES, STATE_STYLES, THEME, instanceStyle, serviceColor } from "../game/palette.ts";
import { hatch } from "./icons.ts";
import { fmtCpu, fmtMem, nodeStateText } from "./format.ts";
import { serviceIcon, stateIcon } from "./textures.ts";
import type { BlockLayout, NodeLayout } from "./layout.ts";

export type LabelFn = (
  key: string,
  x: number,
  y: number,
  text: string,
  size: number,
  color?: string,
  bold?: boolean,
) => Phaser.GameObjects.Text;
/** Draws a pooled image; depth 2 (under the overlays) unless given (4 = above them). */
export type ImageFn = (
  key: string,
  texture: string,
  x: number,
  y: number,
  w: number,
  h: number,
  tint?: number,
  alpha?: number,
  depth?: number,
) => Phaser.GameObjects.Image;

export interface PaintContext {
  readonly label: LabelFn;
  readonly image: ImageFn;
  /** Overlays drawn above the block textures (guest-OS band, load gauge, selection). */
  readonly over: Phaser.GameObjects.Graphics;
  readonly selection: { readonly node: number; readonly instance: number };
  readonly dropHint: { readonly node: number; readonly ok: boolean } | null;
  /** Node texts (zoomed in enough to read them). */
  readonly detail: boolean;
  /** Icons, textures and hatching (zoomed in enough to see them). */
  readonly fine: boolean;
  /** Service ids and per-replica capacity (req/s), by service index. */
  readonly serviceIds: readonly string[];
  readonly caps: readonly number[];
  /** Seconds a node takes to provision (the scenario's). */
  readonly provision: number;
  /** Pop-in scale of a block that just appeared (1 once settled). */
  popScale(instance: number): number;
}

const DARK_ON = new Set(["running", "booting", "pulling", "pending", "terminating"]);

export class NodePainter {
  constructor(private readonly c: PaintContext) {}

  /** The pools and level of detail it paints with (the hall around the racks uses them too). */
  get context(): PaintContext {
    return this.c;
  }

  drawNode(g: Phaser.GameObjects.Graphics, nl: NodeLayout): void {
    const c = this.c;
    const n = nl.node;
    const { x, y, w, h } = nl;
    const style = MODE_STYLES[n.mode];
    const selected = c.selection.node === n.id && c.selection.instance < 0;
    // Far out, plain rectangles: rounded corners would not show, and cost a path each.
    const round = c.detail;
    g.fillStyle(THEME.node, 1);
    if (round) g.fillRoundedRect(x, y, w, h, 6);
    else g.fillRect(x, y, w, h);
    // Rack ears in the host mode's colour: the node's kind reads from across the room.
    g.fillStyle(style.color, n.state === "failed" ? 0.35 : 0.9);
    g.fillRect(x, y + 6, 4, h - 12);
    g.fillRect(x + w - 4, y + 6, 4, h - 12);
    if (round || selected) {
      g.lineStyle(selected ? 3 : 1.5, selected ? THEME.select : style.color, selected ? 1 : 0.55);
      if (round) g.strokeRoundedRect(x, y, w, h, 6);
      else g.strokeRect(x, y, w, h);
    }
    const spec = HOST_MODE_SPECS[n.mode];
    const cat = NODE_CATALOG[n.type];
    const ovCpu = cat.cpu - n.cpu;
    const ovMem = cat.mem - n.mem;
    let titleEnd = x + 150;
    // Status light (far out, a square says as much).
    g.fillStyle(ledColor(n), 1);
    if (round) g.fillCircle(x + w - 14, y + 13, 4);
    else g.fillRect(x + w - 20, y + 8, 10, 10);
    if (c.detail) {
      if (c.fine) c.image(`n${n.id}:i`, style.icon, x + 10, y + 5, 16, 16, style.color);
      const title = c.label(
        `n${n.id}:t`,
        x + (c.fine ? 30 : 10),
        y + 5,
        `Node ${n.id} · ${n.type}`,
        13,
        THEME.text,
        true,
      );
      titleEnd = title.x + title.width;
      const state = c.label(`n${n.id}:s`, x + w - 24, y + 5, nodeStateText(n), 12, nodeStateColor(n)).setOrigin(1, 0);
      // On a narrow node "ready (autoscaler)" would run into the title: the state alone then.
      if (state.x - state.width < titleEnd + 6) state.setText(n.rebooting ? "rebooting" : n.state);
      // On a hosted hypervisor the VMs' slow-down is the node's news; its overhead is in Inspect.
      const slow =
        HOST_MODE_SPECS[n.mode].vmContentionPct > 0 && n.vms > 0
          ? `${style.short} · VMs at ${vmThroughputPct(n.mode, n.vms)} % speed`
          : "";
      c.label(
        `n${n.id}:m`,
        x + 10,
        y + 23,
        slow || `${style.short} · takes ${fmtCpu(ovCpu)} + ${fmtMem(ovMem)}`,
        11,
        style.css,
      );
    }
    this.bar(
      g,
      `n${n.id}:c`,
      x + 10,
      y + 40,
      w - 20,
      "CPU",
      ovCpu,
      n.allocCpu,
      n.usedCpu,
      cat.cpu,
      THEME.cpu,
      `${fmtCpu(n.allocCpu)} / ${fmtCpu(n.cpu)}`,
    );
    this.bar(
      g,
      `n${n.id}:r`,
      x + 10,
      y + 52,
      w - 20,
      "MEM",
      ovMem,
      n.allocMem,
      n.usedMem,
      cat.mem,
      THEME.mem,
      `${fmtMem(n.allocMem)} / ${fmtMem(n.mem)}`,
    );
    // Overcommit (limits past what the node has) and MemoryPressure as icons by the title;
    // the Inspect tab says them in words.
    const over = n.cpu > 0 && n.mem > 0 && (n.limCpu > n.cpu || n.limMem > n.mem);
    if (c.fine && c.detail) {
      // Just after the title, so they never sit on it.
      let ix = titleEnd + 6;
      if (over) c.image(`n${n.id}:oc`, "inc-overload", ix, y + 5, 14, 14, 0xffb000, 1, 4);
      if (over) ix += 18;
      if (n.pressure) c.image(`n${n.id}:mp`, "inc-oom", ix, y + 5, 14, 14, THEME.bad, 1, 4);
    }
    for (const b of nl.blocks) this.drawBlock(g, b, spec.vmBoot);
    if (nl.blocks.length === 0 && n.state === "ready" && c.detail) {
      c.label(
        `n${n.id}:e`,
        x + 12,
        y + 74,
        spec.runs === "vm" ? "Empty: drop a VM here" : "Empty: drop a container here",
        11,
        THEME.dim,
      );
    }
    if (n.state === "provisioning") {
      if (c.fine) hatch(g, x + 5, y + 64, w - 10, h - 68, 0x5aa9e6, 0.3, 8);
      // How far provisioning has come, as a bar under the note.
      const done = c.provision > 0 ? Math.max(0, Math.min(1, 1 - n.wait / c.provision)) : 0;
      g.fillStyle(0x0b1118, 1);
      g.fillRect(x + 12, y + h - 14, w - 24, 6);
      g.fillStyle(0x5aa9e6, 1);
      g.fillRect(x + 12, y + h - 14, Math.round((w - 24) * done), 6);
      if (c.detail)
        c.label(`n${n.id}:p`, x + 12, y + 70, `Provisioning: ready in ${clock(n.wait)}`, 12, "#9fd0ff", true);
    } else if (n.state === "failed") {
      g.fillStyle(0x000000, 0.55);
      g.fillRoundedRect(x, y, w, h, 6);
      g.lineStyle(2, THEME.bad, 0.9);
      g.strokeRoundedRect(x, y, w, h, 6);
      if (c.fine) c.image(`n${n.id}:f`, "inc-node", x + w / 2 - 16, y + Math.min(h / 2, 90) - 10, 32, 32, THEME.bad);
      // A kernel panic only reboots the host (minutes); a hardware failure waits for a repair.
      const note = n.rebooting ? `Rebooting · back in ${clock(n.wait)}` : `Failed · repaired in ${clock(n.wait)}`;
      // Over the CPU and memory bars (stale while it is down), on a dark ground: below them the
      // dead instances' blocks would run through the words.
      if (c.detail)
        c.label(`n${n.id}:fn`, x + 10, y + 38, note, 12, n.rebooting ? "#ffcc66" : "#ff8a8a", true)
          .setBackgroundColor("#0b1118")
          .setPadding(4, 3, 4, 3)
          .setFixedSize(w - 20, 0);
    } else if (n.state === "cordoned" || n.state === "draining") {
      g.fillStyle(0xe69f00, 0.9);
      for (let k = 8; k < w - 8; k += 16) g.fillRect(x + k, y + h - 5, 8, 4);
    }
    if (n.noisy && c.detail) {
      if (c.fine) c.image(`n${n.id}:z`, "inc-noisy", x + w - 46, y + 22, 14, 14, 0xffb000);
      c.label(`n${n.id}:zt`, x + w - 10, y + 23, "noisy", 11, "#ffb000", true).setOrigin(1, 0);
    }
    if (c.dropHint?.node === n.id) {
      const color = c.dropHint.ok ? THEME.ok : THEME.bad;
      g.fillStyle(color, 0.16);
      g.fillRoundedRect(x, y, w, h, 6);
      g.lineStyle(4, color, 1);
      g.strokeRoundedRect(x - 2, y - 2, w + 4, h + 4, 7);
    }
  }

  /** A resource bar: the overhead (hatched), the requests placed (solid) and, as a bright tick, what is in use now. */
  private bar(
    g: Phaser.GameObjects.Graphics,
    key: string,
    x: number,
    y: number,
    w: number,
    name: string,
    overhead: number,
    used: number,
    inUse: number,
    total: number,
    color: number,
    text: string,
  ): void {
    const c = this.c;
    const bx = x + 30;
    const bw = w - 30 - 112;
    if (c.detail) c.label(`${key}:n`, x, y - 2, name, 10, THEME.dim, true);
    g.fillStyle(THEME.free, 1);
    g.fillRect(bx, y, bw, 8);
    const ow = Math.round((overhead / total) * bw);
    g.fillStyle(THEME.overhead, 1);
    g.fillRect(bx, y, ow, 8);
    if (c.fine) hatch(g, bx, y, ow, 8, 0xd0c0ff, 0.6, 4);
    const uw = Math.min(bw - ow, Math.round((used / total) * bw));
    g.fillStyle(color, 1);
    g.fillRect(bx + ow, y, uw, 8);
    if (c.fine && inUse > 0) {
      const at = Math.min(bw - 2, ow + Math.round((inUse / total) * bw));
      g.fillStyle(0xffffff, 0.95);
      g.fillRect(bx + at, y - 2, 2, 12);
    }
    if (c.detail) c.label(`${key}:v`, x + w, y - 2, text, 10, THEME.text).setOrigin(1, 0);
  }

  /** `boot`: how long a VM takes to boot on this block's node (its bar fills against it). */
  drawBlock(g: Phaser.GameObjects.Graphics, b: BlockLayout, boot = 0): void {
    const c = this.c;
    const i = b.inst;
    const st = instanceStyle(i);
    const s = c.popScale(i.id);
    const w = Math.round(b.w * s);
    const h = Math.round(b.h * s);
    const x = b.x + (b.w - w) / 2;
    const y = b.y + (b.h - h) / 2;
    const vm = i.runtime === "vm";
    const selected = c.selection.instance === i.id;
    const o = c.over;
    // Not running anywhere yet: waiting for the scheduler, or for the player's own hands.
    if (i.state === "pending" || st === HAND_STYLE) {
      g.fillStyle(0x2a3038, 1);
      g.fillRect(x, y, w, h);
      g.lineStyle(1, st.color, 1);
      for (let k = 0; k < w; k += 6) {
        g.lineBetween(x + k, y, x + Math.min(k + 3, w), y);
        g.lineBetween(x + k, y + h, x + Math.min(k + 3, w), y + h);
      }
      if (selected) {
        o.lineStyle(3, THEME.select, 1);
        o.strokeRect(x - 2, y - 2, w + 4, h + 4);
      }
      if (st !== HAND_STYLE) {
        if (c.fine) c.image(`i${i.id}:s`, stateIcon("pending"), x + w / 2 - 6, y + h / 2 - 6, 12, 12, st.color);
        return;
      }
      // Queued for the operator: which service it is (its tab and emblem, faded) and an hourglass,
      // so three queued blocks on a node are not three identical grey boxes.
      g.fillStyle(serviceColor(i.service), 0.7);
      g.fillRect(x, y, 4, h);
      if (!c.fine) return;
      c.image(`i${i.id}:s`, stateIcon("pending"), x + w - 13, y + 3, 10, 10, st.color);
      // Its countdown, as on its inspector's button: when it will start. A container's block
      // has room for the countdown or the emblem, not both; its coloured tab names the service.
      const countdown = c.detail;
      if (vm || !countdown) {
        const emblem = vm ? 20 : 14;
        const icon = serviceIcon(c.serviceIds[i.service] ?? "");
        c.image(`i${i.id}:e`, icon, x + 7, y + (h - emblem) / 2, emblem, emblem, 0xffffff, 0.55);
      }
      if (countdown) c.label(`i${i.id}:w`, x + w - 4, y + h - 15, `${i.wait} s`, 10, THEME.text).setOrigin(1, 0);
      return;
    }
    const alpha = i.state === "terminating" ? 0.5 : 1;
    if (!c.fine) {
      g.fillStyle(st.color, alpha);
      g.fillRect(x, y, w, h);
      if (vm) {
        g.fillStyle(THEME.guestOs, 1);
        g.fillRect(x, y, w, Math.max(2, Math.round(h * 0.24)));
      }
      return;
    }
    c.image(`i${i.id}:b`, vm ? "vm-block" : "container-block", x, y, w, h, st.color, alpha);
    const band = vm ? Math.round(h * 0.24) : 0;
    if (vm) {
      // The guest OS: what a VM pays before the app gets anything. It lights up as it boots.
      o.fillStyle(THEME.guestOs, 1);
      o.fillRect(x + 1, y + 1, w - 2, band);
      if (i.state === "booting" && i.wait > 0) {
        const total = Math.max(i.wait, boot);
        o.fillStyle(0x8f7ee0, 0.9);
        o.fillRect(x + 1, y + band - 3, Math.round((w - 2) * (1 - i.wait / total)), 3);
      }
    }
    o.fillStyle(serviceColor(i.service), 1);
    o.fillRect(x, y + band, 4, h - band);
    // Held at its CPU limit (throttled): an amber cap along the top.
    if (i.throttled) {
      o.fillStyle(0xffb000, 1);
      o.fillRect(x + 4, y + band, w - 4, 3);
    }
    const dark = DARK_ON.has(i.state);
    const emblem = vm ? 20 : 14;
    c.image(
      `i${i.id}:e`,
      serviceIcon(c.serviceIds[i.service] ?? ""),
      x + 7,
      y + band + (h - band - emblem) / 2,
      emblem,
      emblem,
      dark ? 0x0b1118 : 0xffffff,
      alpha,
    );
    const si = vm ? 10 : 9;
    c.image(
      `i${i.id}:s`,
      stateIcon(i.state),
      x + w - si - 3,
      vm ? y + (band - si) / 2 + 1 : y + 3,
      si,
      si,
      vm ? 0xffffff : dark ? 0x0b1118 : 0xffffff,
      1,
      4,
    );
    // Load gauge along the bottom: share of this replica's capacity in use (red = over).
    if (i.state === "running") {
      const cap = Math.max(1, c.caps[i.service] ?? 1);
      const frac = Math.min(1, i.load / cap);
      o.fillStyle(0x000000, 0.45);
      o.fillRect(x + 4, y + h - 4, w - 5, 3);
      o.fillStyle(i.load > cap ? THEME.bad : 0xffffff, 0.95);
      o.fillRect(x + 4, y + h - 4, Math.round((w - 5) * frac), 3);
    }
    if (selected) {
      o.lineStyle(3, THEME.select, 1);
      o.strokeRect(x - 2, y - 2, w + 4, h + 4);
    }
  }
}

function ledColor(n: NodeView): number {
  if (n.rebooting) return 0xe69f00;
  switch (n.state) {
    case "ready":
      return 0x2ecc71;
    case "failed":
      return 0xff4d4d;
    case "provisioning":
      return 0x56b4e9;
    default:
      return 0xe69f00;
  }
}

function nodeStateColor(n: NodeView): string {
  if (n.rebooting) return "#ffcc66";
  switch (n.state) {
    case "ready":
      return "#7fe0b0";
    case "failed":
      return "#ff8a8a";
    case "provisioning":
      return "#9fd0ff";
    default:
      return "#ffcc66";
  }
}
