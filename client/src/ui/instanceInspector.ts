/**
 * The Inspect tab's view of one instance: its state and why, its CPU and memory against
 * its requests and limits, where it runs and what it serves, and what can be done to it
 * (restart, or page the on-call engineer for a dead one; stop; live-migrate a VM).
 */
import {
  appRelease,
  haTarget,
  handQueueWords,
  instanceCpu,
  instanceMem,
  isHaProtected,
  ONCALL_FEE,
  ONCALL_RESPONSE_TICKS,
  VM_GUEST_OS_CPU,
  VM_HA_IO_STATS_TICKS,
  VM_HA_MAX_RESETS,
  VM_HA_MONITOR_TICKS,
  VM_GUEST_OS_MEM,
  type InstanceView,
} from "@overcommit/shared";
import { h, liveValue } from "./dom.ts";
import type { PlayContext } from "./playContext.ts";
import { instanceStyle } from "../game/palette.ts";
import { fmtCpu, fmtMem } from "../scenes/format.ts";
import { gauge } from "./gauge.ts";

/** Why an instance is in its state, in words (the engine's cause codes). */
const CAUSE_WORDS: Readonly<Record<string, string>> = {
  deployed: "you deployed it",
  scheduled: "the scheduler placed it",
  "replica-set": "its Deployment wants another replica",
  autoscaled: "the autoscaler added it",
  rollout: "a rolling update",
  "image-pull": "pulling its image",
  "image-cached": "its image was already on the node",
  booted: "finished booting",
  started: "started",
  "restart-player": "you restarted it",
  "on-call": "you paged the on-call engineer, who will restart it",
  "memory-pressure": "evicted: its node ran short of memory",
  rebooted: "its node came back from a reboot",
  "restart-backoff": "Kubernetes restarted it after its back-off",
  "restart-kubelet": "the kubelet restarted it at once",
  "restart-vm-ha": "VM HA restarted it",
  "rescheduled-vm-ha": "VM HA moved it to a healthy host",
  migrate: "live-migrating",
  migrated: "live-migrated",
  crash: "its process crashed",
  oom: "killed for going over its memory limit (OOM)",
  "oom-node": "killed because its node ran out of memory",
  overload: "crashed under too much traffic",
  kernel: "its host's kernel panicked",
  "node-failed": "its node failed",
  "not-ready": "its node stopped answering",
  evicted: "evicted from a dead node",
  "registry-down": "the image registry is down",
  noisy: "a noisy neighbour",
  stopped: "you stopped it",
  drained: "its node is draining",
  "scaled-down": "fewer replicas wanted",
  replaced: "replaced",
  "node-removed": "its node was removed",
};

/** What VM HA will do about a dead VM, or that it has given up on it (shared/src/datacenter/vmHa.ts). */
function haNote(ctx: PlayContext, i: InstanceView): HTMLElement | null {
  const v = ctx.game.view;
  if (i.runtime === "vm" && i.state === "lost" && v.upgrades.includes("vm-ha")) {
    // The world's own instance (solo play): VM HA restarts it on the host haTarget picks, once there is one.
    const inst = (ctx.game.world.instances as typeof ctx.game.world.instances | undefined)?.find((x) => x.id === i.id);
    if (inst && isHaProtected(ctx.game.world, inst) && !haTarget(ctx.game.world, inst))
      return h(
        "p",
        { class: "why" },
        `VM HA is waiting for a Type 1 host with room for it (${fmtCpu(instanceCpu(inst))}, ${fmtMem(instanceMem(inst))}): free some, or buy one.`,
      );
    return null;
  }
  if (
    i.runtime !== "vm" ||
    i.state !== "crashed" ||
    !v.upgrades.includes("vm-ha") ||
    v.nodes.find((n) => n.id === i.node)?.mode !== "hypervisor"
  )
    return null;
  return i.restarts >= VM_HA_MAX_RESETS
    ? h(
        "p",
        { class: "why" },
        `VM HA has reset it ${i.restarts} times and gives up on it, as vSphere's VM Monitoring does: restart it by hand, which clears the count.`,
      )
    : h(
        "p",
        { class: "dim" },
        `VM HA resets it once its heartbeats and I/O have been silent for ${Math.max(VM_HA_MONITOR_TICKS, VM_HA_IO_STATS_TICKS)} s (reset ${i.restarts} of ${VM_HA_MAX_RESETS} times so far).`,
      );
}

