/** GET /healthz (liveness and the database) and GET /metrics (Prometheus text format). */
import { Router } from "express";
import type { ApiDeps } from "./deps.ts";

const started = Date.now();

export function opsRoutes({ storage, metrics }: ApiDeps): Router {
  const r = Router();
  r.get("/healthz", (_req, res) => {
    let db = "ok";
    try {
      storage.db.prepare("SELECT 1").get();
    } catch {
      db = "error";
    }
    res.status(db === "ok" ? 200 : 503).json({
      status: db === "ok" ? "ok" : "degraded",
      db,
      uptimeSeconds: Math.floor((Date.now() - started) / 1000),
      rooms: metrics.rooms,
      clients: metrics.clients,
    });
  });
  r.get("/metrics", (_req, res) => {
    res.type("text/plain; version=0.0.4").send(metrics.render());
  });
  return r;
}
