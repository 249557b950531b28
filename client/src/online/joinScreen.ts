/**
 * The join form: the class code and a nickname. The class link and QR code (`#/class/CODE`)
 * open it with the code filled in and the nickname this browser used last, so a student
 * only checks the name and presses Join; a refused join comes back here with the reason
 * and what to do next. Joining leads to `#/class/CODE?nick=NAME`, where the student screen
 * connects.
 */
import { checkNickname, DEFAULT_BLOCKED_WORDS } from "@overcommit/shared";
import { h } from "../ui/dom.ts";
import type { Nav } from "../ui/nav.ts";
import "./classroom.css";

const NICK_KEY = "overcommit.nickname";

export function joinScreen(nav: Nav, code = "", error = ""): HTMLElement {
  const given = code.trim().toUpperCase();
  const codeIn = h("input", {
    id: "join-code",
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: false,
    maxlength: 8,
    value: given,
    required: true,
    inputmode: "text",
    "aria-describedby": "join-code-help",
  });
  const nick = h("input", {
    id: "join-nick",
    maxlength: 20,
    value: localStorage.getItem(NICK_KEY) ?? "",
    required: true,
    autocomplete: "nickname",
    "aria-describedby": "join-msg",
  });
  const msg = h("p", { class: "why join-msg", id: "join-msg", role: "alert" }, error);
  codeIn.addEventListener("input", () => {
    // Typed in lower case or with spaces from the projector: keep what a code can hold.
    const clean = codeIn.value.toUpperCase().replace(/[\s-]+/g, "");
    if (clean !== codeIn.value) codeIn.value = clean;
  });
  const form = h(
    "form",
    {
      class: "card form join-form",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const c = codeIn.value.trim().toUpperCase();
        // The server's own rule, so a refusal shows before anything is sent.
        const checked = checkNickname(nick.value, [], DEFAULT_BLOCKED_WORDS);
        if (!c) {
          msg.textContent = "Enter the class code shown on the projector: six letters.";
          return codeIn.focus();
        }
        if (!checked.ok) {
          msg.textContent = checked.message;
          return nick.focus();
        }
        const n = checked.value;
        localStorage.setItem(NICK_KEY, n);
        const target = `#/class/${encodeURIComponent(c)}?nick=${encodeURIComponent(n)}`;
        // The same link again (after a refusal) does not change the hash: route it by hand.
        if (location.hash === target) window.dispatchEvent(new HashChangeEvent("hashchange"));
        else location.hash = target;
      },
    },
    given
      ? h(
          "div",
          { class: "join-given" },
          h("span", { class: "dim" }, "Class code"),
          h("span", { class: "join-code-big", id: "join-code-shown" }, given),
          h("details", {}, h("summary", {}, "Not this class? Change the code"), h("label", {}, "Class code", codeIn)),
        )
      : h(
          "label",
          {},
          "Class code",
          codeIn,
          h("span", { class: "dim", id: "join-code-help" }, "Six letters, on the projector."),
        ),
    h("label", {}, "Your nickname (what the class sees)", nick),
    msg,
    h("button", { type: "submit", id: "join-go", class: "primary big-button" }, "Join"),
  );
  queueMicrotask(() => (given ? nick : codeIn).focus());
  return h(
    "main",
    { class: "screen narrow class-screen" },
    h("h1", {}, "Join a class"),
    form,
    h("button", { class: "back", id: "back", onclick: () => nav.menu() }, "← Menu"),
  );
}
