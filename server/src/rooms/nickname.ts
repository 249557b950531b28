/**
 * Nickname rules: a nickname is the only thing a student tells the game about themselves.
 * Trimmed, inner whitespace collapsed, 1–20 characters, no control or invisible formatting
 * characters, no blocked word inside it (ignoring case, spaces and
 * the digits people swap for letters) and not a reserved name ("teacher"), unique in the room ignoring case.
 */
import { refuse, type Result } from "@overcommit/shared";

export const NICKNAME_MAX = 20;

/** Blocked anywhere inside a name; the operator adds more with BLOCKED_WORDS. */
export const DEFAULT_BLOCKED_WORDS: readonly string[] = ["fuck", "shit", "cunt", "nigger", "faggot", "hitler"];
/** Blocked as the whole name only (impersonation), so "Ghost" stays fine. */
export const RESERVED_NAMES: readonly string[] = ["admin", "host", "teacher", "instructor", "projector", "moderator", "server"];

const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };

function folded(s: string): string {
  return [...s.toLowerCase()].map((c) => LEET[c] ?? c).filter((c) => /\p{L}/u.test(c)).join("");
}

export function checkNickname(input: unknown, taken: readonly string[], blocked: readonly string[]): Result<string> {
  if (typeof input !== "string") return refuse("bad-field", "Choose a nickname.");
  if (input.length > 200) return refuse("bad-field", `A nickname has at most ${NICKNAME_MAX} characters.`);
  // Control characters (C0, C1) and invisible format characters (bidi overrides, zero-width).
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(input)) return refuse("bad-field", "A nickname cannot contain control or invisible characters.");
  const name = input.trim().replace(/\s+/g, " ");
  if (name.length === 0) return refuse("bad-field", "Choose a nickname.");
  if ([...name].length > NICKNAME_MAX) return refuse("bad-field", `A nickname has at most ${NICKNAME_MAX} characters.`);
  const f = folded(name);
  if (RESERVED_NAMES.includes(f) || blocked.some((w) => folded(w).length > 0 && f.includes(folded(w)))) return refuse("not-allowed", "That nickname is not allowed here; choose another.");
  const lower = name.toLowerCase();
  if (taken.some((t) => t.toLowerCase() === lower)) return refuse("not-allowed", "Someone in this room already has that nickname.");
  return { ok: true, value: name };
}
