/**
 * Draws one node (its header, host mode and overhead, CPU and memory bars, state overlays
 * and the drop hint) and its instance blocks (state colour and icon, guest-OS band on VMs,
 * service tab, load gauge). Texts come from the scene's pool through `label`.
 */
import type * as Phaser from "phaser";
import { HOST_MODE_SPECS, NODE_CATALOG, type NodeView } from "@overcommit/shared";
import { STATE_STYLES, THEME, serviceColor } from "../game/palette.ts";
import { drawIcon, hatch } from "./icons.ts";
import { fmtCpu, fmtMem } from "./format.ts";
import type { BlockLayout, NodeLayout } from "./layout.ts";

export type LabelFn = (key: string, x: number, y: number, text: string, size: number, color?: string, bold?: boolean) => Phaser.GameObjects.Text;

export class NodePainter {
  constructor(
    private readonly label: LabelFn,
    private readonly selection: { readonly node: number; readonly instance: number },
    private readonly dropHint: { readonly node: number; readonly ok: boolean } | null,
    /** Node texts (zoomed in enough to read them). */
    private readonly detail: boolean,
    /** Icons and hatching (zoomed in enough to see them). */
    private readonly fine: boolean,
    private readonly names: readonly string[],
    private readonly caps: readonly number[],
  ) {}

  drawNode(g: Phaser.GameObjects.Graphics, nl: NodeLayout, labels: boolean): void {
    const n = nl.node;
    const { x, y, w, h } = nl;
    g.fillStyle(THEME.node, 1);
    g.fillRoundedRect(x, y, w, h, 5);
    const selected = this.selection.node === n.id && this.selection.instance < 0;
    g.lineStyle(selected ? 3 : 1, selected ? THEME.select : THEME.nodeEdge, 1);
    g.strokeRoundedRect(x, y, w, h, 5);
    const spec = HOST_MODE_SPECS[n.mode];
    const cat = NODE_CATALOG[n.type];
    const mode = n.mode === "hypervisor" ? "Type 1 hypervisor" : n.mode === "hosted" ? "Type 2 hypervisor" : "Container host";
    const ovCpu = cat.cpu - n.cpu;
    const ovMem = cat.mem - n.mem;
    if (this.detail) this.label(`n${n.id}:t`, x + 8, y + 5, `Node ${n.id} · ${n.type}`, 13, THEME.text, true);
    if (this.detail) this.label(`n${n.id}:s`, x + w - 8, y + 5, nodeStateText(n), 12, nodeStateColor(n)).setOrigin(1, 0);
    if (this.detail) this.label(`n${n.id}:m`, x + 8, y + 22, `${mode} · takes ${fmtCpu(ovCpu)} + ${fmtMem(ovMem)}`, 11, THEME.dim);
    this.bar(g, `n${n.id}:c`, x + 8, y + 38, w - 16, "CPU", ovCpu, n.allocCpu, cat.cpu, THEME.cpu, `${fmtCpu(n.allocCpu)} / ${fmtCpu(n.cpu)}`);
    this.bar(g, `n${n.id}:r`, x + 8, y + 50, w - 16, "MEM", ovMem, n.allocMem, cat.mem, THEME.mem, `${fmtMem(n.allocMem)} / ${fmtMem(n.mem)}`);
    for (const b of nl.blocks) this.drawBlock(g, b, labels);
    if (nl.blocks.length === 0 && n.state === "ready") {
      if (this.detail) this.label(`n${n.id}:e`, x + 10, y + 72, spec.runs === "vm" ? "Empty — drop a VM here" : "Empty — drop a container here", 11, THEME.dim);
    }
    if (n.state === "provisioning") {
      if (this.fine) hatch(g, x + 1, y + 62, w - 2, h - 63, 0x5aa9e6, 0.35, 8);
      else {
        g.fillStyle(0x5aa9e6, 0.2);
        g.fillRect(x + 1, y + 62, w - 2, h - 63);
      }
      if (this.detail) this.label(`n${n.id}:p`, x + 10, y + 72, `Provisioning… ready in ${n.wait} s`, 12, "#9fd0ff", true);
    } else if (n.state === "failed") {
      g.lineStyle(3, THEME.bad, 0.9);
      g.lineBetween(x + 4, y + 4, x + w - 4, y + h - 4);
      g.lineBetween(x + w - 4, y + 4, x + 4, y + h - 4);
      if (this.detail) this.label(`n${n.id}:p`, x + 10, y + 72, `FAILED (hardware) · repair ${n.wait} s${n.notReady ? " · NotReady" : ""}`, 12, "#ff8a8a", true);
    } else if (n.state === "cordoned" || n.state === "draining") {
      g.fillStyle(0xe69f00, 0.9);
      for (let k = 0; k < w; k += 16) g.fillRect(x + k, y + h - 5, 8, 4);
    }
    if (n.noisy && this.detail) this.label(`n${n.id}:z`, x + w - 8, y + 22, "noisy!", 11, "#ffb000", true).setOrigin(1, 0);
    if (this.dropHint?.node === n.id) {
      const color = this.dropHint.ok ? THEME.ok : THEME.bad;
      g.fillStyle(color, 0.16);
      g.fillRoundedRect(x, y, w, h, 5);
      g.lineStyle(4, color, 1);
      g.strokeRoundedRect(x - 2, y - 2, w + 4, h + 4, 6);
    }
  }

