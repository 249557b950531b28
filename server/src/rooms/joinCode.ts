/**
 * Join codes: short enough to read off a projector and type on a phone. Drawn from the
 * operating system's cryptographic source, over letters that cannot be mistaken for one
 * another or for digits (no I/L/1, O/0/Q, S/5, B/8, Z/2, G/6, U/V).
 */
import { randomInt } from "node:crypto";

export const JOIN_CODE_ALPHABET = "ACDEFHJKMNPRTWXY";
export const JOIN_CODE_LENGTH = 6;

export function newJoinCode(): string {
  let s = "";
  for (let k = 0; k < JOIN_CODE_LENGTH; k++) s += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return s;
}

/** Upper-cases and strips spaces/dashes, so "acd-efh" finds "ACDEFH"; null if it cannot be a code. */
export function normaliseJoinCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 20) return null;
  const s = input.toUpperCase().replace(/[\s-]/g, "");
  if (s.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of s) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** A code not taken yet: `taken` says whether one is in use (live rooms, stored rounds). */
export async function uniqueJoinCode(taken: (code: string) => boolean | Promise<boolean>): Promise<string> {
  // 16^6 ≈ 16.7 M codes: a handful of tries is plenty even with thousands in use.
  for (let tries = 0; tries < 50; tries++) {
    const code = newJoinCode();
    if (!(await taken(code))) return code;
  }
  throw new Error("Could not find a free join code.");
}
