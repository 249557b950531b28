/**
 * The upgrade shop: automation as purchases (VM HA, the Kubernetes control plane, the
 * autoscalers), each with its price, upkeep, what it does and its glossary tooltip. Shown
 * in the Build tab, and in the Cluster tab while Kubernetes is not bought yet.
 */
import { UPGRADES, type Upgrade } from "@overcommit/shared";
import { h } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import { concept } from "../teach/glossary.ts";

const UPGRADE_CONCEPT: Readonly<Record<Upgrade, string>> = {
  "vm-ha": "vm-ha",
  kubernetes: "kubernetes",
  autoscaler: "autoscaling",
  "cluster-autoscaler": "cluster-autoscaler",
};

const UPGRADE_TEXT: Readonly<Record<Upgrade, { name: string; text: string }>> = {
  "vm-ha": {
    name: "VM HA",
    text: "Restarts the VMs of a failed host on another host after 15 s (like vSphere HA), and restarts hung VMs.",
  },
  kubernetes: {
    name: "Kubernetes control plane",
    text: "Your containers become pods of Deployments: desired replicas kept, crashed pods restarted (CrashLoopBackOff), pods of dead nodes rescheduled, a scheduler places new ones.",
  },
  autoscaler: {
    name: "Horizontal Pod Autoscaler",
    text: "Every 15 s, sets each Deployment's replicas from its measured CPU use (needs Kubernetes).",
  },
  "cluster-autoscaler": {
    name: "Cluster autoscaler",
    text: "Buys a node when pods stay Pending, and removes nodes that stay mostly idle (needs Kubernetes).",
  },
};

/** One card per upgrade the scenario offers; button ids are `${prefix}-${upgrade}`. */
export function upgradeOffers(ctx: PlayContext, prefix: string, only?: readonly Upgrade[]): HTMLElement[] {
  const sc = ctx.scenario;
  const owned = ctx.game.view.upgrades;
  const offers = UPGRADES.filter((u) => sc.upgrades[u] && (!only || only.includes(u)));
  if (offers.length === 0) return [h("p", { class: "dim" }, "This level offers no upgrades: everything is by hand.")];
  return offers.map((u) => {
    const o = sc.upgrades[u]!;
    const has = owned.includes(u);
    const b = h(
      "button",
      {
        id: `${prefix}-${u}`,
        disabled: has,
        onclick: (e: Event) =>
          ctx.send({ type: "buy-upgrade", upgrade: u }, e.currentTarget as Element, `${UPGRADE_TEXT[u].name} bought`),
      },
      has ? "Owned" : `Buy ¢${o.price}`,
    );
    return h(
      "div",
      { class: "offer", title: concept(UPGRADE_CONCEPT[u])?.short ?? "" },
      h(
        "div",
        {},
        h("strong", {}, UPGRADE_TEXT[u].name),
        o.upkeep ? h("span", { class: "dim" }, ` · upkeep ${o.upkeep}/s`) : null,
      ),
      h("p", { class: "dim" }, UPGRADE_TEXT[u].text),
      b,
    );
  });
}
