/** The `idle` bot: never does anything. A baseline every scenario must punish. */
import type { Bot } from "../replay/simulate.ts";

export const idle: Bot = {
  name: "idle",
  act: () => [],
};
