/** The join form (code + nickname); it leads to #/class/CODE, where the student screen joins. */
import { checkNickname, DEFAULT_BLOCKED_WORDS } from "@overcommit/shared";
import { h } from "../ui/dom.ts";
import type { Nav } from "../ui/nav.ts";

export function joinScreen(nav: Nav, code = ""): HTMLElement {
  const codeIn = h("input", { id: "join-code", autocomplete: "off", maxlength: 8, value: code, required: true });
  const nick = h("input", { id: "join-nick", maxlength: 20, value: localStorage.getItem("overcommit.nickname") ?? "", required: true });
  const msg = h("p", { class: "why", role: "alert" });
  const form = h(
    "form",
    {
      class: "card form",
      onsubmit: (e: Event) => {
        e.preventDefault();
        // The server's own rule, so a refusal shows before anything is sent.
        const checked = checkNickname(nick.value, [], DEFAULT_BLOCKED_WORDS);
        if (!checked.ok) {
          msg.textContent = checked.message;
          return nick.focus();
        }
        msg.textContent = "";
        localStorage.setItem("overcommit.nickname", nick.value.trim());
        location.hash = `#/class/${encodeURIComponent(codeIn.value.trim().toUpperCase())}?nick=${encodeURIComponent(nick.value.trim())}`;
      },
    },
    h("label", {}, "Class code", codeIn),
    h("label", {}, "Nickname (what the class sees)", nick),
    h("button", { type: "submit", id: "join-go", class: "primary" }, "Join"),
    msg,
  );
  queueMicrotask(() => (code ? nick : codeIn).focus());
  return h("main", { class: "screen narrow" }, h("h1", {}, "Join a class"), form, h("button", { class: "back", id: "back", onclick: () => nav.menu() }, "← Menu"));
}

