/**
 * The Cluster tab: Kubernetes as a panel. Before the control plane is bought it offers it;
 * after, the scheduler's strategy as a two-way switch, then one card per Deployment — its
 * emblem, ready pods and release, desired replicas on a stepper, the autoscaler, requests
 * and limits drawn against what its pods use, the rollout and the disruption budget — and
 * the cluster autoscaler. Every number carries its unit; handlers read the fields as they
 * are on the page (liveValue), so the panel can be refreshed under the player's hands.
 */
import { appRelease, qosOf, SCHEDULER_STRATEGIES, type InstanceView, type NodeType, type ServiceView } from "@overcommit/shared";
import { h, liveChecked, liveValue, rebuild } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import type { Panel } from "./servicePanel.ts";
import { upgradeOffers } from "./shop.ts";
import { stepper } from "./stepper.ts";
import { gauge } from "./gauge.ts";
import { artUrl, serviceIcon } from "../scenes/textures.ts";
import { fmtCpu, fmtMem } from "../scenes/format.ts";

const STRATEGY_TEXT = { LeastAllocated: ["Spread", "LeastAllocated: each pod goes to the emptiest node"], MostAllocated: ["Bin-pack", "MostAllocated: fill a node before using the next"] } as const;

function deploymentCard(ctx: PlayContext, s: number, sv: ServiceView, pods: readonly InstanceView[]): HTMLElement {
  const spec = ctx.scenario.services[s]!;
  const v = ctx.game.view;
  const dep = ctx.game.world.services[s]!.deployment!;
  const id = spec.id;
  const ready = pods.filter((p) => p.state === "running").length;
  const hasHpa = v.upgrades.includes("autoscaler");
  // What the pods use: memory held (the largest pod), CPU used (the mean pod).
  const running = pods.filter((p) => p.state === "running");
  const memUse = running.reduce((m, p) => Math.max(m, p.memUsed), 0);
  const cpuUse = running.length ? Math.round(running.reduce((a, p) => a + p.cpuUsed, 0) / running.length) : 0;
  const throttled = running.filter((p) => p.throttled).length;
  const send = (at: Element, cmd: Parameters<PlayContext["send"]>[0], ok?: string) => ctx.send(cmd, at, ok);
  const icon = artUrl(serviceIcon(id));
  return h(
    "section",
    { class: "dep-card", id: `dep-${id}`, "aria-label": `${spec.name} Deployment` },
    h("header", { class: "dep-head" }, icon ? h("img", { src: icon, alt: "", class: "dep-icon" }) : null, h("strong", {}, spec.name), h("span", { class: `dep-ready ${ready < sv.replicas ? "bad" : "good"}` }, `${ready}/${sv.replicas} ready`), h("span", { class: "badge" }, `v${appRelease(sv.release)}`)),
    stepper({ id: `replicas-${id}`, label: "Replicas", value: sv.replicas, min: 0, max: 500, step: 1, unit: "pods", onStep: (n, at) => send(at, { type: "set-replicas", service: id, replicas: n }) }),
    h(
      "details",
      { class: "dep-more", open: sv.hpa || undefined },
      h("summary", {}, "Autoscale ", h("span", { class: "dim" }, sv.hpa ? `on · ${sv.hpaMin}–${sv.hpaMax} pods at ${sv.hpaTarget} % CPU${sv.hpaUtil >= 0 ? ` · now ${sv.hpaUtil} %` : ""}` : hasHpa ? "off" : "needs the Horizontal Pod Autoscaler")),
      h("label", { class: "switch" }, h("input", { id: `hpa-on-${id}`, type: "checkbox", checked: sv.hpa, disabled: !hasHpa }), " Let the autoscaler set the replicas"),
      stepper({ id: `hpa-min-${id}`, label: "Min", value: sv.hpa ? sv.hpaMin : 1, min: 1, max: 500, step: 1, unit: "pods" }),
      stepper({ id: `hpa-max-${id}`, label: "Max", value: sv.hpa ? sv.hpaMax : Math.max(4, sv.replicas * 2), min: 1, max: 500, step: 1, unit: "pods" }),
      stepper({ id: `hpa-target-${id}`, label: "Target", value: sv.hpa ? sv.hpaTarget : 70, min: 10, max: 100, step: 5, unit: "% CPU" }),
      h("button", { id: `hpa-set-${id}`, disabled: !hasHpa, onclick: (e: Event) => send(e.currentTarget as Element, { type: "set-autoscaler", service: id, enabled: liveChecked(`hpa-on-${id}`), min: Number(liveValue(`hpa-min-${id}`)) | 0, max: Number(liveValue(`hpa-max-${id}`)) | 0, targetPct: Number(liveValue(`hpa-target-${id}`)) | 0 }, "Autoscaler set") }, "Apply"),
    ),
    h(
      "details",
      { class: "dep-more", open: true },
      h("summary", {}, "Requests and limits ", h("span", { class: "dim" }, `per pod · ${qosOf(dep.reqCpu, dep.reqMem, sv.limCpu, sv.limMem)}${throttled ? ` · ${throttled} throttled` : ""}`)),
      h("div", { class: "res-row" }, h("span", { class: "res-name" }, "CPU"), gauge("cpu", dep.reqCpu, sv.limCpu, cpuUse, fmtCpu)),
      h("div", { class: "res-row" }, h("span", { class: "res-name" }, "Memory"), gauge("mem", dep.reqMem, sv.limMem, memUse, fmtMem)),
      stepper({ id: `req-cpu-${id}`, label: "CPU request", value: dep.reqCpu, min: 0, max: 64000, step: 50, unit: "m" }),
      stepper({ id: `lim-cpu-${id}`, label: "CPU limit", value: sv.limCpu, min: 0, max: 64000, step: 250, unit: "m" }),
      stepper({ id: `req-mem-${id}`, label: "Memory request", value: dep.reqMem, min: 0, max: 262144, step: 64, unit: "MiB" }),
      stepper({ id: `lim-mem-${id}`, label: "Memory limit", value: sv.limMem, min: 0, max: 262144, step: 256, unit: "MiB" }),
      h("p", { class: "dim small" }, "A request is reserved on the node and guaranteed; a limit caps. 0 = not set. Between them a pod bursts into idle CPU. New pods get these; a pod over its memory limit is OOM-killed, one at its CPU limit is throttled."),
      h("button", { id: `limits-set-${id}`, onclick: (e: Event) => send(e.currentTarget as Element, { type: "set-resources", service: id, reqCpu: Number(liveValue(`req-cpu-${id}`)) | 0, reqMem: Number(liveValue(`req-mem-${id}`)) | 0, limCpu: Number(liveValue(`lim-cpu-${id}`)) | 0, limMem: Number(liveValue(`lim-mem-${id}`)) | 0 }, "Requests and limits set for new pods") }, "Set requests and limits"),
    ),
    h(
      "details",
      { class: "dep-more" },
      h("summary", {}, "Release and disruption budget ", h("span", { class: "dim" }, `v${appRelease(sv.release)}${sv.pdbMin >= 0 ? ` · keep ${sv.pdbMin} up` : ""}`)),
      h("div", { class: "row wrap" }, h("label", { for: `release-${id}` }, "Release"), h("select", { id: `release-${id}` }, spec.releases.map((r) => h("option", { value: r.version, selected: r.version === appRelease(sv.release) }, `v${r.version}${r.note ? ` — ${r.note}` : ""}`))),
        h("button", { id: `rollout-${id}`, title: "Rolling update: maxSurge 25 %, maxUnavailable 25 %", onclick: (e: Event) => send(e.currentTarget as Element, { type: "rollout", service: id, release: Number(liveValue(`release-${id}`)) }, "Rolling update started") }, "Roll out")),
      stepper({ id: `pdb-${id}`, label: "Keep up while draining", value: Math.max(0, sv.pdbMin), min: 0, max: 500, step: 1, unit: "pods" }),
      h("button", { id: `pdb-set-${id}`, onclick: (e: Event) => send(e.currentTarget as Element, { type: "set-pdb", service: id, minAvailable: Number(liveValue(`pdb-${id}`)) | 0 }, "Disruption budget set") }, "Set budget"),
    ),
  );
}

