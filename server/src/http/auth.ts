/**
 * Host keys on HTTP requests: `Authorization: Bearer <key>` (preferred), or `?key=` so that
 * a report can be opened or downloaded from a plain link.
 */
import type { Request } from "express";
import { keyMatches } from "../secrets.ts";

export function presentedKey(req: Request): string {
  const h = req.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (m) return m[1]!;
  const q = req.query["key"];
  return typeof q === "string" ? q : "";
}

export function hasKey(req: Request, storedHash: string): boolean {
  return keyMatches(presentedKey(req), storedHash);
}
