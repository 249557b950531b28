/**
 * A new player, in a real browser: opens the page, starts campaign level 1, places VMs by
 * dragging them with the mouse onto nodes (reading the green/red hint before dropping),
 * speeds the clock up and finishes the level with at least one star.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useSoloSite } from "./soloSite.ts";
import { nodeBox, waitForDatacenter } from "./helpers.ts";
import { pack, unpack } from "msgpackr";
import {
  BOTS,
  decodeReplay,
  encodeReplay,
  getScenario,
  replayWorld,
  RULES_VERSION,
  runMatch,
  stateHash,
  type Scenario,
} from "@overcommit/shared";

const site = useSoloSite();

async function nodeIds(page: Page): Promise<number[]> {
  const ids = await page
    .locator(".node-btn")
    .evaluateAll((els) => els.map((e) => Number(e.id.replace("node-btn-", ""))));
  return ids;
}

/** Drags a chip over a node and drops it only if the hint says it fits; returns whether it did. */
async function tryDrop(page: Page, chip: string, node: number): Promise<boolean> {
  const from = await page.locator(chip).boundingBox();
  const to = await nodeBox(page, node);
  if (!from) return false;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.w / 2, to.y + Math.min(to.h / 2, 50), { steps: 8 });
  const tip = (await page.locator(".drop-tip").textContent()) ?? "";
  if (tip.startsWith("✓")) {
    await page.mouse.up();
    return true;
  }
  // Refused: carry it back and let go over the panel, where nothing happens.
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2, { steps: 4 });
  await page.mouse.up();
  return false;
}

