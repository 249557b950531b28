/**
 * Builds and starts the whole server on one port: the HTTP API and the built client
 * (express), the Colyseus endpoint (WebSocket transport on the same HTTP server) and the
 * storage. `startServer` is what `npm start` and the tests call; it resolves once the port
 * is listening and returns how to stop it again.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, matchMaker, type Presence } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { Encoder } from "@colyseus/schema";
import type { Config } from "./config.ts";
import { createLogger, type Logger } from "./log.ts";
import { Metrics } from "./metrics.ts";
import { sharedCatalog, type ScenarioCatalog } from "./scenarios.ts";
import { openStorage, type Storage } from "./storage/index.ts";
import { startCheckpointer } from "./storage/checkpointer.ts";
import { setRoomContext } from "./rooms/context.ts";
import { ClassroomRoom } from "./rooms/classroomRoom.ts";
import { CLASSROOM_ROOM, DEFAULT_BLOCKED_WORDS } from "@overcommit/shared";
import { createApp } from "./http/app.ts";
import { releaseRooms, restoreClassrooms, type RestoreReport } from "./lifecycle.ts";
import { GuessThrottle } from "./guessThrottle.ts";
import { classUrls } from "./classAddress.ts";
import { guardMatchmakeRequests, guardMatchmaking } from "./matchmakeGuard.ts";

/** Largest WebSocket message a client may send: commands are tiny; replays go over HTTP. */
export const MAX_WS_PAYLOAD = 4 * 1024;

export interface RunningServer {
  readonly port: number;
  readonly http: HttpServer;
  readonly gameServer: Server;
  readonly storage: Storage;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** Tells clients the server restarts, closes sockets and the database; live rounds stay journaled. */
  close(): Promise<void>;
  /** The live classrooms brought back at start-up. */
  readonly restored: RestoreReport;
}

export interface StartOptions {
  readonly logger?: Logger;
  readonly scenarios?: ScenarioCatalog;
  /** Register SIGINT/SIGTERM handlers that shut down gracefully (the CLI entry does). */
  readonly handleSignals?: boolean;
}

async function scaleOut(config: Config): Promise<{ presence?: Presence; driver?: matchMaker.MatchMakerDriver }> {
  if (!config.redisUrl) return {};
  // Many processes share rooms through Redis; without REDIS_URL everything stays in-process.
  const { RedisPresence } = await import("@colyseus/redis-presence");
  const { RedisDriver } = await import("@colyseus/redis-driver");
  return { presence: new RedisPresence(config.redisUrl), driver: new RedisDriver(config.redisUrl) };
}

/**
 * Colyseus encodes every client's view of a patch one after another into the room's one
 * shared buffer (8 KB by default). When that overflows, schema 3.0 grows the buffer but
 * encodeView keeps writing from the old one, and clients receive patches they cannot
 * decode ("refId not found"; seen at 30+ students). A buffer that never overflows avoids
 * that path: 150 seats × a full cluster each fits. Pages are only touched when used.
 */
const ENCODER_BUFFER_BYTES = 4 * 1024 * 1024;

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  if (Encoder.BUFFER_SIZE < ENCODER_BUFFER_BYTES) Encoder.BUFFER_SIZE = ENCODER_BUFFER_BYTES;
  const log = opts.logger ?? createLogger(config.logLevel);
  const storage = openStorage(config.dataDir);
  const checkpoints = startCheckpointer(storage.db, (err) =>
    log.warn({ err }, "the checkpoint worker stopped; the database checkpoints on its own again"),
  );
  const metrics = new Metrics();
  metrics.watchEventLoop();
  const scenarios = opts.scenarios ?? sharedCatalog;
  // With several processes on one DATA_DIR, each restores only the rooms it ran.
  const owner = config.redisUrl ? config.publicAddress || `${config.host}:${config.port}` : "";
  let classUrl = "";
  setRoomContext({
    config,
    storage,
    log: log.child({ part: "room" }),
    metrics,
    scenarios,
    blockedWords: [...DEFAULT_BLOCKED_WORDS, ...config.blockedWords],
    owner,
    classUrl: () => classUrl,
  });

  // One throttle for every path that reveals whether a join code exists (HTTP and matchmaking).
  const guesses = new GuessThrottle();
  const app = createApp({ config, storage, metrics, scenarios, log: log.child({ part: "http" }), guesses });
  let closing: Promise<void> | null = null;
  // Shutting down, no new classroom is taken: its room could not be journaled to the end.
  const http = createServer((req, res) => {
    if (closing && req.method === "POST" && req.url?.startsWith("/api/classrooms")) {
      res
        .writeHead(503, { "content-type": "application/json" })
        .end(JSON.stringify({ code: "shutting-down", message: "The server is restarting: try again in a moment." }));
      return;
    }
    app(req, res);
  });
  const transport = new WebSocketTransport({ server: http, maxPayload: MAX_WS_PAYLOAD });
  const gameServer = new Server({
    transport,
    ...(await scaleOut(config)),
    ...(config.publicAddress ? { publicAddress: config.publicAddress } : {}),
    gracefullyShutdown: false,
    greet: false,
    logger: log.child({ part: "colyseus" }),
  });
  gameServer.define(CLASSROOM_ROOM, ClassroomRoom).filterBy(["code"]);
  guardMatchmakeRequests(http, app);
  const unguard = guardMatchmaking(guesses);
  await gameServer.listen(config.port, config.host);
  const port = (http.address() as AddressInfo).port;
  classUrl = classUrls(config, port)[0] ?? "";
  const restored = await restoreClassrooms(storage, owner, log);

  // Rounds under way are not ended: they are journaled and come back when the server does.
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await releaseRooms();
      await gameServer.gracefullyShutdown(false);
      unguard();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await checkpoints.stop();
      storage.close();
      metrics.stop();
      setRoomContext(null);
    })());

  if (opts.handleSignals) {
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      process.once(sig, () => {
        log.info({ signal: sig }, "shutting down");
        void close().then(() => process.exit(0));
      });
    }
  }
  return { port, http, gameServer, storage, metrics, log, close, restored };
}
