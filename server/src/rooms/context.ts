/**
 * What rooms need from the server around them (storage, configuration, logger, metrics,
 * scenarios). Colyseus constructs rooms itself with no arguments, so the server sets this
 * once at start-up, before any room exists; one server per process.
 */
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { ScenarioCatalog } from "../scenarios.ts";
import type { Storage } from "../storage/index.ts";

export interface RoomContext {
  readonly config: Config;
  readonly storage: Storage;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly scenarios: ScenarioCatalog;
  readonly blockedWords: readonly string[];
  /**
   * Which process runs a room, recorded with its classroom so that after a crash the
   * restarted process (and only it, when several share a DATA_DIR) brings the room back.
   */
  readonly owner: string;
  /** The address students should open (classAddress.ts), or "" when none is known; set once the port is. */
  classUrl(): string;
}

let current: RoomContext | null = null;

export function setRoomContext(ctx: RoomContext | null): void {
  current = ctx;
}

export function roomContext(): RoomContext {
  if (!current) throw new Error("The room context is not set (start the server with startServer).");
  return current;
}
