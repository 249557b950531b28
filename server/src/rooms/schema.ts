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
import type { ClusterHeaderView, InstanceView, NodeView, ServiceView } from "@overcommit/shared";

const nodeFields = {
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
  limCpu: "number",
  limMem: "number",
  usedCpu: "number",
  usedMem: "number",
  pressure: "boolean",
  images: "number",
  noisy: "boolean",
  byAutoscaler: "boolean",
  rebooting: "boolean",
  vms: "number",
} as const;
export const NodeState = schema(nodeFields, "NodeState");
export type NodeState = SchemaType<typeof NodeState>;

const instanceFields = {
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
  cpuUsed: "number",
  cpuWant: "number",
  throttled: "boolean",
  qos: "string",
  load: "number",
  served: "number",
  managed: "boolean",
  release: "number",
  target: "number",
  restarts: "number",
  pending: "string",
} as const;
export const InstanceState = schema(instanceFields, "InstanceState");
export type InstanceState = SchemaType<typeof InstanceState>;

const serviceFields = {
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
  reqCpu: "number",
  reqMem: "number",
  limMem: "number",
  limCpu: "number",
  pdbMin: "number",
} as const;
export const ServiceState = schema(serviceFields, "ServiceState");
export type ServiceState = SchemaType<typeof ServiceState>;

export const SpikeState = schema({ service: "number", at: "number", end: "number", peak: "number" }, "SpikeState");
export type SpikeState = SchemaType<typeof SpikeState>;

/** A cluster's own fields: everything in a ClusterView but its lists. */
const clusterHeaderFields = {
  id: "string",
  scenario: "string",
  tick: "number",
  length: "number",
  money: "number",
  score: "number",
  slaBp: "number",
  bailouts: "number",
  debt: "number",
  finished: "boolean",
  scheduler: "string",
  upgrades: { array: "string" },
  registryDown: "boolean",
  handsFreeAt: "number",
} as const;

export const ClusterState = schema(
  {
    ...clusterHeaderFields,
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
    bailouts: "number",
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
  planning: "number",
  planningLeft: "number",
  round: "number",
  hostConnected: "boolean",
  seats: { map: SeatState },
  rows: { map: RowState },
} as const;

export const ClassroomState = schema(
  { ...classroomFields, clusters: { map: ClusterState, view: true } },
  "ClassroomState",
);
export type ClassroomState = SchemaType<typeof ClassroomState>;

/** Benchmark baseline only (UNFILTERED_VIEWS=1): the same state with no StateView filter. */
export const UnfilteredClassroomState = schema(
  { ...classroomFields, clusters: { map: ClusterState } },
  "UnfilteredClassroomState",
);

// Every field of a view has its schema field (the client reads the mirrored state as a view).
const nodeCovers: Record<keyof NodeView, string> = nodeFields;
const instanceCovers: Record<keyof InstanceView, string> = instanceFields;
const serviceCovers: Record<keyof ServiceView, string> = serviceFields;
const headerCovers: Record<keyof ClusterHeaderView, unknown> = clusterHeaderFields;
(void nodeCovers, instanceCovers, serviceCovers, headerCovers);

/** Field names of each mirrored kind of object, as the mirror copies them from the views. */
export const FIELDS = {
  node: Object.keys(nodeFields),
  instance: Object.keys(instanceFields),
  service: Object.keys(serviceFields),
  /** Scalar header fields (`id` is the room's, `upgrades` an array: both set apart). */
  clusterHeader: Object.keys(clusterHeaderFields).filter((k) => k !== "id" && k !== "upgrades"),
} as const;

export { ArraySchema, MapSchema };
