/**
 * The Cluster tab: Kubernetes as a panel. Before the control plane is bought it offers it;
 * after, the scheduler's strategy as a two-way switch, then one card per Deployment
 * (deploymentCard.ts), and the cluster autoscaler. Every number carries its unit; handlers read the fields as they
 * are on the page (liveValue), so the panel can be refreshed under the player's hands.
 */
import { appRelease, SCHEDULER_STRATEGIES, type NodeType, type ServiceView } from "@overcommit/shared";
import { h, liveChecked, liveValue, rebuild } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import type { Panel } from "./servicePanel.ts";
import { upgradeOffers } from "./shop.ts";
import { stepper } from "./stepper.ts";
import { deploymentCard, releasePicker } from "./deploymentCard.ts";

const STRATEGY_TEXT = {
  LeastAllocated: ["Spread", "LeastAllocated: each pod goes to the emptiest node"],
  MostAllocated: ["Bin-pack", "MostAllocated: fill a node before using the next"],
} as const;

/**
 * A new release for what Kubernetes does not run (VMs, and containers before the control
 * plane): the service's new instances start it, and a planned restart moves a running one.
 */
function releaseCard(ctx: PlayContext, s: number, sv: ServiceView): HTMLElement {
  const spec = ctx.scenario.services[s]!;
  const id = spec.id;
  const old = ctx.game.view.instances.filter(
    (i) => i.service === s && !i.managed && i.state === "running" && appRelease(i.release) !== appRelease(sv.release),
  ).length;
  return h(
    "section",
    { class: "dep-card", id: `rel-${id}` },
    h(
      "header",
      { class: "dep-head" },
      h("strong", {}, spec.name),
      h("span", { class: "badge" }, `v${appRelease(sv.release)}`),
    ),
    h(
      "div",
      { class: "row wrap" },
      ...releasePicker(spec, sv),
      h(
        "button",
        {
          id: `rollout-${id}`,
          onclick: (e: Event) =>
            ctx.send(
              { type: "rollout", service: id, release: Number(liveValue(`release-${id}`)) },
              e.currentTarget as Element,
              "New instances and restarts now start this release",
            ),
        },
        "Use this release",
      ),
    ),
    h(
      "p",
      { class: "dim small" },
      `Nothing rolls it out for you: new instances start it, and a planned restart (Inspect, free) moves a running one, which is down while it boots.${old ? ` ${old} running on an older release.` : ""}`,
    ),
  );
}

/** Release cards for the services with more than one release that Kubernetes does not manage. */
function releaseCards(ctx: PlayContext): HTMLElement[] {
  const v = ctx.game.view;
  const k8s = v.upgrades.includes("kubernetes");
  return v.services.flatMap((sv, s) =>
    ctx.scenario.services[s]!.releases.length > 1 && (!k8s || sv.replicas < 0) ? [releaseCard(ctx, s, sv)] : [],
  );
}

export function createClusterPanel(ctx: PlayContext): Panel {
  const el = h("section", { class: "tab-body", id: "tab-cluster" });
  let lastKey = "";
  return {
    el,
    update() {
      const v = ctx.game.view;
      const w = ctx.game.world;
      const key = JSON.stringify([
        v.upgrades,
        v.scheduler,
        v.services,
        v.instances.map((i) => [i.service, i.state, i.managed, i.memUsed, Math.round(i.cpuUsed / 50), i.throttled]),
        w.autoscaler.enabled,
        w.autoscaler.nodeType,
        w.autoscaler.maxNodes,
      ]);
      if (key === lastKey) return;
      lastKey = key;
      const rels = releaseCards(ctx);
      if (!v.upgrades.includes("kubernetes")) {
        rebuild(
          el,
          h("h3", {}, "Kubernetes"),
          h(
            "p",
            { class: "dim" },
            "Deployments, replicas, autoscaling, scheduling and rollouts come with the Kubernetes control plane: you say what should run, it keeps it so.",
          ),
          ctx.scenario.upgrades.kubernetes
            ? upgradeOffers(ctx, "cluster-upgrade", ["kubernetes"])
            : h("p", { class: "dim" }, "This level does not offer it."),
          rels.length ? [h("h3", {}, "Releases"), ...rels] : null,
        );
        return;
      }
      const sched = h(
        "div",
        { class: "segmented", role: "radiogroup", "aria-label": "Scheduler strategy" },
        SCHEDULER_STRATEGIES.map((s) =>
          h(
            "button",
            {
              id: `scheduler-${s}`,
              role: "radio",
              "aria-checked": String(s === v.scheduler),
              title: STRATEGY_TEXT[s][1],
              onclick: (e: Event) =>
                s !== v.scheduler && ctx.send({ type: "set-scheduler", strategy: s }, e.currentTarget as Element),
            },
            STRATEGY_TEXT[s][0],
          ),
        ),
      );
      const cards = v.services.map((sv, s) => {
        if (sv.replicas < 0)
          return h(
            "section",
            { class: "dep-card muted" },
            h("strong", {}, ctx.serviceName(s)),
            h("p", { class: "dim" }, "Runs as VMs: not managed by Kubernetes."),
          );
        return deploymentCard(
          ctx,
          s,
          sv,
          v.instances.filter((i) => i.service === s && i.managed && i.state !== "gone" && i.state !== "terminating"),
        );
      });
      const hasCa = v.upgrades.includes("cluster-autoscaler");
      rebuild(
        el,
        h("h3", {}, "Scheduler"),
        sched,
        h("p", { class: "dim small" }, STRATEGY_TEXT[v.scheduler][1], "."),
        h("h3", {}, "Deployments"),
        cards,
        rels.length ? [h("h3", {}, "Releases outside Kubernetes"), ...rels] : null,
        h("h3", {}, "Cluster autoscaler"),
        h(
          "section",
          { class: "dep-card" },
          h(
            "label",
            { class: "switch" },
            h("input", { id: "ca-on", type: "checkbox", checked: w.autoscaler.enabled, disabled: !hasCa }),
            " Buy a node when pods stay Pending; remove idle ones",
          ),
          h(
            "div",
            { class: "row wrap" },
            h("label", { for: "ca-type" }, "Node size"),
            h(
              "select",
              { id: "ca-type" },
              ctx.scenario.nodeTypes.map((t) => h("option", { value: t, selected: t === w.autoscaler.nodeType }, t)),
            ),
          ),
          stepper({
            id: "ca-max",
            label: "At most",
            value: w.autoscaler.maxNodes || 10,
            min: 0,
            max: 500,
            step: 1,
            unit: "nodes",
          }),
          h(
            "button",
            {
              id: "ca-set",
              disabled: !hasCa,
              onclick: (e: Event) =>
                ctx.send(
                  {
                    type: "set-cluster-autoscaler",
                    enabled: liveChecked("ca-on"),
                    nodeType: liveValue("ca-type") as NodeType,
                    maxNodes: Number(liveValue("ca-max")) | 0,
                  },
                  e.currentTarget as Element,
                  "Cluster autoscaler set",
                ),
            },
            "Apply",
          ),
        ),
        ctx.scenario.upgrades.autoscaler || ctx.scenario.upgrades["cluster-autoscaler"]
          ? h(
              "div",
              {},
              h("h3", {}, "Autoscaling upgrades"),
              upgradeOffers(ctx, "cluster-upgrade", ["autoscaler", "cluster-autoscaler"]),
            )
          : null,
      );
    },
  };
}
