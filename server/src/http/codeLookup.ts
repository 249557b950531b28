/**
 * Finding a classroom or assignment by the code in the path, for every route that does: an
 * answer that tells whether a code exists (404 against 200 or 403) is a guess, so misses are
 * counted per address and an address over the limit is refused (guessThrottle.ts).
 */
import type { Request, Response } from "express";
import type { ApiDeps } from "./deps.ts";
import { sendError } from "./errors.ts";
import { TOO_MANY_GUESSES, TOO_MANY_GUESSES_MESSAGE } from "../guessThrottle.ts";
import { normaliseJoinCode } from "../rooms/joinCode.ts";

/**
 * The record of `:code` (or of `raw`, a code from elsewhere in the request), or undefined
 * with the refusal (429 or 404) already sent.
 */
export function lookupCode<T extends { readonly code: string }>(
  deps: ApiDeps,
  req: Request,
  res: Response,
  find: (code: string) => T | undefined,
  notFound: { code: string; message: string },
  raw: unknown = req.params["code"],
): T | undefined {
  const code = normaliseJoinCode(raw);
  const address = req.socket.remoteAddress ?? "?";
  if (deps.guesses && !deps.guesses.allows(address, code)) {
    sendError(res, 429, TOO_MANY_GUESSES, TOO_MANY_GUESSES_MESSAGE);
    return undefined;
  }
  const found = code ? find(code) : undefined;
  if (!found) {
    deps.guesses?.miss(address);
    sendError(res, 404, notFound.code, notFound.message);
    return undefined;
  }
  deps.guesses?.hit(address, found.code);
  return found;
}
