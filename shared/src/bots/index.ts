/** The bots, by name: they play through the same commands as people do. */
import type { Bot } from "../replay/simulate.ts";
import { idle } from "./idle.ts";
import { greedy } from "./greedy.ts";
import { autopilot, operator } from "./autopilot.ts";
import { EXPERT, WALK_AWAY } from "./strategies.ts";

export const BOT_NAMES = ["idle", "greedy", "walk-away", "autopilot", "expert"] as const;
export type BotName = (typeof BOT_NAMES)[number];

export const BOTS: Readonly<Record<BotName, Bot>> = {
  idle,
  greedy,
  "walk-away": operator(WALK_AWAY),
  autopilot,
  expert: operator(EXPERT),
};
