/**
 * One Deployment in the Cluster tab: its emblem, ready pods and release, desired replicas
 * on a stepper, the autoscaler, requests and limits drawn against what its pods use, the
 * rollout and the disruption budget. Handlers read the fields as they are on the page
 * (liveValue), so the card can be refreshed under the player's hands.
 */
import { appRelease, qosOf, type InstanceView, type ServiceSpec, type ServiceView } from "@overcommit/shared";
import { h, liveChecked, liveValue } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import { stepper } from "./stepper.ts";
import { gauge } from "./gauge.ts";
import { artUrl, serviceIcon } from "../scenes/textures.ts";
import { fmtCpu, fmtMem } from "../scenes/format.ts";

export function deploymentCard(
  ctx: PlayContext,
  s: number,
  sv: ServiceView,
  pods: readonly InstanceView[],
): HTMLElement {
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
    h(
      "header",
      { class: "dep-head" },
      icon ? h("img", { src: icon, alt: "", class: "dep-icon" }) : null,
      h("strong", {}, spec.name),
      h("span", { class: `dep-ready ${ready < sv.replicas ? "bad" : "good"}` }, `${ready}/${sv.replicas} ready`),
      h("span", { class: "badge" }, `v${appRelease(sv.release)}`),
    ),
    stepper({
      id: `replicas-${id}`,
      label: "Replicas",
      value: sv.replicas,
      min: 0,
      max: 500,
      step: 1,
      unit: "pods",
      onStep: (n, at) => send(at, { type: "set-replicas", service: id, replicas: n }),
    }),
    h(
      "details",
      { class: "dep-more", open: sv.hpa || undefined },
      h(
        "summary",
        {},
        "Autoscale ",
        h(
          "span",
          { class: "dim" },
          sv.hpa
            ? `on · ${sv.hpaMin}–${sv.hpaMax} pods at ${sv.hpaTarget} % CPU${sv.hpaUtil >= 0 ? ` · now ${sv.hpaUtil} %` : ""}`
            : hasHpa
              ? "off"
              : "needs the Horizontal Pod Autoscaler",
        ),
      ),
      h(
        "label",
        { class: "switch" },
        h("input", { id: `hpa-on-${id}`, type: "checkbox", checked: sv.hpa, disabled: !hasHpa }),
        " Let the autoscaler set the replicas",
      ),
      stepper({
        id: `hpa-min-${id}`,
        label: "Min",
        value: sv.hpa ? sv.hpaMin : 1,
        min: 1,
        max: 500,
        step: 1,
        unit: "pods",
      }),
      stepper({
        id: `hpa-max-${id}`,
        label: "Max",
        value: sv.hpa ? sv.hpaMax : Math.max(4, sv.replicas * 2),
        min: 1,
        max: 500,
        step: 1,
        unit: "pods",
      }),
      stepper({
        id: `hpa-target-${id}`,
        label: "Target",
        value: sv.hpa ? sv.hpaTarget : 70,
        min: 10,
        max: 100,
        step: 5,
        unit: "% CPU",
      }),
      h(
        "button",
        {
          id: `hpa-set-${id}`,
          disabled: !hasHpa,
          onclick: (e: Event) =>
            send(
              e.currentTarget as Element,
              {
                type: "set-autoscaler",
                service: id,
                enabled: liveChecked(`hpa-on-${id}`),
                min: Number(liveValue(`hpa-min-${id}`)) | 0,
                max: Number(liveValue(`hpa-max-${id}`)) | 0,
                targetPct: Number(liveValue(`hpa-target-${id}`)) | 0,
              },
              "Autoscaler set",
            ),
        },
        "Apply",
      ),
    ),
    h(
      "details",
      { class: "dep-more", open: true },
      h(
        "summary",
        {},
        "Requests and limits ",
        h(
          "span",
          { class: "dim" },
          `per pod · ${qosOf(dep.reqCpu, dep.reqMem, sv.limCpu, sv.limMem)}${throttled ? ` · ${throttled} throttled` : ""}`,
        ),
      ),
      h(
        "div",
        { class: "res-row" },
        h("span", { class: "res-name" }, "CPU"),
        gauge("cpu", dep.reqCpu, sv.limCpu, cpuUse, fmtCpu),
      ),
      h(
        "div",
        { class: "res-row" },
        h("span", { class: "res-name" }, "Memory"),
        gauge("mem", dep.reqMem, sv.limMem, memUse, fmtMem),
      ),
      stepper({
        id: `req-cpu-${id}`,
        label: "CPU request",
        value: dep.reqCpu,
        min: 0,
        max: 64000,
        step: 50,
        unit: "m",
      }),
      stepper({ id: `lim-cpu-${id}`, label: "CPU limit", value: sv.limCpu, min: 0, max: 64000, step: 250, unit: "m" }),
      stepper({
        id: `req-mem-${id}`,
        label: "Memory request",
        value: dep.reqMem,
        min: 0,
        max: 262144,
        step: 64,
        unit: "MiB",
      }),
      stepper({
        id: `lim-mem-${id}`,
        label: "Memory limit",
        value: sv.limMem,
        min: 0,
        max: 262144,
        step: 256,
        unit: "MiB",
      }),
      h(
        "p",
        { class: "dim small" },
        "A request is reserved on the node and guaranteed; a limit caps. 0 = not set. Between them a pod bursts into idle CPU. New pods get these; a pod over its memory limit is OOM-killed, one at its CPU limit is throttled.",
      ),
      h(
        "button",
        {
          id: `limits-set-${id}`,
          onclick: (e: Event) =>
            send(
              e.currentTarget as Element,
              {
                type: "set-resources",
                service: id,
                reqCpu: Number(liveValue(`req-cpu-${id}`)) | 0,
                reqMem: Number(liveValue(`req-mem-${id}`)) | 0,
                limCpu: Number(liveValue(`lim-cpu-${id}`)) | 0,
                limMem: Number(liveValue(`lim-mem-${id}`)) | 0,
              },
              "Requests and limits set for new pods",
            ),
        },
        "Set requests and limits",
      ),
    ),
    h(
      "details",
      { class: "dep-more" },
      h(
        "summary",
        {},
        "Release and disruption budget ",
        h("span", { class: "dim" }, `v${appRelease(sv.release)}${sv.pdbMin >= 0 ? ` · keep ${sv.pdbMin} up` : ""}`),
      ),
      h(
        "div",
        { class: "row wrap" },
        ...releasePicker(spec, sv),
        h(
          "button",
          {
            id: `rollout-${id}`,
            title: "Rolling update: maxSurge 25 %, maxUnavailable 25 %",
            onclick: (e: Event) =>
              send(
                e.currentTarget as Element,
                { type: "rollout", service: id, release: Number(liveValue(`release-${id}`)) },
                "Rolling update started",
              ),
          },
          "Roll out",
        ),
      ),
      stepper({
        id: `pdb-${id}`,
        label: "Keep up while draining",
        value: Math.max(0, sv.pdbMin),
        min: 0,
        max: 500,
        step: 1,
        unit: "pods",
      }),
      h(
        "button",
        {
          id: `pdb-set-${id}`,
          onclick: (e: Event) =>
            send(
              e.currentTarget as Element,
              { type: "set-pdb", service: id, minAvailable: Number(liveValue(`pdb-${id}`)) | 0 },
              "Disruption budget set",
            ),
        },
        "Set budget",
      ),
    ),
  );
}

/** A service's releases to pick from (`#release-<service id>`), the one it runs now chosen, with its label. */
export function releasePicker(spec: ServiceSpec, sv: ServiceView): HTMLElement[] {
  return [
    h("label", { for: `release-${spec.id}` }, "Release"),
    h(
      "select",
      { id: `release-${spec.id}` },
      spec.releases.map((r) =>
        h(
          "option",
          { value: r.version, selected: r.version === appRelease(sv.release) },
          `v${r.version}${r.note ? ` — ${r.note}` : ""}`,
        ),
      ),
    ),
  ];
}
