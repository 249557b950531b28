/**
 * Player (and instructor) commands: plain typed data, and one shape validator per type.
 *
 * `parseCommand` checks shape only (types, ranges, known names): it needs no world, so the
 * server uses it as its message validator before anything is queued. Whether a
 * well-formed command is allowed *now* (money, capacity, node state…) is decided by the
 * rules in apply.ts when the command is applied; either way a refusal is a value with a
 * code and a sentence, and a refused command changes nothing.
 */
import { HOST_MODES, MAX_REPLICAS, NODE_TYPES, MAX_NODES, type HostMode, type NodeType } from "./constants.ts";
import { RUNTIMES, SCHEDULER_STRATEGIES, type Runtime, type SchedulerStrategy } from "./model.ts";
import { INCIDENT_KINDS, UPGRADES, type IncidentKind, type Upgrade } from "./scenario.ts";
import { refuse, type Refusal, type Result } from "./result.ts";

export interface BuyNode {
  readonly type: "buy-node";
  readonly nodeType: NodeType;
  readonly mode: HostMode;
}
export interface RemoveNode {
  readonly type: "remove-node";
  readonly node: number;
}
export interface Cordon {
  readonly type: "cordon";
  readonly node: number;
}
export interface Uncordon {
  readonly type: "uncordon";
  readonly node: number;
}
export interface Deploy {
  readonly type: "deploy";
  readonly service: string;
  readonly runtime: Runtime;
  readonly node: number;
}
export interface Stop {
  readonly type: "stop";
  readonly instance: number;
}
export interface Restart {
  readonly type: "restart";
  readonly instance: number;
}
export interface Migrate {
  readonly type: "migrate";
  readonly instance: number;
  readonly node: number;
}
export interface BuyUpgrade {
  readonly type: "buy-upgrade";
  readonly upgrade: Upgrade;
}
export interface SetReplicas {
  readonly type: "set-replicas";
  readonly service: string;
  readonly replicas: number;
}
export interface SetAutoscaler {
  readonly type: "set-autoscaler";
  readonly service: string;
  readonly enabled: boolean;
  readonly min: number;
  readonly max: number;
  readonly targetPct: number;
}
export interface SetScheduler {
  readonly type: "set-scheduler";
  readonly strategy: SchedulerStrategy;
}
/**
 * Requests and limits of a deployment's pods; 0 means "not set". As the API server defaults
 * them, a request left unset under a set limit becomes the limit; nothing set at all makes
 * the pods BestEffort. New pods get them (a rollout).
 */
export interface SetResources {
  readonly type: "set-resources";
  readonly service: string;
  readonly reqCpu: number;
  readonly reqMem: number;
  readonly limCpu: number;
  readonly limMem: number;
}
export interface Rollout {
  readonly type: "rollout";
  readonly service: string;
  readonly release: number;
}
/** PodDisruptionBudget minAvailable; -1 removes it. */
export interface SetPdb {
  readonly type: "set-pdb";
  readonly service: string;
  readonly minAvailable: number;
}
export interface SetClusterAutoscaler {
  readonly type: "set-cluster-autoscaler";
  readonly enabled: boolean;
  readonly nodeType: NodeType;
  readonly maxNodes: number;
}
/** Instructor-only (the server checks the role): an incident for this world. */
export interface Inject {
  readonly type: "inject";
  readonly incident: IncidentKind;
  /** A service id (crash, spike) or "any". */
  readonly target: string;
  /** Spike peak percent, or outage / noisy duration in ticks; 0 = the default. */
  readonly size: number;
}

export type Command =
  | BuyNode
  | RemoveNode
  | Cordon
  | Uncordon
  | Deploy
  | Stop
  | Restart
  | Migrate
  | BuyUpgrade
  | SetReplicas
  | SetAutoscaler
  | SetScheduler
  | SetResources
  | Rollout
  | SetPdb
  | SetClusterAutoscaler
  | Inject;

export type CommandType = Command["type"];

/** Commands only the room's host may send. */
export const HOST_ONLY_COMMANDS: readonly CommandType[] = ["inject"];

// ---- shape validation ----

/** A field's kind: data, so the validator and the compact replay encoding share one list. */
export type FieldSpec =
  | { readonly kind: "int"; readonly min: number; readonly max: number }
  | { readonly kind: "enum"; readonly list: readonly string[] }
  | { readonly kind: "id" }
  | { readonly kind: "bool" };

const MAX_ID = 1_000_000_000;
/** The largest injected incident size: a spike's peak percent or an outage's ticks. */
export const INJECT_SIZE_MAX = 10_000_000;
const ID_MAX_LEN = 40;

const int = (min: number, max: number): FieldSpec => ({ kind: "int", min, max });
const oneOf = (list: readonly string[]): FieldSpec => ({ kind: "enum", list });
const ident: FieldSpec = { kind: "id" };
const bool: FieldSpec = { kind: "bool" };
const nodeId = int(0, MAX_NODES * 4);
const instanceId = int(0, MAX_ID);

