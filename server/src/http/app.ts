/**
 * The express application: JSON API under /api, /healthz and /metrics, and the built
 * client for everything else. Routes live in one file per resource.
 */
import express, { type NextFunction, type Request, type Response } from "express";
import type { ApiDeps } from "./deps.ts";
import { scenarioRoutes } from "./scenarios.ts";
import { classroomRoutes } from "./classrooms.ts";
import { reportRoutes } from "./reports.ts";
import { assignmentRoutes } from "./assignments.ts";
import { soloRunRoutes } from "./soloRuns.ts";
import { runTicketRoutes } from "./runTickets.ts";
import { leaderboardRoutes } from "./leaderboards.ts";
import { opsRoutes } from "./ops.ts";
import { staticClient } from "./static.ts";
import { sendError } from "./errors.ts";

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  // Every answer is exactly its declared type: a report or nickname is never sniffed as HTML.
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    next();
  });
  app.use(opsRoutes(deps));
  const api = express.Router();
  api.use(express.json({ limit: "16kb" }));
  api.use(scenarioRoutes(deps));
  api.use(classroomRoutes(deps));
  api.use(reportRoutes(deps));
  api.use(assignmentRoutes(deps));
  api.use(runTicketRoutes(deps));
  api.use(soloRunRoutes(deps));
  api.use(leaderboardRoutes(deps));
  api.use((_req, res) => sendError(res, 404, "not-found", "There is no such API route."));
  app.use("/api", api);
  const client = staticClient(deps.config.clientDir);
  if (client) app.use(client);
  // Body parser failures (bad JSON, too large) and anything unexpected: a JSON error, never a stack.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { status?: number; type?: string };
    if (e.type === "entity.too.large") return sendError(res, 413, "too-large", "The request body is too large.");
    if (e.type === "entity.parse.failed") return sendError(res, 400, "bad-json", "The request body is not valid JSON.");
    // Other client errors from express and its parsers (a malformed %-escape in the path,
    // an unsupported charset or content-encoding…) keep their 4xx status: they are not bugs.
    if (typeof e.status === "number" && e.status >= 400 && e.status < 500)
      return sendError(res, e.status, "bad-request", "The request is malformed.");
    deps.log.error({ err }, "request failed");
    sendError(res, 500, "internal", "Something went wrong on the server.");
  });
  return app;
}
