/**
 * The Inspect tab: what is selected (a node, or an instance: instanceInspector.ts), its
 * numbers, and the actions on it, plus a list of every node so the whole cluster is
 * reachable by keyboard.
 * Rebuilt only when what it shows changes, keeping the focus where it was.
 */
import {
  canPlace,
  HOST_MODE_SPECS,
  licenceOf,
  NODE_CATALOG,
  nodeCost,
  vmThroughputPct,
  type NodeView,
  type Runtime,
  handStartsIn,
} from "@overcommit/shared";
import { h, rebuild } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import type { Panel } from "./servicePanel.ts";
import { instanceStyle, LEGEND_STATES, STATE_STYLES } from "../game/palette.ts";
import { fmtCpu, fmtMem, nodeStateText } from "../scenes/format.ts";
import { gauge } from "./gauge.ts";
import { instanceView } from "./instanceInspector.ts";

const MODE_NAMES = {
  hypervisor: "Type 1 hypervisor (bare metal)",
  hosted: "Type 2 hypervisor (hosted on an OS)",
  "container-host": "Container host (Linux + runtime)",
} as const;

export function createInspector(ctx: PlayContext): Panel {
  const body = h("div", { class: "inspect-body" });
  const nodes = h("div", { class: "node-list" });
  const el = h("section", { class: "tab-body", id: "tab-inspect" }, body, h("h3", {}, "Nodes"), nodes);
  let lastKey = "";
  let lastNodes = "";
  return {
    el,
    update() {
      const v = ctx.game.view;
      const sel = ctx.selection;
      const inst = sel.instance >= 0 ? v.instances.find((i) => i.id === sel.instance) : undefined;
      const node = v.nodes.find((n) => n.id === (inst ? inst.node : sel.node));
      const key = JSON.stringify([
        sel,
        inst,
        node,
        ctx.armed,
        inst ? null : v.instances.filter((i) => node && i.node === node.id).map((i) => [i.id, i.state, i.load]),
      ]);
      if (key !== lastKey) {
        lastKey = key;
        if (inst) rebuild(body, instanceView(ctx, inst));
        else if (node) rebuild(body, nodeView(ctx, node));
        else
          rebuild(
            body,
            h(
              "p",
              { class: "dim" },
              "Click a node or an instance in the datacenter (or pick a node below) to see it here. Drag a service's VM or Container chip onto a node to start it.",
            ),
            legend(),
          );
      }
      const nk = v.nodes.map((n) => `${n.id}:${nodeStateText(n)}:${n.allocCpu}:${n.allocMem}:${sel.node}`).join("|");
      if (nk !== lastNodes) {
        lastNodes = nk;
        rebuild(
          nodes,
          v.nodes.length === 0
            ? h("p", { class: "dim" }, "No nodes yet.")
            : v.nodes.map((n) =>
                h(
                  "button",
                  {
                    id: `node-btn-${n.id}`,
                    class: `node-btn ${sel.node === n.id ? "sel" : ""}`,
                    onclick: () => ctx.select({ node: n.id, instance: -1 }),
                  },
                  `Node ${n.id} · ${n.type} · ${n.mode === "container-host" ? "containers" : n.mode === "hypervisor" ? "Type 1" : "Type 2"} · ${nodeStateText(n)} · CPU ${Math.round((n.allocCpu * 100) / n.cpu)} % · MEM ${Math.round((n.allocMem * 100) / n.mem)} %`,
                ),
              ),
        );
      }
    },
  };
}

