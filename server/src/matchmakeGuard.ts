/**
 * Puts the join-code guessing throttle in front of Colyseus matchmaking. A client's
 * `join("classroom", { code })` arrives as POST /matchmake/join/classroom and is answered by
 * `matchMaker.controller.invokeMethod`, before any room code runs (a wrong code never
 * reaches a room), so the guard wraps that function: it refuses lookups from an address in
 * cool-down and reports every classroom lookup's outcome to the throttle.
 *
 * `guardMatchmakeRequests` also bounds the raw requests Colyseus answers itself: it takes
 * every URL that merely *contains* "/matchmake", buffers POST bodies without a limit and
 * never answers methods other than GET, POST and OPTIONS (the request hangs).
 *
 * The address is the socket's: like the HTTP API (`trust proxy` off), it does not believe
 * X-Forwarded-For / X-Real-IP, which any client can set to dodge the count.
 */
import type { IncomingMessage, RequestListener, Server as HttpServer, ServerResponse } from "node:http";
import { matchMaker, ServerError } from "@colyseus/core";
import { CLASSROOM_ROOM, JOIN_ERRORS } from "@overcommit/shared";
import { TOO_MANY_GUESSES_MESSAGE, type GuessThrottle } from "./guessThrottle.ts";

type InvokeMethod = typeof matchMaker.controller.invokeMethod;

/** The original, kept once, so several servers started in one process do not stack guards. */
let original: InvokeMethod | null = null;

/** Methods that find a room by its filter options, i.e. by join code. */
const LOOKUPS = new Set(["join", "joinOrCreate"]);

export function guardMatchmaking(throttle: GuessThrottle): () => void {
  const controller = matchMaker.controller;
  const inner = (original ??= controller.invokeMethod);
  const guarded: InvokeMethod = async function (this: typeof controller, method, roomName, clientOptions = {}, authOptions) {
    if (roomName !== CLASSROOM_ROOM || !LOOKUPS.has(method)) return inner.call(this, method, roomName, clientOptions, authOptions);
    const req = (authOptions as { req?: IncomingMessage } | undefined)?.req;
    const address = req?.socket.remoteAddress ?? "?";
    const code: unknown = (clientOptions as Record<string, unknown> | null)?.["code"];
    if (!throttle.allows(address, code)) throw new ServerError(JOIN_ERRORS["too-many-guesses"], TOO_MANY_GUESSES_MESSAGE);
    try {
      const out = await inner.call(this, method, roomName, clientOptions, authOptions);
      if (typeof code === "string") throttle.hit(address, code);
      return out;
    } catch (err) {
      // Refused for another reason (wrong key, nickname…) the code exists: that is a hit.
      const exists = typeof code === "string" && code.length <= 20 && (await matchMaker.query({ name: CLASSROOM_ROOM, code })).length > 0;
      if (exists) throttle.hit(address, code);
      else throttle.miss(address);
      throw err;
    }
  };
  controller.invokeMethod = guarded;
  return () => {
    if (controller.invokeMethod === guarded) controller.invokeMethod = inner;
  };
}

/** Matchmaking bodies are join options: a few hundred bytes. */
export const MAX_MATCHMAKE_BODY = 16 * 1024;

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  // Colyseus's own matchmaking errors carry `error`; the API's carry `message`: send both.
  res.writeHead(status, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify({ code, error: message, message }));
}

/**
 * Runs in front of Colyseus's request listener (installed when the Server was built on
 * `http`): /api URLs always go to the API, and matchmaking requests with another method or
 * a body over MAX_MATCHMAKE_BODY are refused before Colyseus sees them.
 */
export function guardMatchmakeRequests(http: HttpServer, api: RequestListener): void {
  const inner = http.listeners("request").slice(0) as RequestListener[];
  http.removeAllListeners("request");
  http.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "";
    if (url.includes("/matchmake")) {
      if (url.startsWith("/api/")) return void api(req, res);
      if (req.method !== "POST" && req.method !== "GET" && req.method !== "OPTIONS") return refuse(res, 405, "bad-method", "Matchmaking takes POST requests.");
      if (Number(req.headers["content-length"] ?? 0) > MAX_MATCHMAKE_BODY) return refuse(res, 413, "too-large", "The request body is too large.");
      let size = 0;
      // A chunked body has no length up front: count it and drop the connection past the limit.
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_MATCHMAKE_BODY) req.destroy();
      });
    }
    for (const l of inner) l.call(http, req, res);
  });
}
