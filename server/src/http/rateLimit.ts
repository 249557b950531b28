/**
 * A per-address rate limit for the HTTP routes that cost the server work (creating rooms,
 * re-simulating replays): over it, 429 with code "rate-limited". Classes share one address
 * behind a school's NAT, so the limits are generous; they stop scripts, not classes.
 */
import type { NextFunction, Request, Response } from "express";
import { RateLimiter, type RateLimitOptions } from "../rooms/rateLimit.ts";
import { sendError } from "./errors.ts";

const MAX_TRACKED = 10_000;

export function rateLimit(o: RateLimitOptions): (req: Request, res: Response, next: NextFunction) => void {
  const byAddress = new Map<string, RateLimiter>();
  return (req, res, next) => {
    const key = req.socket.remoteAddress ?? "?";
    let l = byAddress.get(key);
    if (!l) {
      if (byAddress.size >= MAX_TRACKED) byAddress.clear();
      l = new RateLimiter(o, Date.now());
      byAddress.set(key, l);
    }
    if (l.take(Date.now()) !== "ok")
      return sendError(res, 429, "rate-limited", "Too many requests from this address: wait a little.");
    next();
  };
}
