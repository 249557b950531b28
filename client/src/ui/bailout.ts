/**
 * How a bail-out reads wherever it shows (top bar, leaderboards, the host's desk, the
 * debrief): one short mark and one sentence, so a student meets the same words everywhere.
 */
import { fmtMoney, h } from "./dom.ts";

/** "bailed out ×2" (lower case: it follows a name or a figure). */
export function bailoutMark(bailouts: number): string {
  return `bailed out ×${bailouts}`;
}

/** What the bail-outs did, for a tooltip or a debrief line. */
export function bailoutSentence(bailouts: number, debt: number): string {
  const times = bailouts === 1 ? "once" : `${bailouts} times`;
  return `Bankrupt ${times}: the bank topped your money back up so you could play on. Its loans and fees, ${fmtMoney(debt)}, come off your score.`;
}

/**
 * The red mark beside a name or a figure; nothing for a cluster never bailed out. Its words
 * are apart from the count, so that a narrow board can show "×2" alone and keep the name.
 */
export function bailoutTag(bailouts: number, title?: string): HTMLElement | "" {
  return bailouts > 0 ? h("span", { class: "tag-bailout", title }, ...bailoutMarkParts(bailouts)) : "";
}

/** bailoutMark as its words (class "tag-words", for a narrow screen to hide) and its count. */
export function bailoutMarkParts(bailouts: number): [HTMLElement, string] {
  return [h("span", { class: "tag-words" }, "bailed out "), `×${bailouts}`];
}
