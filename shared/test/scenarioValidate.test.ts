// Scenario files: every shipped one is valid; a broken one is refused with the field that is wrong.
import { describe, expect, it } from "vitest";
import { getScenario, listScenarios, parseScenario } from "../src/index.ts";

const base = (): Record<string, unknown> => JSON.parse(JSON.stringify(getScenario("campaign-4-isolation")));

function set(o: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split(".");
  let cur: Record<string, unknown> = o;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return o;
}

describe("shipped scenarios", () => {
  it.each(listScenarios().map((s) => [s.id, s] as const))("%s is valid and round-trips", (_id, s) => {
    const again = parseScenario(JSON.parse(JSON.stringify(s)));
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.value).toEqual(s);
  });

  it("come back without unknown fields", () => {
    const r = parseScenario({ ...base(), hacker: "<script>" });
    expect(r.ok && "hacker" in r.value).toBe(false);
  });
});

describe("broken scenarios are refused with the field that is wrong", () => {
  it.each([
    { path: "id", value: undefined, field: "id:" },
    { path: "id", value: "Has Spaces", field: "id:" },
    { path: "length", value: 12.5, field: "length:" },
    { path: "length", value: Number.NaN, field: "length:" },
    { path: "length", value: 1e12, field: "length:" },
    { path: "startMoney", value: -5, field: "startMoney:" },
    { path: "speed", value: "fast", field: "speed:" },
    { path: "kind", value: "battle-royale", field: "kind:" },
    { path: "services", value: {}, field: "services:" },
    { path: "services", value: [], field: "services:" },
    { path: "nodeTypes", value: ["huge"], field: "nodeTypes[0]:" },
    { path: "nodeTypes", value: ["small", "small"], field: "nodeTypes:" },
    { path: "hostModes", value: ["hosted", "hosted"], field: "hostModes:" },
    { path: "upgrades", value: { "time-machine": { price: 1, upkeep: 0 } }, field: "upgrades.time-machine:" },
    { path: "concepts", value: ["astrology"], field: "concepts[0]:" },
    { path: "briefing", value: null, field: "briefing:" },
    { path: "timings", value: { nodeProvision: 90 }, field: "timings.nodeRepair:" },
  ])("$path = $value → $field", ({ path, value, field }) => {
    const r = parseScenario(set(base(), path, value));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("bad-scenario");
      expect(r.message.startsWith(field)).toBe(true);
    }
  });

  it.each([
    { what: "a negative CPU", edit: (o: any) => (o.services[0].cpu = -500), field: "services[0].cpu:" },
    {
      what: "a CPU limit under the request",
      edit: (o: any) => (o.services[0].limCpu = o.services[0].cpu - 1),
      field: "services[0].limCpu:",
    },
    {
      what: "a memory limit that is not a number",
      edit: (o: any) => (o.services[0].limMem = "lots"),
      field: "services[0].limMem:",
    },
    { what: "a VM that fits no node", edit: (o: any) => (o.services[1].cpu = 64000), field: "services[1].cpu:" },
    {
      what: "a shape not starting at 0",
      edit: (o: any) => (o.services[0].traffic.shape[0][0] = 5),
      field: "services[0].traffic.shape[0]:",
    },
    {
      what: "shape points out of order",
      edit: (o: any) => o.services[0].traffic.shape.push([10, 50]),
      field: `services[0].traffic.shape[${getScenario("campaign-4-isolation")!.services[0]!.traffic.shape.length}]:`,
    },
    {
      what: "a duplicate service id",
      edit: (o: any) => (o.services[1].id = o.services[0].id),
      field: "services[1].id:",
    },
    {
      what: "a duplicate release",
      edit: (o: any) => o.services[0].releases.push({ ...o.services[0].releases[0] }),
      field: "services[0].releases[1].version:",
    },
    {
      what: "an event for an unknown service",
      edit: (o: any) => (o.events[0].target = "ghost"),
      field: "events[0].target:",
    },
    {
      what: "a start VM on a container host",
      edit: (o: any) => (o.start.instances[0].node = 1),
      field: "start.instances[0].node:",
    },
    {
      what: "a container of a VM-only service",
      edit: (o: any) => ((o.services[1].runtime = "vm-only"), (o.start.instances[0].runtime = "container")),
      field: "start.instances[0].runtime:",
    },
    {
      what: "a start node that does not exist",
      edit: (o: any) => (o.start.instances[0].node = 9),
      field: "start.instances[0].node:",
    },
    {
      what: "start instances that overflow their node",
      edit: (o: any) => {
        for (let k = 0; k < 30; k++) o.start.instances.push({ service: "batch", runtime: "container", node: 1 });
      },
      field: "start.instances",
    },
  ])("$what → $field", ({ edit, field }) => {
    const o = base();
    edit(o);
    const r = parseScenario(o);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.startsWith(field)).toBe(true);
  });

  it.each([null, 42, "scenario", [], [1, 2]])("refuses %s as a whole", (v) => {
    expect(parseScenario(v)).toMatchObject({ ok: false, code: "bad-scenario" });
  });
});
