// Nicknames: normalised before every rule; blank, invisible and look-alike names refused;
// reserved names, blocked words and uniqueness compared in the folded form.
import { describe, expect, it } from "vitest";
import { checkNickname, foldNickname, NICKNAME_MAX } from "../src/index.ts";

const check = (s: unknown, taken: string[] = []) => checkNickname(s, taken, ["badword", "fuck"]);

describe("nicknames", () => {
  it.each([
    ["  Ada   Lovelace ", "Ada Lovelace"],
    ["Zoë", "Zoë"],
    ["Ghost", "Ghost"],
    ["Nguyễn Thị", "Nguyễn Thị"],
    ["Σωκράτης", "Σωκράτης"],
    ["李小龍", "李小龍"],
    ["Ada🙂", "Ada🙂"],
    // Shown in NFKC: fullwidth letters and a decomposed accent become the ordinary ones.
    ["Ｍａｒｙ", "Mary"],
    ["Jose\u0301", "José"],
    ["Ada\u3000B", "Ada B"],
  ])("accepts %j as %j", (input, out) => expect(check(input)).toEqual({ ok: true, value: out }));

  it.each([
    ["", "bad-field"],
    ["   ", "bad-field"],
    ["x".repeat(NICKNAME_MAX + 1), "bad-field"],
    ["ｘ".repeat(NICKNAME_MAX + 1), "bad-field"],
    [42, "bad-field"],
    [null, "bad-field"],
    ["bell\u0007", "bad-field"],
    ["rtl\u202Eevil", "bad-field"],
    ["zero\u200Bwidth", "bad-field"],
    ["soft\u00ADhyphen", "bad-field"],
    ["line\u2028break", "bad-field"],
    ["private\uE000use", "bad-field"],
    ["lone\uD800surrogate", "bad-field"],
    ["vs\uFE0F16", "bad-field"],
    ["tag\u{E0041}", "bad-field"],
    // Names that render blank: Hangul fillers, the Braille blank, and nothing but them.
    ["\u3164", "bad-field"],
    ["\u3164\u3164\u3164", "bad-field"],
    ["Ada\u3164", "bad-field"],
    ["\u115F\u1160", "bad-field"],
    ["\uFFA0", "bad-field"],
    ["\u2800\u2800", "bad-field"],
    ["\u034F", "bad-field"],
    ["\u180E", "bad-field"],
    ["\u2060", "bad-field"],
    // No letter or digit to read, or marks piled up past reading.
    ["...", "bad-field"],
    ["\u0301\u0301", "bad-field"],
    ["Z\u0301\u0302\u0303\u0304algo", "bad-field"],
    // Reserved names and blocked words, however they are written.
    ["Teacher", "not-allowed"],
    ["TEACHER", "not-allowed"],
    ["Ｔｅａｃｈｅｒ", "not-allowed"],
    ["Téacher", "not-allowed"],
    ["Te\u0301acher", "not-allowed"],
    ["\u0422\u0435\u0430\u0441her", "not-allowed"],
    ["T3acher", "not-allowed"],
    ["ＡＤＭＩＮ", "not-allowed"],
    ["b4dw0rd", "not-allowed"],
    ["MyBadWordName", "not-allowed"],
    ["ｆｕｃｋ", "not-allowed"],
    ["fúck", "not-allowed"],
    ["ＦＵＣＫ ｙｏｕ", "not-allowed"],
  ])("refuses %j", (input, code) => expect(check(input)).toMatchObject({ ok: false, code }));

  it("every refusal carries a sentence", () => {
    const r = check("\u3164");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/blank|invisible/);
  });

  it("must be unique in the room, compared in the folded form", () => {
    expect(check("ada", ["Ada"])).toMatchObject({ ok: false, code: "not-allowed" });
    // Decomposed beside composed, fullwidth beside ordinary, accented beside plain, Cyrillic beside Latin.
    expect(check("Jose\u0301", ["José"])).toMatchObject({ ok: false, code: "not-allowed" });
    expect(check("José", ["Jose\u0301"])).toMatchObject({ ok: false, code: "not-allowed" });
    expect(check("Ｊｏｓｅ", ["José"])).toMatchObject({ ok: false, code: "not-allowed" });
    expect(check("Jose", ["José"])).toMatchObject({ ok: false, code: "not-allowed" });
    expect(check("\u0410da", ["Ada"])).toMatchObject({ ok: false, code: "not-allowed" });
    expect(check("STRASSE", ["Straße"])).toMatchObject({ ok: false, code: "not-allowed" });
    expect(check("Ada  Lovelace", ["ada lovelace"])).toMatchObject({ ok: false, code: "not-allowed" });
    // Different names stay different.
    expect(check("Adam", ["Ada"])).toMatchObject({ ok: true });
    expect(check("Ada 2", ["Ada"])).toMatchObject({ ok: true });
  });

  it("folds case, width, marks and look-alikes", () => {
    expect(foldNickname("Ｔｅ\u0301ACHER")).toBe("teacher");
    expect(foldNickname("\u0422\u0435\u0430\u0441her")).toBe("teacher");
    expect(foldNickname("  Straße  ")).toBe("strasse");
  });
});