/** One shape per command type: its fields in a fixed order, each with its kind. */
export const COMMAND_SHAPES: Readonly<Record<CommandType, readonly (readonly [string, FieldSpec])[]>> = {
  "buy-node": [
    ["nodeType", oneOf(NODE_TYPES)],
    ["mode", oneOf(HOST_MODES)],
  ],
  "remove-node": [["node", nodeId]],
  cordon: [["node", nodeId]],
  uncordon: [["node", nodeId]],
  deploy: [
    ["service", ident],
    ["runtime", oneOf(RUNTIMES)],
    ["node", nodeId],
  ],
  stop: [["instance", instanceId]],
  restart: [["instance", instanceId]],
  migrate: [
    ["instance", instanceId],
    ["node", nodeId],
  ],
  "buy-upgrade": [["upgrade", oneOf(UPGRADES)]],
  "set-replicas": [
    ["service", ident],
    ["replicas", int(0, MAX_REPLICAS)],
  ],
  "set-autoscaler": [
    ["service", ident],
    ["enabled", bool],
    ["min", int(1, MAX_REPLICAS)],
    ["max", int(1, MAX_REPLICAS)],
    ["targetPct", int(10, 100)],
  ],
  "set-scheduler": [["strategy", oneOf(SCHEDULER_STRATEGIES)]],
  "set-resources": [
    ["service", ident],
    ["reqCpu", int(0, 64000)],
    ["reqMem", int(0, 262144)],
    ["limCpu", int(0, 64000)],
    ["limMem", int(0, 262144)],
  ],
  rollout: [
    ["service", ident],
    ["release", int(0, 999)],
  ],
  "set-pdb": [
    ["service", ident],
    ["minAvailable", int(-1, MAX_REPLICAS)],
  ],
  "set-cluster-autoscaler": [
    ["enabled", bool],
    ["nodeType", oneOf(NODE_TYPES)],
    ["maxNodes", int(0, 500)],
  ],
  inject: [
    ["incident", oneOf(INCIDENT_KINDS)],
    ["target", ident],
    ["size", int(0, INJECT_SIZE_MAX)],
  ],
};

export const COMMAND_TYPES = Object.keys(COMMAND_SHAPES) as CommandType[];

/** Checks one field against its kind (host messages use it too, hostMessages.ts). */
export function checkField(v: unknown, name: string, f: FieldSpec): Refusal | null {
  switch (f.kind) {
    case "int":
      return typeof v === "number" && Number.isInteger(v) && v >= f.min && v <= f.max
        ? null
        : refuse("bad-field", `"${name}" must be a whole number from ${f.min} to ${f.max}.`);
    case "enum":
      return typeof v === "string" && f.list.includes(v)
        ? null
        : refuse("bad-field", `"${name}" must be one of: ${f.list.join(", ")}.`);
    case "id":
      return typeof v === "string" && v.length > 0 && v.length <= ID_MAX_LEN && /^[a-z0-9-]+$/.test(v)
        ? null
        : refuse("bad-field", `"${name}" must be a short id of lowercase letters, digits and dashes.`);
    case "bool":
      return typeof v === "boolean" ? null : refuse("bad-field", `"${name}" must be true or false.`);
  }
}

/**
 * Checks that `input` is a well-formed command and returns a clean copy holding only the
 * known fields (so nothing a client smuggles in reaches the engine or a replay).
 */
export function parseCommand(input: unknown): Result<Command> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return refuse("bad-command", 'A command must be an object with a "type".');
  }
  const rec = input as Record<string, unknown>;
  const type = rec["type"];
  if (typeof type !== "string" || !Object.prototype.hasOwnProperty.call(COMMAND_SHAPES, type)) {
    return refuse("unknown-command", `Unknown command type; expected one of: ${COMMAND_TYPES.join(", ")}.`);
  }
  const shape = COMMAND_SHAPES[type as CommandType];
  const out: Record<string, unknown> = { type };
  for (const [name, f] of shape) {
    const err = checkField(rec[name], name, f);
    if (err) return err;
    out[name] = rec[name];
  }
  const keys = Object.keys(rec);
  if (keys.length !== shape.length + 1) {
    const extra = keys.find((k) => k !== "type" && !shape.some(([n]) => n === k)) ?? "?";
    return refuse("bad-field", `"${type}" has no field "${extra.slice(0, 40)}".`);
  }
  if (type === "set-autoscaler" && (out["min"] as number) > (out["max"] as number)) {
    return refuse("bad-field", "The autoscaler's min must not be above its max.");
  }
  if (type === "set-resources") {
    const o = out as unknown as SetResources;
    if (o.limCpu !== 0 && o.limCpu < o.reqCpu)
      return refuse("bad-field", "A CPU limit must be at least the CPU request (or 0 for none).");
    if (o.limMem !== 0 && o.limMem < o.reqMem)
      return refuse("bad-field", "A memory limit must be at least the memory request (or 0 for none).");
  }
  return { ok: true, value: out as unknown as Command };
}
