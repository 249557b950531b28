/**
 * The Cluster tab: Kubernetes settings once the control plane is bought — per Deployment
 * the desired replicas, the autoscaler, requests and limits, the release to roll out and
 * the disruption budget; for the cluster the scheduler strategy and the cluster autoscaler.
 */
import { SCHEDULER_STRATEGIES, type SchedulerStrategy, type NodeType } from "@overcommit/shared";
import { h, rebuild } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import type { Panel } from "./servicePanel.ts";
import { upgradeOffers } from "./shop.ts";

export function createClusterPanel(ctx: PlayContext): Panel {
  const el = h("section", { class: "tab-body", id: "tab-cluster" });
  let lastKey = "";
  return {
    el,
    update() {
      const v = ctx.game.view;
      const key = JSON.stringify([v.upgrades, v.scheduler, v.services.map((s) => [s.replicas, s.hpa, s.hpaMin, s.hpaMax, s.hpaTarget, s.release, s.limCpu, s.limMem, s.pdbMin])]);
      if (key === lastKey) return;
      lastKey = key;
      if (!v.upgrades.includes("kubernetes")) {
        rebuild(
          el,
          h("p", { class: "dim" }, "Deployments, replicas, autoscaling, scheduling and rollouts come with the Kubernetes control plane."),
          ctx.scenario.upgrades.kubernetes ? upgradeOffers(ctx, "cluster-upgrade", ["kubernetes"]) : h("p", { class: "dim" }, "This level does not offer it."),
        );
        return;
      }
      const w = ctx.game.world;
      const sched = h("select", { id: "scheduler", onchange: (e: Event) => ctx.send({ type: "set-scheduler", strategy: (e.target as HTMLSelectElement).value as SchedulerStrategy }, e.target as Element) }, SCHEDULER_STRATEGIES.map((s) => h("option", { value: s, selected: s === v.scheduler }, s === "LeastAllocated" ? "LeastAllocated — spread out" : "MostAllocated — bin-pack")));
      const deps = v.services.map((sv, s) => {
        const spec = ctx.scenario.services[s]!;
        if (sv.replicas < 0) return h("div", { class: "dep" }, h("strong", {}, spec.name), h("p", { class: "dim" }, "Runs as VMs: not managed by Kubernetes."));
        const dep = w.services[s]!.deployment!;
        const num = (id: string, value: number, min: number, max: number, label: string) => h("label", {}, label, h("input", { id: `${id}-${spec.id}`, type: "number", min, max, value }));
        const replicas = h("input", { id: `replicas-${spec.id}`, type: "number", min: 0, max: 500, value: sv.replicas, "aria-label": "Desired replicas" });
        const setRep = (n: number, at: Element) => ctx.send({ type: "set-replicas", service: spec.id, replicas: Math.max(0, n) }, at);
        const hpaOn = h("input", { id: `hpa-on-${spec.id}`, type: "checkbox", checked: sv.hpa, disabled: !v.upgrades.includes("autoscaler") });
        const hpaMin = num("hpa-min", sv.hpa ? sv.hpaMin : 1, 1, 500, "min ");
        const hpaMax = num("hpa-max", sv.hpa ? sv.hpaMax : Math.max(4, sv.replicas * 2), 1, 500, "max ");
        const hpaT = num("hpa-target", sv.hpa ? sv.hpaTarget : 70, 10, 100, "target CPU % ");
        const val = (l: HTMLElement) => Number((l.querySelector("input") as HTMLInputElement).value) | 0;
        const limCpu = num("lim-cpu", dep.limCpu, 0, 64000, "CPU limit m ");
        const limMem = num("lim-mem", dep.limMem, 0, 262144, "memory limit MiB ");
        const rel = h("select", { id: `release-${spec.id}` }, spec.releases.map((r) => h("option", { value: r.version, selected: r.version === sv.release }, `v${r.version}${r.note ? ` — ${r.note}` : ""}`)));
        const pdb = num("pdb", Math.max(0, sv.pdbMin), 0, 500, "PDB min available ");
        return h(
          "div",
          { class: "dep" },
          h("strong", {}, spec.name),
          h("div", { class: "row" }, "Replicas ",
            h("button", { id: `rep-minus-${spec.id}`, "aria-label": "One fewer replica", onclick: (e: Event) => setRep(sv.replicas - 1, e.currentTarget as Element) }, "−"),
            replicas,
            h("button", { id: `rep-plus-${spec.id}`, "aria-label": "One more replica", onclick: (e: Event) => setRep(sv.replicas + 1, e.currentTarget as Element) }, "+"),
            h("button", { id: `rep-set-${spec.id}`, onclick: (e: Event) => setRep(Number(replicas.value) | 0, e.currentTarget as Element) }, "Set")),
          h("div", { class: "row wrap" }, h("label", {}, hpaOn, " autoscale"), hpaMin, hpaMax, hpaT,
            h("button", { id: `hpa-set-${spec.id}`, title: v.upgrades.includes("autoscaler") ? "" : "Needs the Horizontal Pod Autoscaler upgrade", onclick: (e: Event) => ctx.send({ type: "set-autoscaler", service: spec.id, enabled: hpaOn.checked, min: val(hpaMin), max: val(hpaMax), targetPct: val(hpaT) }, e.currentTarget as Element) }, "Apply"),
            sv.hpa && sv.hpaUtil >= 0 ? h("span", { class: "dim" }, `now ${sv.hpaUtil} %`) : null),
          h("div", { class: "row wrap" }, limCpu, limMem,
            h("button", { id: `limits-set-${spec.id}`, title: "New pods get these; 0 = no limit", onclick: (e: Event) => ctx.send({ type: "set-resources", service: spec.id, reqCpu: dep.reqCpu, reqMem: dep.reqMem, limCpu: val(limCpu), limMem: val(limMem) }, e.currentTarget as Element) }, "Set limits")),
          h("div", { class: "row wrap" }, "Release ", rel,
            h("button", { id: `rollout-${spec.id}`, title: "Rolling update: maxSurge 25 %, maxUnavailable 25 %", onclick: (e: Event) => ctx.send({ type: "rollout", service: spec.id, release: Number(rel.value) }, e.currentTarget as Element, "Rolling update started") }, "Roll out"),
            pdb,
            h("button", { id: `pdb-set-${spec.id}`, onclick: (e: Event) => ctx.send({ type: "set-pdb", service: spec.id, minAvailable: val(pdb) }, e.currentTarget as Element) }, "Set PDB")),
        );
      });
      const caOn = h("input", { id: "ca-on", type: "checkbox", checked: w.autoscaler.enabled, disabled: !v.upgrades.includes("cluster-autoscaler") });
      const caType = h("select", { id: "ca-type" }, ctx.scenario.nodeTypes.map((t) => h("option", { value: t, selected: t === w.autoscaler.nodeType }, t)));
      const caMax = h("input", { id: "ca-max", type: "number", min: 0, max: 500, value: w.autoscaler.maxNodes || 10 });
      rebuild(
        el,
        h("h3", {}, "Scheduler"),
        h("label", {}, "Strategy ", sched),
        h("h3", {}, "Deployments"),
        deps,
        h("h3", {}, "Cluster autoscaler"),
        h("div", { class: "row wrap" }, h("label", {}, caOn, " on"), caType, h("label", {}, "max nodes ", caMax),
          h("button", { id: "ca-set", onclick: (e: Event) => ctx.send({ type: "set-cluster-autoscaler", enabled: caOn.checked, nodeType: caType.value as NodeType, maxNodes: Number(caMax.value) | 0 }, e.currentTarget as Element) }, "Apply")),
        ctx.scenario.upgrades.autoscaler || ctx.scenario.upgrades["cluster-autoscaler"] ? h("div", {}, h("h3", {}, "Autoscaling upgrades"), upgradeOffers(ctx, "cluster-upgrade", ["autoscaler", "cluster-autoscaler"])) : null,
      );
    },
  };
}
