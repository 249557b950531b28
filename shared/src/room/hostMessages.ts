/**
 * The instructor's room messages (docs/protocol.md): one shape per type, the list that both
 * the TypeScript type of each body (`HostBody<T>`, what the host's screen sends) and the
 * server's check (`parseHostMessage`) are made from, as commands have `parseCommand`.
 * Shape only: whether a message may act now (the phase, the seat it names, the round's
 * scenario) is the room's to decide. A refusal is a value with a code and a sentence.
 * Fields a type does not know (`seq` among them) are ignored, not refused.
 */
import { checkField, INJECT_SIZE_MAX, type Command, type FieldSpec } from "../model/commands.ts";
import { MAX_SPEED, MIN_SPEED, PLANNING_MAX_SECONDS } from "./protocol.ts";
import { refuse, type Result } from "../model/result.ts";
import { INCIDENT_KINDS } from "../model/scenario.ts";

/** A field: a command's kinds, or free text up to `max` characters (a nickname, judged by its own rules after). */
type HostField = FieldSpec | { readonly kind: "text"; readonly max: number };
type Spec = HostField & { readonly optional?: true };

const bool = { kind: "bool" } as const;
const ident = { kind: "id" } as const;
const int = (min: number, max: number) => ({ kind: "int", min, max }) as const;
const text = (max: number) => ({ kind: "text", max }) as const;
const oneOf = <const L extends readonly string[]>(list: L) => ({ kind: "enum", list }) as const;
const optional = <F extends HostField>(f: F) => ({ ...f, optional: true }) as const;

/** Team numbers an instructor may give (0: not assigned yet). */
export const MAX_TEAMS = 40;
const SEED_MAX = 0xffffffff;
/** A round's length in ticks, before the scenario's own limit (the room checks that). */
const ROUND_TICKS_MAX = 1_000_000;

/** One shape per host message, in the order the protocol lists them. */
export const HOST_MESSAGE_SHAPES = {
  lock: { locked: bool },
  kick: { seat: ident },
  rename: { seat: ident, nickname: text(200) },
  team: { seat: ident, team: int(0, MAX_TEAMS) },
  start: {},
  pause: {},
  resume: {},
  end: {},
  speed: { speed: int(MIN_SPEED, MAX_SPEED) },
  /** The Inject command's fields (target "any" and size 0 when left out), and whose clusters: an id or "all" (the default). */
  inject: {
    incident: oneOf(INCIDENT_KINDS),
    target: optional(ident),
    size: optional(int(0, INJECT_SIZE_MAX)),
    cluster: optional(ident),
  },
  "late-join": { on: bool },
  /** Rules as for hosting a classroom (server/src/roundSettings.ts); left out: the same scenario and planning, a new seed. */
  "new-round": {
    scenario: optional(ident),
    seed: optional(int(0, SEED_MAX)),
    length: optional(int(10, ROUND_TICKS_MAX)),
    planningSeconds: optional(int(0, PLANNING_MAX_SECONDS)),
  },
} as const satisfies Record<string, Record<string, Spec>>;

type Shapes = typeof HOST_MESSAGE_SHAPES;
export type HostMessage = keyof Shapes;
export const HOST_MESSAGES = Object.keys(HOST_MESSAGE_SHAPES) as HostMessage[];

type ValueOf<F> = F extends { kind: "bool" }
  ? boolean
  : F extends { kind: "int" }
    ? number
    : F extends { kind: "enum"; list: readonly (infer E)[] }
      ? E
      : string;
type RequiredKeys<S> = { [K in keyof S]: S[K] extends { optional: true } ? never : K }[keyof S];
type OptionalKeys<S> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Flatten<T> = { [K in keyof T]: T[K] };

type BodyOf<S> = Flatten<
  { readonly [K in RequiredKeys<S>]: ValueOf<S[K]> } & { readonly [K in OptionalKeys<S>]?: ValueOf<S[K]> }
>;

/** Every message a client sends the room: a student's command, a viewer's spectate, the host's. */
export type ClientMessage = "cmd" | "spectate" | HostMessage;

/** One mapped type for every body, so that a body typed for a host message is one for the client's send too. */
type ClientBodies = {
  readonly [T in ClientMessage]: T extends HostMessage
    ? BodyOf<Shapes[T]>
    : T extends "cmd"
      ? { readonly cmd: Command }
      : { readonly cluster: string };
};

/** The body of client message `T` (without its `seq`, which the sender adds). */
export type ClientBody<T extends ClientMessage> = ClientBodies[T];

/** The body of host message `T`, as its shape says. */
export type HostBody<T extends HostMessage> = ClientBodies[T];

/** A checked host message: its type and a clean copy of its known fields. */
export type HostRequest = { [T in HostMessage]: { readonly type: T; readonly body: HostBody<T> } }[HostMessage];

function checkHostField(v: unknown, name: string, f: HostField) {
  if (f.kind !== "text") return checkField(v, name, f);
  return typeof v === "string" && v.length <= f.max
    ? null
    : refuse("bad-field", `"${name}" must be text of at most ${f.max} characters.`);
}

/**
 * Checks a host message's body against its type's shape. `type` must be one of
 * HOST_MESSAGES (the room answers any other type as unknown before asking).
 */
export function parseHostMessage(type: HostMessage, body: unknown): Result<HostRequest> {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return refuse("bad-command", "A message must be an object.");
  const rec = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(HOST_MESSAGE_SHAPES[type]) as [string, Spec][]) {
    const v = Object.hasOwn(rec, name) ? rec[name] : undefined;
    if (v === undefined && f.optional) continue;
    const err = checkHostField(v, name, f);
    if (err) return err;
    out[name] = v;
  }
  return { ok: true, value: { type, body: out } as HostRequest };
}

/** Whether a message type is a host message. */
export function isHostMessage(type: string): type is HostMessage {
  return Object.hasOwn(HOST_MESSAGE_SHAPES, type);
}
