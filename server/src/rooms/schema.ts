/**
 * The room's synchronised state (Colyseus Schema 3, decorator-free `schema()` form: the
 * decorator form silently breaks under our tsconfig).
 *
 * Everyone receives the room header, the seats (nicknames, for the lobby) and the
 * leaderboard rows. `clusters` is a StateView field: a client receives only the clusters
 * its view holds — a student their own, the host and projector the one they spectate.
 * A cluster mirrors the shared ClusterView shape field for field, so the client can hand
 * the renderer the same data it gets in solo play.
 */
import { ArraySchema, MapSchema, schema, type SchemaType } from "@colyseus/schema";

export const NodeState = schema(
  {
    id: "number",
    type: "string",
    mode: "string",
    state: "string",
    notReady: "boolean",
    wait: "number",
    cpu: "number",
    mem: "number",
    allocCpu: "number",
    allocMem: "number",
    images: "number",
    noisy: "boolean",
    byAutoscaler: "boolean",
  },
  "NodeState",
);
export type NodeState = SchemaType<typeof NodeState>;

export const InstanceState = schema(
  {
    id: "number",
    service: "number",
    runtime: "string",
    node: "number",
    state: "string",
    cause: "string",
    wait: "number",
    reqCpu: "number",
    reqMem: "number",
    limCpu: "number",
    limMem: "number",
    memUsed: "number",
    load: "number",
    served: "number",
    managed: "boolean",
    release: "number",
    target: "number",
    restarts: "number",
    pending: "string",
  },
  "InstanceState",
);
export type InstanceState = SchemaType<typeof InstanceState>;

export const ServiceState = schema(
  {
    id: "string",
    name: "string",
    rule: "string",
    demand: "number",
    served: "number",
    dropped: "number",
    capacity: "number",
    replicas: "number",
    hpa: "boolean",
    hpaMin: "number",
    hpaMax: "number",
    hpaTarget: "number",
    hpaUtil: "number",
    release: "number",
    limMem: "number",
    limCpu: "number",
    pdbMin: "number",
  },
  "ServiceState",
);
export type ServiceState = SchemaType<typeof ServiceState>;

export const SpikeState = schema({ service: "number", at: "number", end: "number", peak: "number" }, "SpikeState");
export type SpikeState = SchemaType<typeof SpikeState>;

export const ClusterState = schema(
  {
    id: "string",
    scenario: "string",
    tick: "number",
    length: "number",
    money: "number",
    score: "number",
    slaBp: "number",
    bankrupt: "boolean",
    finished: "boolean",
    scheduler: "string",
    upgrades: { array: "string" },
    registryDown: "boolean",
    nodes: { map: NodeState },
    instances: { map: InstanceState },
    services: { array: ServiceState },
    spikes: { array: SpikeState },
  },
  "ClusterState",
);
export type ClusterState = SchemaType<typeof ClusterState>;

/** One leaderboard row per cluster (a student, or a team in team mode). */
export const RowState = schema(
  {
    cluster: "string",
    name: "string",
    team: "number",
    score: "number",
    money: "number",
    slaBp: "number",
    incidents: "number",
    openIncidents: "number",
    bankrupt: "boolean",
  },
  "RowState",
);
export type RowState = SchemaType<typeof RowState>;

export const SeatState = schema(
  {
    id: "string",
    nickname: "string",
    team: "number",
    cluster: "string",
    connected: "boolean",
  },
  "SeatState",
);
export type SeatState = SchemaType<typeof SeatState>;

const classroomFields = {
  code: "string",
  scenario: "string",
  title: "string",
  mode: "string",
  teamSize: "number",
  phase: "string",
  speed: "number",
  tick: "number",
  length: "number",
  locked: "boolean",
  lateJoin: "boolean",
  hostConnected: "boolean",
  seats: { map: SeatState },
  rows: { map: RowState },
} as const;

export const ClassroomState = schema({ ...classroomFields, clusters: { map: ClusterState, view: true } }, "ClassroomState");
export type ClassroomState = SchemaType<typeof ClassroomState>;

/** Benchmark baseline only (UNFILTERED_VIEWS=1): the same state with no StateView filter. */
export const UnfilteredClassroomState = schema({ ...classroomFields, clusters: { map: ClusterState } }, "UnfilteredClassroomState");

export { ArraySchema, MapSchema };
