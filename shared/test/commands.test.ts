// Commands: malformed input is refused by shape; well-formed but impossible commands are
// refused by the rules with a code and a sentence, and change nothing.
import { describe, expect, it } from "vitest";
import { createWorld, parseCommand, stateHash, step } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

describe("shape validation", () => {
  it.each([
    { input: null, code: "bad-command" },
    { input: "deploy", code: "bad-command" },
    { input: [1, 2], code: "bad-command" },
    { input: {}, code: "unknown-command" },
    { input: { type: "format-disk" }, code: "unknown-command" },
    { input: { type: "__proto__" }, code: "unknown-command" },
    { input: { type: "buy-node", nodeType: "small" }, code: "bad-field" },
    { input: { type: "buy-node", nodeType: "tiny", mode: "hosted" }, code: "bad-field" },
    { input: { type: "deploy", service: "web", runtime: "vm", node: 1.5 }, code: "bad-field" },
    { input: { type: "deploy", service: "web", runtime: "vm", node: -1 }, code: "bad-field" },
    { input: { type: "deploy", service: "web", runtime: "vm", node: Number.NaN }, code: "bad-field" },
    { input: { type: "deploy", service: "web", runtime: "vm", node: 1e300 }, code: "bad-field" },
    { input: { type: "deploy", service: "<script>", runtime: "vm", node: 1 }, code: "bad-field" },
    { input: { type: "deploy", service: "x".repeat(5000), runtime: "vm", node: 1 }, code: "bad-field" },
    { input: { type: "deploy", service: "web", runtime: "vm", node: 1, extra: true }, code: "bad-field" },
    { input: { type: "set-replicas", service: "web", replicas: "3" }, code: "bad-field" },
    {
      input: { type: "set-autoscaler", service: "web", enabled: true, min: 5, max: 2, targetPct: 50 },
      code: "bad-field",
    },
    {
      input: { type: "set-resources", service: "web", reqCpu: 500, reqMem: 512, limCpu: 100, limMem: 0 },
      code: "bad-field",
    },
  ])("refuses $input with $code", ({ input, code }) => {
    const r = parseCommand(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it("returns a clean copy of a valid command", () => {
    const r = parseCommand({ type: "deploy", service: "web", runtime: "container", node: 2 });
    expect(r).toEqual({ ok: true, value: { type: "deploy", service: "web", runtime: "container", node: 2 } });
  });
});

const sc = scenario({
  startMoney: 500,
  nodeTypes: ["small", "medium"],
  hostModes: ["hypervisor", "container-host"],
  upgrades: { kubernetes: { price: 800, upkeep: 1 } },
  services: [
    service(),
    service({ id: "erp", name: "Legacy ERP", runtime: "vm-only", why: "it needs Windows.", cpu: 3000, mem: 4096 }),
  ],
  start: {
    nodes: [
      { type: "small", mode: "hypervisor" },
      { type: "small", mode: "container-host" },
    ],
    instances: [{ service: "web", runtime: "vm", node: 0 }],
  },
});

describe("rule refusals", () => {
  it.each([
    { cmd: { type: "buy-node", nodeType: "large", mode: "hypervisor" }, code: "not-in-catalog" },
    { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" }, code: "not-in-catalog" },
    {
      cmd: { type: "deploy", service: "erp", runtime: "container", node: 1 },
      code: "runtime-not-allowed",
      says: "must run as a VM",
    },
    { cmd: { type: "deploy", service: "web", runtime: "vm", node: 1 }, code: "wrong-host-mode", says: "no hypervisor" },
    { cmd: { type: "deploy", service: "web", runtime: "container", node: 0 }, code: "wrong-host-mode" },
    { cmd: { type: "deploy", service: "erp", runtime: "vm", node: 0 }, code: "insufficient-cpu", says: "guest OS" },
    { cmd: { type: "deploy", service: "nope", runtime: "vm", node: 0 }, code: "unknown-service" },
    { cmd: { type: "deploy", service: "web", runtime: "vm", node: 9 }, code: "unknown-node" },
    { cmd: { type: "stop", instance: 99 }, code: "unknown-instance" },
    { cmd: { type: "migrate", instance: 0, node: 1 }, code: "not-migratable" },
    { cmd: { type: "remove-node", node: 5 }, code: "unknown-node" },
    { cmd: { type: "buy-upgrade", upgrade: "vm-ha" }, code: "not-offered" },
    { cmd: { type: "buy-upgrade", upgrade: "kubernetes" }, code: "insufficient-money" },
    { cmd: { type: "set-replicas", service: "web", replicas: 3 }, code: "needs-upgrade" },
    { cmd: { type: "uncordon", node: 0 }, code: "bad-state" },
    { cmd: { type: "rollout", service: "web", release: 7 }, code: "bad-field" },
  ])("$cmd.type → $code", ({ cmd, code, says }) => {
    const w = createWorld(sc, 5);
    until(w, (x) => x.instances[0]!.state === "running");
    const before = stateHash(w);
    const twin = createWorld(sc, 5);
    until(twin, (x) => x.instances[0]!.state === "running");
    const parsed = parseCommand(cmd);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = step(w, [parsed.value]);
    step(twin, []);
    expect(r.results[0]).toMatchObject({ ok: false, code });
    if (says) expect((r.results[0] as { message: string }).message).toContain(says);
    expect(stateHash(w)).toBe(stateHash(twin));
    expect(before).not.toBe(stateHash(w));
  });

  it("refuses everything once the round is over", () => {
    const w = createWorld(scenario({ length: 60 }), 1);
    until(w, (x) => x.finished, 100);
    const r = send(w, { type: "buy-node", nodeType: "small", mode: "container-host" });
    expect(r.results[0]).toMatchObject({ ok: false, code: "round-over" });
  });
});
