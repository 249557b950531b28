/**
 * What the play screen needs from a running game, whichever way it runs: SoloGame steps
 * the engine in the browser; OnlineGame mirrors a classroom server's cluster. The panels
 * and the scene only ever see this.
 */
import type {
  BotName,
  ClusterView,
  Command,
  CommandResult,
  GameEvent,
  ReplayEntry,
  Scenario,
  World,
} from "@overcommit/shared";

export interface Update {
  readonly view: ClusterView;
  /** Engine events (solo); online play gets sentences instead, in `messages`. */
  readonly events: readonly GameEvent[];
  readonly messages?: readonly string[];
}

export interface GameSource {
  readonly scenario: Scenario;
  readonly view: ClusterView;
  /**
   * A world for rule queries (canPlace, runningCost, deployment settings). Solo: the real
   * one. Online: a read-only stand-in rebuilt from the view (see online/viewWorld.ts).
   */
  readonly world: World;
  /** Money less the bail-outs' debt, per tick: what the top bar's trend is measured on. */
  readonly moneyHist: readonly number[];
  readonly demandHist: readonly (readonly number[])[];
  readonly capacityHist: readonly (readonly number[])[];
  readonly paused: boolean;
  readonly speed: number;
  /** Solo players control the clock; in a classroom the instructor does. */
  readonly canControlTime: boolean;
  readonly replay: readonly ReplayEntry[] | null;
  readonly ghostName: BotName | undefined;
  ghostScore(): number | null;
  setPaused(p: boolean): void;
  setSpeed(s: number): void;
  send(cmd: Command): CommandResult | Promise<CommandResult>;
  explain(e: GameEvent): string;
  onUpdate(f: (u: Update) => void): () => void;
  onFinish(f: () => void): void;
  start(): void;
  stop(): void;
}
