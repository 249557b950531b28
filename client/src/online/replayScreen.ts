/**
 * The instructor watches a student's round: the server's replay of that seat (host key)
 * is re-simulated in the page by the same engine, in the same play screen, read-only.
 */
import { decodeReplay, staleRules } from "@overcommit/shared";
import { h } from "../ui/dom.ts";
import type { Nav } from "../ui/nav.ts";
import { gameScreen, type Screen } from "../ui/playScreen.ts";
import { SoloGame } from "../solo/soloLoop.ts";
import { findScenario } from "../game/scenarios.ts";
import { savedHostKeys } from "./hostKeys.ts";

export function studentReplayScreen(nav: Nav, code: string, seat: string, mount: (s: Screen) => void): Screen {
  const root = h("main", { class: "screen narrow" }, h("p", {}, "Loading the replay…"));
  const fail = (text: string) =>
    root.replaceChildren(
      h("h1", {}, "No replay"),
      h("p", { class: "why" }, text),
      h("button", { onclick: () => nav.menu() }, "Menu"),
    );
  const keys = savedHostKeys(code);
  if (!keys) fail(`This browser does not host class ${code}.`);
  else
    void fetch(`/api/classrooms/${encodeURIComponent(code)}/students/${encodeURIComponent(seat)}/replay`, {
      headers: { authorization: `Bearer ${keys.hostKey}` },
    })
      .then(async (res) => {
        if (!res.ok) return fail(`The server said ${res.status}: ${(await res.text()).slice(0, 200)}`);
        const r = decodeReplay(new Uint8Array(await res.arrayBuffer()));
        if (!r.ok) return fail(r.message);
        // Recorded before the server's rules changed: re-simulated here it would not be the student's round.
        const stale = staleRules(r.value.rulesVersion);
        if (stale) return fail(stale);
        const sc = findScenario(r.value.scenarioId);
        if (!sc) return fail(`This page does not know the scenario "${r.value.scenarioId}".`);
        const game = new SoloGame({ scenario: sc, seed: r.value.seed, replay: r.value.log });
        mount(
          gameScreen(game, {
            coach: false,
            startHint: "A student's round, replayed: press Play; + speeds it up.",
            quit: () => history.back(),
            finished: () => "End of the replay.",
          }),
        );
      })
      .catch(() => fail("The server cannot be reached."));
  return { el: root, destroy() {} };
}
