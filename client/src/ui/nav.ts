/** What a screen may ask the app to show next. */
import type { BotName } from "@overcommit/shared";

export interface PlayOptions {
  readonly scenarioId: string;
  readonly seed: number;
  readonly ghost?: BotName | undefined;
  /** Watch the last (or best) recorded run instead of playing. */
  readonly watch?: boolean | undefined;
  /** An assignment code: the finished run is submitted to it. */
  readonly assignment?: string | undefined;
}

export interface Nav {
  menu(): void;
  campaign(): void;
  quick(): void;
  online(kind: "join" | "host" | "assignment"): void;
  briefing(opts: PlayOptions): void;
  play(opts: PlayOptions): void;
  glossary(): void;
}
