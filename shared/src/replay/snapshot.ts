/**
 * World snapshots: the whole state of a world as msgpack bytes, without its scenario (only
 * the rules version and the scenario's id and version, checked when restoring). A restored world steps on
 * exactly like the original, so a server can rebuild a room from its last snapshot plus
 * the commands logged after it.
 */
import { pack, unpack } from "msgpackr";
import { type World, NODE_STATES, INSTANCE_STATES } from "../model/model.ts";
import type { Scenario } from "../model/scenario.ts";
import { refuse, type Result } from "../model/result.ts";
import { checkRules, parseRulesVersion, RULES_VERSION } from "../model/rulesVersion.ts";

/**
 * 2: bail-outs (`bailouts`, `debt`) replaced `bankrupt`. 3: the rules version is recorded.
 * Older snapshots are refused and the world is replayed from its log.
 */
const FORMAT = 3;

export function encodeSnapshot(w: World): Uint8Array {
  const { scenario, ...rest } = w;
  return pack([FORMAT, RULES_VERSION, scenario.id, scenario.version, rest]);
}

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/**
 * Restores a snapshot for its scenario. The structure is checked (a snapshot comes from our
 * own storage, but storage can be damaged): a wrong scenario, a wrong format or a broken
 * shape is refused rather than producing a world that would crash a room later.
 */
export function decodeSnapshot(bytes: Uint8Array, scenario: Scenario): Result<World> {
  let raw: unknown;
  try {
    raw = unpack(bytes);
  } catch {
    return refuse("bad-replay", "The snapshot is not valid data.");
  }
  if (!Array.isArray(raw) || raw.length !== 5 || raw[0] !== FORMAT)
    return refuse("bad-replay", "The snapshot does not have the snapshot format.");
  const [, rules, id, version, rest] = raw as [number, unknown, unknown, unknown, Record<string, unknown>];
  // A world saved under other rules would step on under these: not the round it was.
  const rulesVersion = parseRulesVersion(rules);
  if (rulesVersion === null) return refuse("bad-replay", "The snapshot's rules version is damaged.");
  const sameRules = checkRules(rulesVersion, "This snapshot", "saved");
  if (!sameRules.ok) return sameRules;
  if (id !== scenario.id || version !== scenario.version)
    return refuse(
      "bad-replay",
      `The snapshot is of "${String(id)}" version ${String(version)}, not of "${scenario.id}" version ${scenario.version}.`,
    );
  if (typeof rest !== "object" || rest === null) return refuse("bad-replay", "The snapshot has no world.");
  const w = { scenario, ...rest } as unknown as World;
  if (!isInt(w.tick) || !Array.isArray(w.rng) || w.rng.length !== 4 || !w.rng.every(isInt))
    return refuse("bad-replay", "The snapshot's clock or random state is damaged.");
  if (!isInt(w.handsFreeAt)) return refuse("bad-replay", "The snapshot's hand-work clock is damaged.");
  if (!isInt(w.money) || !isInt(w.bailouts) || w.bailouts < 0 || !isInt(w.debt) || w.debt < 0)
    return refuse("bad-replay", "The snapshot's money is damaged.");
  if (!Array.isArray(w.nodes) || !w.nodes.every((n, k) => n && n.id === k && NODE_STATES.includes(n.state)))
    return refuse("bad-replay", "The snapshot's nodes are damaged.");
  if (
    !Array.isArray(w.instances) ||
    !w.instances.every(
      (i) =>
        i &&
        isInt(i.id) &&
        INSTANCE_STATES.includes(i.state) &&
        i.service >= 0 &&
        i.service < scenario.services.length &&
        i.node < w.nodes.length,
    )
  ) {
    return refuse("bad-replay", "The snapshot's instances are damaged.");
  }
  if (!Array.isArray(w.services) || w.services.length !== scenario.services.length)
    return refuse("bad-replay", "The snapshot's services do not match the scenario.");
  return { ok: true, value: w };
}
