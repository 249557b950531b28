/** The glossary as a dialog (and as a screen from the menu), plus the VM vs container card. */
import { h } from "./dom.ts";
import { CONCEPTS, VM_VS_CONTAINER } from "../teach/glossary.ts";

export function glossaryContent(): HTMLElement {
  return h(
    "div",
    { class: "glossary" },
    h("h2", {}, "VMs vs containers"),
    comparisonCard(),
    h("h2", {}, "Glossary"),
    h(
      "dl",
      {},
      CONCEPTS.flatMap((c) => [
        h("dt", { id: `concept-${c.id}` }, c.term),
        h("dd", {}, c.long, c.inGame ? h("div", { class: "in-game" }, "In the game: ", c.inGame) : null),
      ]),
    ),
  );
}

export function comparisonCard(): HTMLElement {
  return h(
    "table",
    { class: "compare" },
    h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, "Virtual machines"), h("th", {}, "Containers"))),
    h(
      "tbody",
      {},
      VM_VS_CONTAINER.map((r) => h("tr", {}, h("th", {}, r.title), h("td", {}, r.vm), h("td", {}, r.container))),
    ),
  );
}

export function glossaryDialog(): HTMLDialogElement {
  return h(
    "dialog",
    { class: "dialog wide", "aria-label": "Glossary" },
    h("form", { method: "dialog", class: "dialog-close" }, h("button", { id: "dialog-close" }, "Close")),
    glossaryContent(),
  );
}
