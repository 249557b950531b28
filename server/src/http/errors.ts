/** Error responses: always JSON `{ code, message }` — a code to switch on, a sentence to show. */
import type { Response } from "express";

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ code, message });
}