describe("solo campaign in the browser", () => {
  it("level 1: place VMs by dragging, finish with at least one star", async () => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(site.url);
    await page.click("#menu-campaign");
    await page.click("#level-1");
    await page.click("#briefing-start");
    await waitForDatacenter(page);

    if ((await nodeIds(page)).length === 0) {
      await page.click("#tabbtn-build");
      await page.click("#buy-node");
      await page.click("#buy-node");
      await page.click("#speed-16");
      await page.click("#hud-pause");
      await page.waitForFunction(
        () => [...document.querySelectorAll(".node-btn")].some((b) => b.textContent?.includes("ready")),
        undefined,
        { timeout: 30000 },
      );
      await page.click("#hud-pause");
      await page.click("#tabbtn-inspect");
    }

    // Nodes still provisioning cannot take work yet: let the clock run until they are ready.
    if (await page.locator(".node-btn", { hasText: "provisioning" }).count()) {
      await page.click("#speed-16");
      await page.click("#hud-pause");
      await page.waitForFunction(
        () => ![...document.querySelectorAll(".node-btn")].some((b) => b.textContent?.includes("provisioning")),
        undefined,
        { timeout: 30000 },
      );
      await page.click("#hud-pause");
    }

    const chips = await page
      .locator(".chip-vm:not([aria-disabled='true'])")
      .evaluateAll((els) => els.map((e) => `#${e.id}`));
    expect(chips.length).toBeGreaterThan(0);
    // Instances cost nothing beyond their nodes: fill the nodes, taking turns between services.
    let placed = 0;
    const full = new Set<string>();
    for (let round = 0; round < 12 && full.size < chips.length; round++) {
      for (const chip of chips) {
        if (full.has(chip)) continue;
        let ok = false;
        for (const id of await nodeIds(page)) {
          if (await tryDrop(page, chip, id)) {
            ok = true;
            placed++;
            break;
          }
        }
        if (!ok) full.add(chip);
      }
    }
    expect(placed).toBeGreaterThan(0);
    await expect.poll(() => page.locator(".inst-list li, .svc-count").count()).toBeGreaterThan(0);

    // The scenario as the page has it (plain data), to re-simulate the run in Node below.
    const scenario = await page.evaluate(
      () =>
        (window as unknown as { __overcommit: { game: { scenario: unknown } } }).__overcommit.game.scenario as Scenario,
    );
    await page.click("#speed-128");
    await page.click("#hud-pause");
    await page.waitForSelector("#debrief", { timeout: 120000 });
    const stars = Number(await page.getAttribute("#debrief-stars", "data-stars"));
    expect(stars).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);

    // The run was kept locally as a replay; re-simulated here in Node, it must reach the
    // state hash the browser reached (the same engine, commands applied at the same ticks).
    const stored = await page.evaluate(() => localStorage.getItem("overcommit.progress.v1"));
    const runs = JSON.parse(stored ?? "{}") as Record<string, { replay: string }>;
    const run = runs[scenario.id]!;
    const decoded = decodeReplay(new Uint8Array(Buffer.from(run.replay, "base64")));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.value.log.length).toBeGreaterThan(0);
    const world = replayWorld(scenario, decoded.value);
    if (!world.ok) throw new Error(world.message);
    expect(stateHash(world.value)).toBe(decoded.value.hash);
  }, 180000);

  it("level 1 by keyboard alone: menus, placing with 1 / ] / D, speed with +, the debrief", async () => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(site.url);
    await page.focus("#menu-campaign");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#level-1");
    await page.focus("#level-1");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#briefing-start:focus");
    await page.keyboard.press("Enter");
    await waitForDatacenter(page);
    // Shortcuts act when no form field has the focus (the Start button is gone with the briefing).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const nodes = await page.locator(".node-btn").count();
    const before = await page.locator(".inst-list li").count();
    expect(nodes).toBeGreaterThan(0);
    // Arm the first service that can run as a VM (1…9), select a node with ], place with D.
    const vmIndex = await page
      .locator(".svc")
      .evaluateAll((cards) => cards.findIndex((c) => c.querySelector(".chip-vm[aria-disabled='false']")));
    await page.keyboard.press(String(vmIndex + 1));
    await page.keyboard.press("]");
    await page.keyboard.press("d");
    await expect.poll(() => page.locator(".inst-list li").count()).toBeGreaterThan(before);
    await page.keyboard.press("Escape");
    for (let k = 0; k < 6; k++) await page.keyboard.press("+");
    await page.keyboard.press(" ");
    await page.waitForSelector("#debrief", { timeout: 120000 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^debrief-/);
  }, 180000);

  it("the briefing shows the record to beat, the expert's score on that seed as the engine here plays it, and races it", async () => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const sc = getScenario("campaign-6-self-healing")!;
    const expert = runMatch(sc, 2, BOTS.expert).replay.score;
    await page.goto(`${site.url}#/briefing/${sc.id}?seed=2`);
    await expect.poll(() => page.locator("#briefing-record").textContent()).toBe(`¢${expert.toLocaleString("en-US")}`);
    await page.click("#briefing-race-expert");
    await waitForDatacenter(page);
    expect(
      await page.evaluate(
        () => (window as unknown as { __overcommit: { game: { ghostName?: string } } }).__overcommit.game.ghostName,
      ),
    ).toBe("expert");
    await expect.poll(() => page.locator("#hud-ghost").textContent()).toContain("Ghost");
  }, 60000);

  it("a best kept from before a rules change keeps its stars, reads as earlier rules, and is not replayed", async () => {
    // A best stored by an older page: no rules version beside it, its replay in format 1.
    const sc = getScenario("campaign-1-packing")!;
    const [, , ...fields] = unpack(encodeReplay(runMatch(sc, 1, BOTS.autopilot, 60).replay)) as unknown[];
    const old = {
      [sc.id]: {
        stars: 2,
        score: 4321,
        slaBp: 9950,
        replay: Buffer.from(pack([1, ...fields])).toString("base64"),
        at: "2026-01-01T00:00:00.000Z",
      },
      // Hand-edited storage: a rules version that is no whole number reads as unversioned, never as current.
      ...Object.fromEntries(
        ["campaign-2-hypervisors", "campaign-3-containers", "campaign-4-isolation", "campaign-5-spike"].map((id, k) => [
          id,
          {
            stars: 1,
            score: 100 + k,
            slaBp: 9950,
            replay: "",
            at: "",
            rulesVersion: [String(RULES_VERSION), -1, 1e300, 2.5][k],
          },
        ]),
      ),
    };
    const page = await site.open("");
    await page.evaluate((v) => localStorage.setItem("overcommit.progress.v1", v), JSON.stringify(old));
    await page.goto(`${site.url}#/campaign`);
    await expect.poll(() => page.locator("#level-1").textContent()).toContain("best 4321 (earlier rules)");
    expect(await page.locator("#level-1 .dim").getAttribute("title")).toBe(
      `This best run was played under rules version 1; the game now plays version ${RULES_VERSION}, so it cannot be replayed exactly.`,
    );
    for (const level of [2, 3, 4, 5])
      expect(await page.locator(`#level-${level}`).textContent()).toContain(`best ${100 + level - 2} (earlier rules)`);
    // Their stars still open the next levels.
    expect(await page.locator("#level-6").isDisabled()).toBe(false);
    await page.goto(`${site.url}#/play/${sc.id}?seed=1&watch=1`);
    await expect
      .poll(() => page.locator(".toast-bad").first().textContent())
      .toBe(
        `This replay was recorded under rules version 1; the game now plays version ${RULES_VERSION}, so it cannot be replayed exactly.`,
      );
  }, 60000);
});
