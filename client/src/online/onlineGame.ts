/**
 * A student's cluster in a classroom, as a GameSource: the view is the server's mirrored
 * ClusterState turned back into a ClusterView (maps → arrays sorted by id), commands go to
 * the server and resolve with its reply, and the instructor controls the clock.
 */
import type {
  BotName,
  ClusterView,
  Command,
  CommandResult,
  GameEvent,
  ReplayEntry,
  Scenario,
  ToldEvent,
  World,
} from "@overcommit/shared";
import type { GameSource, Update } from "../solo/gameSource.ts";
import type { Classroom, RoomState } from "./classroom.ts";
import { worldFromView } from "./viewWorld.ts";

const HISTORY = 240;

/** ClusterState (nodes and instances keyed by id) → the ClusterView the renderer draws. */
export function clusterToView(raw: Record<string, unknown>): ClusterView {
  const byId = <T extends { id: number }>(m: unknown): T[] =>
    Object.values((m ?? {}) as Record<string, T>).sort((a, b) => a.id - b.id);
  return {
    ...(raw as unknown as ClusterView),
    nodes: byId(raw["nodes"]),
    instances: byId(raw["instances"]),
    services: (raw["services"] ?? []) as ClusterView["services"],
    spikes: (raw["spikes"] ?? []) as ClusterView["spikes"],
    upgrades: (raw["upgrades"] ?? []) as ClusterView["upgrades"],
  };
}

export class OnlineGame implements GameSource {
  readonly canControlTime = false;
  readonly replay: readonly ReplayEntry[] | null = null;
  readonly ghostName: BotName | undefined = undefined;
  view: ClusterView;
  world: World;
  paused = false;
  speed = 4;
  readonly moneyHist: number[] = [];
  readonly demandHist: number[][];
  readonly capacityHist: number[][];
  private readonly listeners = new Set<(u: Update) => void>();
  private readonly finishListeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  /** The server's sentence for each event it sent (events are compared by identity). */
  private readonly texts = new WeakMap<GameEvent, string>();
  private lastTick = -1;
  private finished = false;

  constructor(
    readonly scenario: Scenario,
    private readonly room: Classroom,
    private readonly cluster: string,
    first: ClusterView,
  ) {
    this.view = first;
    this.world = worldFromView(scenario, first);
    this.demandHist = scenario.services.map(() => []);
    this.capacityHist = scenario.services.map(() => []);
  }

  ghostScore(): number | null {
    return null;
  }

  setPaused(): void {}
  setSpeed(): void {}

  send(cmd: Command): Promise<CommandResult> {
    return this.room
      .send("cmd", { cmd })
      .then((r) => (r.ok ? { ok: true } : ({ ok: false, code: r.code, message: r.message } as CommandResult)));
  }

  explain(e: GameEvent): string {
    return this.texts.get(e) ?? e.type;
  }

  onUpdate(f: (u: Update) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  onFinish(f: () => void): void {
    this.finishListeners.add(f);
  }

  start(): void {
    this.unsubscribe.push(this.room.onState((s) => this.onState(s)));
    this.unsubscribe.push(
      this.room.on("events", (body) => {
        const list = Array.isArray(body) ? (body as Partial<ToldEvent>[]) : [];
        const events = list.map((m) => {
          const e = toEvent(m);
          this.texts.set(e, typeof m.text === "string" ? m.text : e.type);
          return e;
        });
        this.publish([], events);
      }),
    );
  }

  stop(): void {
    for (const f of this.unsubscribe) f();
    this.unsubscribe.length = 0;
  }

  private onState(s: RoomState): void {
    // Planning keeps the clock stopped too, but is not a pause: the student's screen says so itself.
    this.paused = s.phase !== "running" && s.phase !== "planning";
    this.speed = s.speed;
    const raw = s.clusters[this.cluster];
    if (raw) {
      this.view = clusterToView(raw);
      this.world = worldFromView(this.scenario, this.view);
      if (this.view.tick !== this.lastTick) {
        this.lastTick = this.view.tick;
        this.view.services.forEach((sv, k) => {
          push(this.demandHist[k]!, sv.demand);
          push(this.capacityHist[k]!, sv.capacity);
        });
        // Earnings, not money: a bail-out's top-up is a loan, not a trend.
        push(this.moneyHist, this.view.money - this.view.debt);
      }
    }
    this.publish([]);
    if (s.phase === "ended" && !this.finished) {
      this.finished = true;
      for (const f of this.finishListeners) f();
    }
  }

  private publish(messages: string[], events: readonly GameEvent[] = []): void {
    const u: Update = { view: this.view, events, messages };
    for (const f of this.listeners) f(u);
  }
}

/** An event as the server sent it, with every field present (a damaged message cannot break the screen). */
function toEvent(m: Partial<GameEvent>): GameEvent {
  const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    tick: num(m.tick, 0),
    type: str(m.type) as GameEvent["type"],
    cause: str(m.cause) as GameEvent["cause"],
    node: num(m.node, -1),
    instance: num(m.instance, -1),
    service: num(m.service, -1),
    state: str(m.state),
    a: num(m.a, 0),
    b: num(m.b, 0),
  };
}

function push(a: number[], v: number): void {
  a.push(v);
  if (a.length > HISTORY) a.shift();
}
