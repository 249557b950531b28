/**
 * Secrets handed to people (host keys, projector keys, seat tokens) come from the
 * operating system's cryptographic source; only their SHA-256 is stored or compared.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** What `newSecret` makes: a presented secret of another form is refused before any lookup. */
export const SECRET_FORMAT = /^[A-Za-z0-9_-]{24}$/;

/** A URL-safe secret with 144 bits of entropy. */
export function newSecret(): string {
  return randomBytes(18).toString("base64url");
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Constant-time check of a presented key against a stored hash. */
export function keyMatches(presented: unknown, storedHash: string): boolean {
  if (typeof presented !== "string" || presented.length === 0 || presented.length > 200) return false;
  const a = Buffer.from(hashKey(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
