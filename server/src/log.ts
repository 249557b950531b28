/**
 * Structured logs (pino, one JSON object a line). Every module logs through a child of
 * this logger so that a line says which part of the server wrote it.
 */
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "overcommit" } });
}