/**
 * A new release for what Kubernetes does not run (VMs, and containers before the control
 * plane): the service's new instances start it, and a planned restart moves a running one.
 */
function releaseCard(ctx: PlayContext, s: number, sv: ServiceView): HTMLElement {
  const spec = ctx.scenario.services[s]!;
  const id = spec.id;
  const old = ctx.game.view.instances.filter((i) => i.service === s && !i.managed && i.state === "running" && appRelease(i.release) !== appRelease(sv.release)).length;
  return h(
    "section",
    { class: "dep-card", id: `rel-${id}` },
    h("header", { class: "dep-head" }, h("strong", {}, spec.name), h("span", { class: "badge" }, `v${appRelease(sv.release)}`)),
    h("div", { class: "row wrap" }, h("label", { for: `release-${id}` }, "Release"), h("select", { id: `release-${id}` }, spec.releases.map((r) => h("option", { value: r.version, selected: r.version === appRelease(sv.release) }, `v${r.version}${r.note ? ` — ${r.note}` : ""}`))),
      h("button", { id: `rollout-${id}`, onclick: (e: Event) => ctx.send({ type: "rollout", service: id, release: Number(liveValue(`release-${id}`)) }, e.currentTarget as Element, "New instances and restarts now start this release") }, "Use this release")),
    h("p", { class: "dim small" }, `Nothing rolls it out for you: new instances start it, and a planned restart (Inspect, free) moves a running one, which is down while it boots.${old ? ` ${old} running on an older release.` : ""}`),
  );
}