function legend(): HTMLElement {
  return h(
    "div",
    { class: "legend" },
    h("h3", {}, "Instance states"),
    h(
      "ul",
      {},
      LEGEND_STATES.map((s) =>
        h(
          "li",
          { title: STATE_STYLES[s].hint },
          h("span", { class: `st st-${s}` }),
          STATE_STYLES[s].label,
          h("span", { class: "dim" }, ` — ${STATE_STYLES[s].hint}`),
        ),
      ),
    ),
    h(
      "p",
      { class: "dim" },
      "Big blocks are VMs (the dark top band is their guest OS); small blocks are containers. The emblem and the coloured left edge tell the service; the bar along the bottom is its load; an amber cap means a pod held at its CPU limit.",
    ),
    h(
      "p",
      { class: "dim" },
      "A node's colour says what it runs: purple a Type 1 hypervisor, amber a Type 2, teal containers. On its CPU and memory bars, the hatched part is what the hypervisor or OS takes, the solid part what is requested, the white tick what is in use now. By its name: a gauge when its limits add up past the node (overcommit), a memory chip under MemoryPressure.",
    ),
  );
}

function nodeView(ctx: PlayContext, n: NodeView): HTMLElement {
  const spec = HOST_MODE_SPECS[n.mode];
  const cat = NODE_CATALOG[n.type];
  const runtime: Runtime = spec.runs;
  const deployButtons = ctx.scenario.services.map((svc, s) => {
    const refusal = canPlace(ctx.game.world, svc.id, runtime, n.id);
    const byHand = handStartsIn(ctx.game.world, svc.id, runtime);
    const b = h(
      "button",
      {
        id: `deploy-${svc.id}-${n.id}`,
        class: refusal ? "soft-disabled" : "",
        "aria-disabled": String(!!refusal),
        title: refusal
          ? refusal.message
          : `Start ${svc.name} here${byHand > 0 ? ` (set up by your hands: it starts in ${byHand} s)` : ""}`,
        // The button on screen, not `b`: a rebuild morphs the old button and `b` stays detached.
        onclick: (e: Event) =>
          ctx.send({ type: "deploy", service: svc.id, runtime, node: n.id }, e.currentTarget as Element),
      },
      `+ ${svc.name}`,
      // Seen without hovering (a phone has no tooltips): when a hand deploy here would start.
      !refusal && byHand > 0 ? h("span", { class: "dim" }, ` · by hand, starts in ${byHand} s`) : null,
    );
    return h("li", {}, b, refusal ? h("div", { class: "why" }, refusal.message) : null);
  });
  const insts = ctx.game.view.instances.filter((i) => i.node === n.id && i.state !== "gone");
  return h(
    "div",
    {},
    h("h3", {}, `Node ${n.id} · ${n.type} · ${n.rebooting ? "rebooting" : n.state}${n.notReady ? " (NotReady)" : ""}`),
    h(
      "p",
      {},
      MODE_NAMES[n.mode],
      " — ",
      spec.runs === "vm" ? `runs VMs; they boot in ${spec.vmBoot} s` : "runs containers (no VMs)",
      licenceOf(n.type, n.mode) ? `; licence ${licenceOf(n.type, n.mode)}/s` : "",
    ),
    n.rebooting
      ? h(
          "p",
          { class: "why" },
          `Its kernel panicked: every container here died with it, and the host is rebooting (back in ${n.wait} s). Nothing can start here until then.`,
        )
      : null,
    spec.vmContentionPct > 0
      ? h(
          "p",
          { class: "why" },
          `A hosted hypervisor's VMs share one OS and slow each other down: ${n.vms === 0 ? `a VM alone runs at ${spec.vmThroughputPct} % of its speed` : `${n.vms === 1 ? "its VM runs" : `its ${n.vms} VMs each run`} at ${vmThroughputPct(n.mode, n.vms)} % of their speed (${spec.vmThroughputPct} % alone)`}, ${spec.vmContentionPct} points less for each further VM.`,
        )
      : null,
    h(
      "table",
      { class: "kv" },
      h("tr", {}, h("th", {}, ""), h("th", {}, "CPU"), h("th", {}, "Memory")),
      h("tr", {}, h("td", {}, "Machine"), h("td", {}, fmtCpu(cat.cpu)), h("td", {}, fmtMem(cat.mem))),
      h(
        "tr",
        {},
        h("td", {}, n.mode === "container-host" ? "OS + runtime" : "Hypervisor"),
        h("td", {}, `−${fmtCpu(cat.cpu - n.cpu)}`),
        h("td", {}, `−${fmtMem(cat.mem - n.mem)}`),
      ),
      h("tr", {}, h("td", {}, "Requested"), h("td", {}, fmtCpu(n.allocCpu)), h("td", {}, fmtMem(n.allocMem))),
      h(
        "tr",
        {},
        h("td", {}, "Free to request"),
        h("td", {}, fmtCpu(n.cpu - n.allocCpu)),
        h("td", {}, fmtMem(n.mem - n.allocMem)),
      ),
      h(
        "tr",
        {},
        h("td", {}, "Limits"),
        h("td", {}, `${fmtCpu(n.limCpu)} (${pct(n.limCpu, n.cpu)})`),
        h("td", {}, `${fmtMem(n.limMem)} (${pct(n.limMem, n.mem)})`),
      ),
      h(
        "tr",
        {},
        h("td", {}, "In use now"),
        h("td", {}, `${fmtCpu(n.usedCpu)} (${pct(n.usedCpu, n.cpu)})`),
        h("td", {}, `${fmtMem(n.usedMem)} (${pct(n.usedMem, n.mem)})`),
      ),
    ),
    n.limCpu > n.cpu || n.limMem > n.mem
      ? h(
          "p",
          { class: "why" },
          "Overcommitted: the limits here add up to more than the node has. Fine while its pods stay near their requests; when they all burst, they share by request.",
        )
      : null,
    n.pressure
      ? h(
          "p",
          { class: "why" },
          "MemoryPressure: the kubelet is evicting pods that use more memory than they requested.",
        )
      : null,
    h(
      "p",
      { class: "dim" },
      `Costs ${nodeCost(n.type, n.mode)}/s${licenceOf(n.type, n.mode) ? ` (machine ${NODE_CATALOG[n.type].cost} + licence ${licenceOf(n.type, n.mode)})` : ""}. ${n.images} image(s) cached.`,
    ),
    h(
      "div",
      { class: "row" },
      n.state === "cordoned"
        ? h(
            "button",
            {
              id: `uncordon-${n.id}`,
              onclick: (e: Event) => ctx.send({ type: "uncordon", node: n.id }, e.currentTarget as Element),
            },
            "Uncordon",
          )
        : h(
            "button",
            {
              id: `cordon-${n.id}`,
              title: "Stop placing new work here",
              onclick: (e: Event) => ctx.send({ type: "cordon", node: n.id }, e.currentTarget as Element),
            },
            "Cordon",
          ),
      h(
        "button",
        {
          id: `remove-${n.id}`,
          class: "danger",
          title: "Drain: move its work away, then remove it (it stops costing)",
          onclick: (e: Event) =>
            ctx.send({ type: "remove-node", node: n.id }, e.currentTarget as Element, `Removing node ${n.id}`),
        },
        "Drain & remove",
      ),
    ),
    h("h3", {}, `Start here as ${runtime === "vm" ? "a VM" : "a container"} (D = armed service)`),
    h("ul", { class: "deploy-list" }, deployButtons),
    insts.length ? h("h3", {}, `On this node (${insts.length})`) : null,
    h(
      "ul",
      { class: "inst-list" },
      insts.map((i) =>
        h(
          "li",
          {},
          h(
            "button",
            { id: `inst-btn-${i.id}`, onclick: () => ctx.select({ node: n.id, instance: i.id }) },
            h("span", { class: `st st-${i.state}` }),
            `${ctx.serviceName(i.service)} #${i.id} · ${i.runtime} · ${instanceStyle(i).label}`,
          ),
        ),
      ),
    ),
  );
}

function pct(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part * 100) / whole)} %` : "—";
}
