/**
 * Serves the built client (client/dist) with a fallback to index.html for the client's own
 * routes. Returns null when there is no build, so the API still runs without a client.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";

export function staticClient(dir: string): Router | null {
  if (!dir || !existsSync(join(dir, "index.html"))) return null;
  const r = Router();
  r.use(express.static(dir, { index: "index.html", maxAge: "1h" }));
  r.get(/^\/(?!api\/|healthz|metrics|matchmake).*/, (_req, res) => res.sendFile(join(dir, "index.html")));
  return r;
}
