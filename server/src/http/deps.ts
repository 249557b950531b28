/**
 * What the HTTP API is given by the server (server.ts): configuration, storage, metrics, the
 * scenario catalogue, the logger and the join-code guessing throttle. Every route file takes
 * it, and app.ts wires the routes together; kept apart from both so neither imports the other.
 */
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { ScenarioCatalog } from "../scenarios.ts";
import type { Storage } from "../storage/index.ts";
import type { GuessThrottle } from "../guessThrottle.ts";

export interface ApiDeps {
  readonly config: Config;
  readonly storage: Storage;
  readonly metrics: Metrics;
  readonly scenarios: ScenarioCatalog;
  readonly log: Logger;
  /** Join-code guessing throttle shared with matchmaking; absent: lookups are not throttled. */
  readonly guesses?: GuessThrottle;
}