  private bar(g: Phaser.GameObjects.Graphics, key: string, x: number, y: number, w: number, name: string, overhead: number, used: number, total: number, color: number, text: string): void {
    const bx = x + 30;
    const bw = w - 30 - 116;
    if (this.detail) this.label(`${key}:n`, x, y - 2, name, 10, THEME.dim, true);
    g.fillStyle(THEME.free, 1);
    g.fillRect(bx, y, bw, 8);
    const ow = Math.round((overhead / total) * bw);
    g.fillStyle(THEME.overhead, 1);
    g.fillRect(bx, y, ow, 8);
    if (this.fine) hatch(g, bx, y, ow, 8, 0xd0c0ff, 0.6, 4);
    const uw = Math.min(bw - ow, Math.round((used / total) * bw));
    g.fillStyle(color, 1);
    g.fillRect(bx + ow, y, uw, 8);
    if (this.detail) this.label(`${key}:v`, x + w, y - 2, text, 10, THEME.text).setOrigin(1, 0);
  }

  drawBlock(g: Phaser.GameObjects.Graphics, b: BlockLayout, labels: boolean): void {
    const i = b.inst;
    const st = STATE_STYLES[i.state];
    const { x, y, w, h } = b;
    const selected = this.selection.instance === i.id;
    if (i.state === "pending") {
      g.fillStyle(0x2a3038, 1);
      g.fillRect(x, y, w, h);
      g.lineStyle(1, st.color, 1);
      for (let k = 0; k < w; k += 6) {
        g.lineBetween(x + k, y, x + Math.min(k + 3, w), y);
        g.lineBetween(x + k, y + h, x + Math.min(k + 3, w), y + h);
      }
      if (this.fine) drawIcon(g, st.icon, x + w / 2, y + h / 2, 5, st.color);
      return;
    }
    g.fillStyle(st.color, i.state === "terminating" ? 0.5 : 1);
    g.fillRect(x, y, w, h);
    if (i.runtime === "vm") {
      // The guest OS band: what a VM pays before the app gets anything.
      g.fillStyle(THEME.guestOs, 1);
      g.fillRect(x, y, w, 11);
      if (labels) this.label(`i${i.id}:os`, x + 8, y, "guest OS", 8, "#c9b8ff");
    }
    g.fillStyle(serviceColor(i.service), 1);
    g.fillRect(x, y, 5, h);
    const iconY = i.runtime === "vm" ? y + 11 + (h - 11) / 2 : y + h / 2;
    const iconColor = i.state === "running" || i.state === "booting" || i.state === "pulling" ? 0x0b1a12 : 0xffffff;
    if (this.fine) drawIcon(g, st.icon, x + w - 10, iconY, i.runtime === "vm" ? 6 : 5, iconColor);
    if (labels) {
      const name = this.names[i.service] ?? "?";
      this.label(`i${i.id}:n`, x + 8, iconY - 6, abbreviate(name, i.runtime === "vm" ? 6 : 2), 10, "#0b1118", true);
    }
    // Load gauge along the bottom: share of this replica's capacity in use (red = over).
    if (i.state === "running") {
      const cap = Math.max(1, this.caps[i.service] ?? 1);
      const frac = Math.min(1, i.load / cap);
      g.fillStyle(0x000000, 0.45);
      g.fillRect(x + 5, y + h - 4, w - 5, 4);
      g.fillStyle(i.load > cap ? THEME.bad : 0xffffff, 0.95);
      g.fillRect(x + 5, y + h - 4, Math.round((w - 5) * frac), 4);
    }
    if (selected) {
      g.lineStyle(3, THEME.select, 1);
      g.strokeRect(x - 2, y - 2, w + 4, h + 4);
    }
  }
}

function nodeStateText(n: NodeView): string {
  if (n.state === "ready") return n.byAutoscaler ? "ready (autoscaler)" : "ready";
  if (n.state === "failed") return n.notReady ? "failed · NotReady" : "failed";
  return n.state;
}

function nodeStateColor(n: NodeView): string {
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

function abbreviate(name: string, n: number): string {
  const words = name.split(/\s+/);
  if (n <= 3) return words.map((w) => w[0] ?? "").join("").slice(0, n).toUpperCase();
  return words[0]!.slice(0, n);
}
