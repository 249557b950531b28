/** GET /api/scenarios: the scenarios a class or a solo player can pick. */
import { Router } from "express";
import type { ApiDeps } from "./deps.ts";

export function scenarioRoutes({ scenarios }: ApiDeps): Router {
  const r = Router();
  r.get("/scenarios", (_req, res) => {
    res.json({
      scenarios: scenarios.list().map((s) => ({
        id: s.id,
        version: s.version,
        title: s.title,
        kind: s.kind,
        level: s.level,
        concepts: s.concepts,
        length: s.length,
        speed: s.speed,
        startMoney: s.startMoney,
        targetScore: s.targetScore,
        briefing: s.briefing.title,
      })),
    });
  });
  return r;
}
