/**
 * The Build tab: buy nodes (size × host mode, with what each mode costs and takes) and
 * the upgrade shop (automation as purchases, so its value is a decision).
 */
import { HOST_MODE_SPECS, NODE_CATALOG, nodeCost, type HostMode, type NodeType } from "@overcommit/shared";
import { MODE_STYLES } from "../game/palette.ts";
import { h, rebuild, touchOnly } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import type { Panel } from "./servicePanel.ts";
import { fmtCpu, fmtMem } from "../scenes/format.ts";
import { concept } from "../teach/glossary.ts";
import { upgradeOffers } from "./shop.ts";

/** Glossary entries behind each host mode, for their tooltips. */
const MODE_CONCEPT: Readonly<Record<HostMode, string>> = {
  hypervisor: "type-1-hypervisor",
  hosted: "type-2-hypervisor",
  "container-host": "container",
};
export function createBuildPanel(ctx: PlayContext): Panel {
  const sc = ctx.scenario;
  const type = h(
    "select",
    { id: "buy-type", "aria-label": "Node size" },
    sc.nodeTypes.map((t) =>
      h(
        "option",
        { value: t },
        `${t} — ${fmtCpu(NODE_CATALOG[t].cpu)}, ${fmtMem(NODE_CATALOG[t].mem)}, ${NODE_CATALOG[t].cost}/s`,
      ),
    ),
  );
  const modes = sc.hostModes.map((m) => {
    const s = HOST_MODE_SPECS[m];
    const overhead = `${s.cpuOverheadPct ? `${s.cpuOverheadPct} % CPU` : fmtCpu(s.cpuOverhead)} + ${fmtMem(s.memOverhead)}`;
    return h(
      "label",
      { class: "mode", title: concept(MODE_CONCEPT[m])?.short ?? "" },
      h("input", { type: "radio", name: "buy-mode", value: m, id: `buy-mode-${m}`, checked: m === sc.hostModes[0] }),
      h(
        "span",
        {},
        h("strong", {}, s.label),
        h("br", {}),
        h(
          "span",
          { class: "dim" },
          `${s.runs === "vm" ? `VMs, boot ${s.vmBoot} s` : "containers"} · overhead ${overhead}${s.licence ? ` · licence ${s.licence}/s per socket (small 1, medium 2, large 4)` : ""}${s.vmContentionPct ? ` · VMs slow each other: ${s.vmThroughputPct} % speed alone, ${s.vmContentionPct} points less per further VM` : ""}`,
        ),
      ),
    );
  });
  const chosenMode = () =>
    (document.querySelector<HTMLInputElement>('input[name="buy-mode"]:checked')?.value ?? sc.hostModes[0]) as HostMode;
  const buy = h("button", {
    id: "buy-node",
    class: "primary",
    onclick: () => {
      const mode = chosenMode();
      ctx.send(
        { type: "buy-node", nodeType: type.value as NodeType, mode },
        buy,
        `Bought a ${type.value} ${MODE_STYLES[mode].short} node: ready in ${sc.timings.nodeProvision} s`,
      );
    },
  });
  // The button names what it buys and its price a second, licence included, so a Type 1 host
  // bought in a container level (the mode the list starts on) is a choice, not an accident.
  const label = () => {
    const t = type.value as NodeType;
    const m = (el.querySelector<HTMLInputElement>('input[name="buy-mode"]:checked')?.value ??
      sc.hostModes[0]) as HostMode;
    buy.textContent = `Buy: ${t} ${MODE_STYLES[m].short} · ${nodeCost(t, m)}/s${touchOnly() ? "" : " (B)"}`;
  };
  const shop = h("div", { class: "shop" });
  const el = h(
    "section",
    { class: "tab-body", id: "tab-build" },
    h("h3", {}, "Buy a node"),
    h("label", {}, "Size ", type),
    h("fieldset", { onchange: () => label() }, h("legend", {}, "Host mode (fixed for the node's life)"), modes),
    buy,
    h(
      "p",
      { class: "dim" },
      `A new node takes ${sc.timings.nodeProvision} s to provision and costs from the moment you buy it.`,
    ),
    h("h3", {}, "Upgrade shop"),
    shop,
  );
  type.addEventListener("change", label);
  label();
  let lastKey: string | null = null;
  return {
    el,
    update() {
      const owned = ctx.game.view.upgrades;
      const key = owned.join(",");
      if (key === lastKey) return;
      lastKey = key;
      rebuild(shop, upgradeOffers(ctx, "upgrade"));
    },
  };
}
