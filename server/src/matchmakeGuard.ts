/**
 * The front of Colyseus matchmaking for classrooms. Every matchmaking request — colyseus.js
 * `join`, `joinOrCreate`, `create`, `joinById`, `reconnect`, all arriving as
 * POST /matchmake/<method>/<room> — is answered by `matchMaker.controller.invokeMethod`;
 * the guard replaces that function:
 *
 * - `join("classroom", options)` is answered here, not by Colyseus's own join (which would
 *   hand a request without a code a seat in any open classroom, and its code): the options
 *   must carry a join code, the listing of that code is found, and the room itself judges
 *   the join (`ClassroomRoom.admit`: the code, keys, seat token, nickname, lobby rules,
 *   bounded pending reservations) before reserving a seat. Missing, malformed and unknown
 *   codes are refused and count as guesses (guessThrottle.ts); an address in cool-down is
 *   refused before any lookup. No refusal carries a code or a room id.
 * - `create` and `joinOrCreate` of a classroom and every `joinById` are refused: rooms are
 *   created by the server alone (roomGrant.ts), and a room is joined by its code.
 * - `reconnect` (a dropped socket's token, checked by its room) goes to Colyseus.
 *
 * `guardMatchmakeRequests` also bounds the raw requests Colyseus answers itself: it takes
 * every URL that merely *contains* "/matchmake", buffers POST bodies without a limit and
 * never answers methods other than GET, POST and OPTIONS (the request hangs).
 *
 * The address is the socket's: like the HTTP API (`trust proxy` off), it does not believe
 * X-Forwarded-For / X-Real-IP, which any client can set to dodge the count.
 */
import type { IncomingMessage, RequestListener, Server as HttpServer, ServerResponse } from "node:http";
import { ErrorCode, generateId, matchMaker, ServerError, type IRoomCache } from "@colyseus/core";
import { CLASSROOM_ROOM, JOIN_ERRORS } from "@overcommit/shared";
import { addressKey, TOO_MANY_GUESSES_MESSAGE, type GuessThrottle } from "./guessThrottle.ts";
import { normaliseJoinCode } from "./rooms/joinCode.ts";
import { joinOptions, type Admission } from "./rooms/joining.ts";

type InvokeMethod = typeof matchMaker.controller.invokeMethod;

/** The original, kept once, so several servers started in one process do not stack guards. */
let original: InvokeMethod | null = null;

const NO_CREATE = "Classrooms are opened by the instructor from the website (Host a class); join one with its code.";
const NO_CODE = "Join a class with its code: the six letters your instructor shows.";
/** Colyseus's own answer for a code no live room has (the web client retries it after a restart). */
const NO_ROOM = "no rooms found with provided criteria";

export function guardMatchmaking(throttle: GuessThrottle): () => void {
  const controller = matchMaker.controller;
  const inner = (original ??= controller.invokeMethod);
  const guarded: InvokeMethod = async function (
    this: typeof controller,
    method,
    roomName,
    clientOptions = {},
    authOptions,
  ) {
    const req = (authOptions as { req?: IncomingMessage } | undefined)?.req;
    const address = req?.socket.remoteAddress ?? "?";
    if (method === "joinById") throw new ServerError(JOIN_ERRORS["bad-options"], NO_CODE);
    if (roomName === CLASSROOM_ROOM) {
      if (method === "join") return joinClassroom(clientOptions, address, throttle);
      if (method === "create" || method === "joinOrCreate")
        throw new ServerError(JOIN_ERRORS["bad-options"], NO_CREATE);
    }
    const out = await inner.call(this, method, roomName, clientOptions, authOptions);
    // A reconnection's answer names its room: only what colyseus.js needs to connect.
    return method === "reconnect" && out && typeof out === "object" && "room" in out
      ? { ...out, room: seatListing(out.room as IRoomCache) }
      : out;
  };
  controller.invokeMethod = guarded;
  return () => {
    if (controller.invokeMethod === guarded) controller.invokeMethod = inner;
  };
}

/** A classroom join: the code's room, then that room's verdict, then a seat (see above). */
async function joinClassroom(
  options: unknown,
  address: string,
  throttle: GuessThrottle,
): Promise<{ room: Record<string, unknown>; sessionId: string }> {
  const o =
    typeof options === "object" && options !== null && !Array.isArray(options)
      ? (options as Record<string, unknown>)
      : {};
  const code = normaliseJoinCode(o["code"]);
  if (!throttle.allows(address, code)) throw new ServerError(JOIN_ERRORS["too-many-guesses"], TOO_MANY_GUESSES_MESSAGE);
  if (!code) {
    throttle.miss(address);
    throw new ServerError(JOIN_ERRORS["bad-options"], NO_CODE);
  }
  const [listing] = await matchMaker.query({ name: CLASSROOM_ROOM, code });
  if (!listing) {
    throttle.miss(address);
    throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, NO_ROOM);
  }
  // The code exists, whatever the room says next (a wrong key, a taken nickname): a hit.
  throttle.hit(address, code);
  const sessionId = generateId();
  let verdict: Admission;
  try {
    verdict = await matchMaker.remoteRoomCall(listing.roomId, "admit", [
      sessionId,
      { ...joinOptions(o), code },
      addressKey(address),
    ]);
  } catch {
    // Colyseus's own timeout message names the room and repeats the options (keys too).
    throw new ServerError(JOIN_ERRORS["busy"], "The class did not answer in time: try again in a few seconds.");
  }
  if (!verdict?.ok)
    throw new ServerError(verdict?.code ?? JOIN_ERRORS["busy"], verdict?.message ?? "Could not join the class.");
  return { room: seatListing(listing), sessionId };
}

/** The part of a room's listing colyseus.js needs to open the WebSocket to its seat. */
function seatListing(l: IRoomCache): Record<string, unknown> {
  return {
    name: l.name,
    roomId: l.roomId,
    processId: l.processId,
    ...(l.publicAddress ? { publicAddress: l.publicAddress } : {}),
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
      if (req.method !== "POST" && req.method !== "GET" && req.method !== "OPTIONS")
        return refuse(res, 405, "bad-method", "Matchmaking takes POST requests.");
      if (Number(req.headers["content-length"] ?? 0) > MAX_MATCHMAKE_BODY)
        return refuse(res, 413, "too-large", "The request body is too large.");
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
