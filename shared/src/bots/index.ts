/** The bots, by name: they play through the same commands as people do. */
import type { Bot } from "../simulate.ts";
import { idle } from "./idle.ts";
import { greedy } from "./greedy.ts";
import { autopilot } from "./autopilot.ts";

export const BOT_NAMES = ["idle", "greedy", "autopilot"] as const;
export type BotName = (typeof BOT_NAMES)[number];

export const BOTS: Readonly<Record<BotName, Bot>> = { idle, greedy, autopilot };