/** Release cards for the services with more than one release that Kubernetes does not manage. */
function releaseCards(ctx: PlayContext): HTMLElement[] {
  const v = ctx.game.view;
  const k8s = v.upgrades.includes("kubernetes");
  return v.services.flatMap((sv, s) => (ctx.scenario.services[s]!.releases.length > 1 && (!k8s || sv.replicas < 0) ? [releaseCard(ctx, s, sv)] : []));
}

export function createClusterPanel(ctx: PlayContext): Panel {
  const el = h("section", { class: "tab-body", id: "tab-cluster" });
  let lastKey = "";
  return {
    el,
    update() {
      const v = ctx.game.view;
      const w = ctx.game.world;
      const key = JSON.stringify([v.upgrades, v.scheduler, v.services, v.instances.map((i) => [i.service, i.state, i.managed, i.memUsed, Math.round(i.cpuUsed / 50), i.throttled]), w.autoscaler.enabled, w.autoscaler.nodeType, w.autoscaler.maxNodes]);
      if (key === lastKey) return;
      lastKey = key;
      const rels = releaseCards(ctx);
      if (!v.upgrades.includes("kubernetes")) {
        rebuild(
          el,
          h("h3", {}, "Kubernetes"),
          h("p", { class: "dim" }, "Deployments, replicas, autoscaling, scheduling and rollouts come with the Kubernetes control plane: you say what should run, it keeps it so."),
          ctx.scenario.upgrades.kubernetes ? upgradeOffers(ctx, "cluster-upgrade", ["kubernetes"]) : h("p", { class: "dim" }, "This level does not offer it."),
          rels.length ? [h("h3", {}, "Releases"), ...rels] : null,
        );
        return;
      }
      const sched = h(
        "div",
        { class: "segmented", role: "radiogroup", "aria-label": "Scheduler strategy" },
        SCHEDULER_STRATEGIES.map((s) =>
          h("button", { id: `scheduler-${s}`, role: "radio", "aria-checked": String(s === v.scheduler), title: STRATEGY_TEXT[s][1], onclick: (e: Event) => s !== v.scheduler && ctx.send({ type: "set-scheduler", strategy: s }, e.currentTarget as Element) }, STRATEGY_TEXT[s][0]),
        ),
      );
      const cards = v.services.map((sv, s) => {
        if (sv.replicas < 0) return h("section", { class: "dep-card muted" }, h("strong", {}, ctx.serviceName(s)), h("p", { class: "dim" }, "Runs as VMs: not managed by Kubernetes."));
        return deploymentCard(ctx, s, sv, v.instances.filter((i) => i.service === s && i.managed && i.state !== "gone" && i.state !== "terminating"));
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
          h("label", { class: "switch" }, h("input", { id: "ca-on", type: "checkbox", checked: w.autoscaler.enabled, disabled: !hasCa }), " Buy a node when pods stay Pending; remove idle ones"),
          h("div", { class: "row wrap" }, h("label", { for: "ca-type" }, "Node size"), h("select", { id: "ca-type" }, ctx.scenario.nodeTypes.map((t) => h("option", { value: t, selected: t === w.autoscaler.nodeType }, t)))),
          stepper({ id: "ca-max", label: "At most", value: w.autoscaler.maxNodes || 10, min: 0, max: 500, step: 1, unit: "nodes" }),
          h("button", { id: "ca-set", disabled: !hasCa, onclick: (e: Event) => ctx.send({ type: "set-cluster-autoscaler", enabled: liveChecked("ca-on"), nodeType: liveValue("ca-type") as NodeType, maxNodes: Number(liveValue("ca-max")) | 0 }, e.currentTarget as Element, "Cluster autoscaler set") }, "Apply"),
        ),
        ctx.scenario.upgrades.autoscaler || ctx.scenario.upgrades["cluster-autoscaler"] ? h("div", {}, h("h3", {}, "Autoscaling upgrades"), upgradeOffers(ctx, "cluster-upgrade", ["autoscaler", "cluster-autoscaler"])) : null,
      );
    },
  };
}
