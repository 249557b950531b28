/**
 * Nickname rules: a nickname is the only thing a student tells the game about themselves,
 * and everyone in the room (and the projector) sees it. The server applies these rules to
 * every join, rename and solo-run submission; the browser applies the same ones before
 * sending, so a refusal shows at once.
 *
 * Order matters: the text is put in Unicode NFKC form first (fullwidth "Ｔｅａｃｈｅｒ" becomes
 * "Teacher", a decomposed "José" the composed one), and every rule judges that form:
 * - no control, format, private-use or unassigned characters, and none that render as
 *   nothing or as a blank without being a space (zero-width and bidi characters, the
 *   Hangul fillers U+3164, U+115F, U+1160, U+FFA0, the Braille blank U+2800, variation
 *   selectors, tags: Unicode's default-ignorable code points);
 * - trimmed, inner whitespace collapsed to one space, 1–20 characters, at least one letter
 *   or digit, at most three combining marks on one character;
 * - reserved names, blocked words and uniqueness in the room compare a *folded* form (case
 *   folded, marks stripped, Cyrillic and Greek look-alikes read as the Latin letters they
 *   imitate), so "TEACHER", "Теасher" and "Téacher" are all the reserved "teacher", and
 *   "Jose" collides with "José".
 */
import { refuse, type Result } from "../model/result.ts";

export const NICKNAME_MAX = 20;

/** Blocked anywhere inside a name; the server's operator adds more (BLOCKED_WORDS). */
export const DEFAULT_BLOCKED_WORDS: readonly string[] = ["fuck", "shit", "cunt", "nigger", "faggot", "hitler"];
/** Blocked as the whole name only (impersonation), so "Ghost" stays fine. */
export const RESERVED_NAMES: readonly string[] = [
  "admin",
  "host",
  "teacher",
  "instructor",
  "projector",
  "moderator",
  "server",
];

/**
 * Characters that are not text a classmate can see: controls (Cc), format characters (Cf:
 * zero-width, bidi overrides, soft hyphen), private use (Co), unassigned (Cn), lone
 * surrogates (Cs), line and paragraph separators, every default-ignorable code point
 * (fillers, variation selectors, tags, invisible operators) and the blanks that are
 * neither: the Braille blank and the object replacement character.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800\uFFFC]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** More marks than any script puts on one letter: "Zalgo" text that spills over other lines. */
const MARK_PILE = /\p{M}{4,}/u;
const MARKS = /\p{M}+/gu;

/** Cyrillic, Greek and Latin letters that look like another Latin letter once lower-cased. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  е: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ј: "j",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ӏ: "l",
  ѵ: "v",
  α: "a",
  β: "b",
  ε: "e",
  η: "h",
  ι: "i",
  κ: "k",
  μ: "m",
  ν: "n",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "y",
  χ: "x",
  ζ: "z",
  ɑ: "a",
  ɡ: "g",
  ı: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  ħ: "h",
  ŧ: "t",
};
/** Digits and signs people swap for letters to slip a word past a filter. */
const LEET: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

/**
 * The form two nicknames are compared in: NFKC, case folded (upper then lower, so "ß" is
 * "ss" and a final sigma a sigma), marks stripped, look-alikes replaced, spaces collapsed.
 */
export function foldNickname(s: string): string {
  const folded = s.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFD").replace(MARKS, "");
  return [...folded]
    .map((c) => LOOK_ALIKES[c] ?? c)
    .join("")
    .trim()
    .replace(/\s+/g, " ");
}

/** The folded form with the swapped digits read as letters and everything else dropped. */
function lettersOf(s: string): string {
  return [...foldNickname(s)]
    .map((c) => LEET[c] ?? c)
    .filter((c) => /\p{L}/u.test(c))
    .join("");
}

/**
 * Checks a nickname against the rules above: the name to show (NFKC, trimmed, spaces
 * collapsed), or a refusal with a sentence. `taken` are the names already in the room.
 */
export function checkNickname(input: unknown, taken: readonly string[], blocked: readonly string[]): Result<string> {
  if (typeof input !== "string") return refuse("bad-field", "Choose a nickname.");
  if (input.length > 200) return refuse("bad-field", `A nickname has at most ${NICKNAME_MAX} characters.`);
  const normal = input.normalize("NFKC");
  if (INVISIBLE.test(normal))
    return refuse("bad-field", "A nickname cannot contain control, invisible or blank characters.");
  const name = normal.trim().replace(/\s+/g, " ");
  if (name.length === 0) return refuse("bad-field", "Choose a nickname.");
  if ([...name].length > NICKNAME_MAX) return refuse("bad-field", `A nickname has at most ${NICKNAME_MAX} characters.`);
  if (!LETTER_OR_DIGIT.test(name)) return refuse("bad-field", "A nickname needs at least one letter or digit.");
  if (MARK_PILE.test(name.normalize("NFD")))
    return refuse("bad-field", "Too many accents on one letter: a nickname must stay readable.");
  const letters = lettersOf(name);
  if (
    RESERVED_NAMES.includes(letters) ||
    blocked.some((w) => lettersOf(w).length > 0 && letters.includes(lettersOf(w)))
  )
    return refuse("not-allowed", "That nickname is not allowed here; choose another.");
  const mine = foldNickname(name);
  if (taken.some((t) => foldNickname(t) === mine))
    return refuse("not-allowed", "Someone in this room already has that nickname (or one that looks the same).");
  return { ok: true, value: name };
}
