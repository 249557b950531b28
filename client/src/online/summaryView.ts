/**
 * The class summary by concept (the server's `summary` message): what the class handled
 * well, what it handled badly, and what would have helped. The instructor's desk and the
 * students' end screen group the concepts under their verdict; the projector shows them as
 * cards, each with its verdict, so six fit on one screen.
 */
import { h } from "../ui/dom.ts";
import type { ClassSummary, ConceptVerdict } from "@overcommit/shared";

const HEADINGS: Readonly<Record<ConceptVerdict["verdict"], string>> = {
  well: "Handled well",
  mixed: "Handled in part",
  badly: "Handled badly",
};
const ORDER = ["well", "mixed", "badly"] as const;

function conceptCard(c: ConceptVerdict, withVerdict: boolean): HTMLElement {
  return h(
    "li",
    { class: `concept ${c.verdict}` },
    withVerdict ? h("span", { class: "concept-verdict" }, HEADINGS[c.verdict]) : null,
    h("p", { class: "concept-term" }, c.term),
    h("p", { class: "concept-text" }, c.text),
    c.tip ? h("p", { class: "concept-tip" }, `Next time: ${c.tip}`) : null,
  );
}

export function summaryView(sum: ClassSummary | null, opts: { big?: boolean; limit?: number } = {}): HTMLElement {
  const root = h("section", {
    class: `summary${opts.big ? " big" : ""}`,
    id: "class-summary",
    "aria-label": "Class summary",
  });
  if (!sum) return root;
  if (sum.concepts.length === 0) {
    root.append(h("p", {}, "No incidents at all this round: nothing to sum up by concept."));
    return root;
  }
  const concepts = sum.concepts.slice(0, opts.limit ?? 12);
  if (opts.big) {
    const sorted = [...concepts].sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict));
    root.append(
      h(
        "ul",
        { class: "concept-cards" },
        sorted.map((c) => conceptCard(c, true)),
      ),
    );
    return root;
  }
  for (const verdict of ORDER) {
    const list = concepts.filter((c) => c.verdict === verdict);
    if (list.length === 0) continue;
    root.append(
      h(
        "div",
        { class: `verdict-group ${verdict}` },
        h("h3", {}, HEADINGS[verdict]),
        h(
          "ul",
          {},
          list.map((c) => conceptCard(c, false)),
        ),
      ),
    );
  }
  return root;
}