export function instanceView(ctx: PlayContext, i: InstanceView): HTMLElement {
  const st = instanceStyle(i);
  const spec = ctx.scenario.services[i.service]!;
  const vm = i.runtime === "vm";
  // Restarting something that died pages a person (shared/src/engine/apply.ts); a running one restarts at once.
  const paged = i.state === "backoff" && i.cause === "on-call";
  const handSetup = i.state === "backoff" && i.cause === "hand-setup";
  // On a dead host: the engine refuses a restart there; the button said "Restart" (planned, free).
  const lost = i.state === "lost";
  const down = i.state === "crashed" || (i.state === "backoff" && !paged && !handSetup);
  const targets = vm
    ? ctx.game.view.nodes.filter((n) => n.mode === "hypervisor" && n.id !== i.node && n.state === "ready")
    : [];
  const migrateSel = h(
    "select",
    { id: `migrate-target-${i.id}`, "aria-label": "Migrate to node" },
    targets.map((n) => h("option", { value: n.id }, `node ${n.id}`)),
  );
  return h(
    "div",
    {},
    h("h3", {}, `${spec.name} #${i.id} · ${vm ? "VM" : "container"}${i.managed ? " (pod)" : ""}`),
    h("p", {}, h("span", { class: `st st-${i.state}` }), h("strong", {}, st.label), ` — ${st.hint}`),
    i.cause
      ? h(
          "p",
          { class: "dim" },
          `Why: ${handQueueWords(ctx.scenario, i) ?? `${CAUSE_WORDS[i.cause] ?? i.cause}${i.wait > 0 ? ` · ${i.wait} s left` : ""}`}`,
        )
      : null,
    i.pending ? h("p", { class: "why" }, i.pending) : null,
    haNote(ctx, i),
    h(
      "div",
      { class: "res-row" },
      h("span", { class: "res-name" }, "CPU"),
      gauge("cpu", i.reqCpu, i.limCpu, i.cpuUsed, fmtCpu),
    ),
    h(
      "div",
      { class: "res-row" },
      h("span", { class: "res-name" }, "Memory"),
      gauge("mem", i.reqMem, i.limMem, i.memUsed, fmtMem),
    ),
    h(
      "table",
      { class: "kv" },
      h("tr", {}, h("td", {}, "Node"), h("td", {}, i.node >= 0 ? `node ${i.node}` : "none yet")),
      vm
        ? h(
            "tr",
            {},
            h("td", {}, "Guest OS"),
            h("td", {}, `+${VM_GUEST_OS_CPU} m CPU, +${VM_GUEST_OS_MEM} MiB before the app`),
          )
        : null,
      i.qos ? h("tr", {}, h("td", {}, "QoS class"), h("td", {}, i.qos)) : null,
      i.throttled
        ? h(
            "tr",
            {},
            h("td", {}, "CPU"),
            h("td", { class: "bad" }, `throttled at its limit: its load wants ${i.cpuWant} m`),
          )
        : null,
      !i.throttled && i.cpuWant > i.cpuUsed
        ? h("tr", {}, h("td", {}, "CPU"), h("td", { class: "bad" }, `squeezed by its neighbours: wants ${i.cpuWant} m`))
        : null,
      !vm && i.memUsed > i.reqMem
        ? h("tr", {}, h("td", {}, "Memory"), h("td", {}, "over its request: first to go if the node runs short"))
        : null,
      h(
        "tr",
        {},
        h("td", {}, "Load"),
        h("td", {}, `${i.load} req/s routed, ${i.served} served (${spec.capacity} per ${spec.cpu} m of CPU)`),
      ),
      h("tr", {}, h("td", {}, "Restarts / release"), h("td", {}, `${i.restarts} / v${appRelease(i.release)}`)),
    ),
    h(
      "div",
      { class: "row" },
      paged || handSetup || lost
        ? h(
            "button",
            {
              id: `restart-${i.id}`,
              class: "soft-disabled",
              "aria-disabled": "true",
              title: paged
                ? "The on-call engineer is already on it"
                : handSetup
                  ? "You are still setting it up by hand"
                  : "Its host is down, so it cannot be restarted there: VM HA or Kubernetes moves it, or stop it and deploy a replacement",
              onclick: (e: Event) => ctx.send({ type: "restart", instance: i.id }, e.currentTarget as Element),
            },
            lost ? "Host down" : `${paged ? "Paged" : "Setting up"} · ${i.wait} s`,
          )
        : h(
            "button",
            {
              id: `restart-${i.id}`,
              title: down
                ? `Restart it by hand (R): a page to the on-call engineer, who restarts it ${ONCALL_RESPONSE_TICKS} s later for ¢${ONCALL_FEE}`
                : "Restart it (R): a planned restart is immediate and free",
              onclick: (e: Event) => ctx.send({ type: "restart", instance: i.id }, e.currentTarget as Element),
            },
            down ? `Page on-call · ¢${ONCALL_FEE}` : "Restart",
          ),
      h(
        "button",
        {
          id: `stop-${i.id}`,
          class: "danger",
          title: "Stop and remove it (X)",
          onclick: (e: Event) => ctx.send({ type: "stop", instance: i.id }, e.currentTarget as Element),
        },
        "Stop",
      ),
    ),
    vm && i.state !== "running"
      ? h("p", { class: "dim small" }, "Live migration moves a running VM; this one is not running.")
      : vm
        ? h(
            "div",
            { class: "row" },
            targets.length
              ? migrateSel
              : h("span", { class: "dim" }, "Live migration needs another ready Type 1 host."),
            targets.length
              ? h(
                  "button",
                  {
                    id: `migrate-${i.id}`,
                    title: "Live-migrate (M)",
                    onclick: (e: Event) =>
                      ctx.send(
                        { type: "migrate", instance: i.id, node: Number(liveValue(`migrate-target-${i.id}`)) },
                        e.currentTarget as Element,
                      ),
                  },
                  "Migrate",
                )
              : null,
          )
        : null,
    h(
      "button",
      { class: "link", id: "back-to-node", onclick: () => ctx.select({ node: i.node, instance: -1 }) },
      "← its node",
    ),
  );
}
