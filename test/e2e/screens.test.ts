/**
 * The screens around a round, each edge as it was met, in a real browser: what each star
 * asks in a briefing, every level's briefing on a laptop and a phone, the debrief, the
 * menu's G, Quick solo's leaderboard, and what a bailed-out run earns.
 */
import { describe, expect, it } from "vitest";
import { useSoloSite } from "./soloSite.ts";
import { soloGame as game, waitForDatacenter } from "./helpers.ts";
import { getScenario } from "@overcommit/shared";

const site = useSoloSite();
const open = (path: string, viewport?: { width: number; height: number }) => site.open(path, viewport);

describe("briefings", () => {
  it("say what each star asks: a level's par and target; a class race (no par) the SLA and its target", async () => {
    const page = await open("#/briefing/campaign-1-packing?seed=1");
    await page.waitForSelector("#brief-stars");
    const l1 = getScenario("campaign-1-packing")!;
    const money = (n: number) => `¢${n.toLocaleString("en-US")}`;
    expect(await page.textContent("#brief-stars")).toBe(
      `Starting money ${money(l1.startMoney)} · ★ finish solvent · ★★ SLA ≥ 99 % and score ≥ ${money(l1.parScore)} · ★★★ score ≥ ${money(l1.targetScore)}.`,
    );
    await page.goto(`${site.url}#/briefing/black-friday?seed=1`);
    const bf = getScenario("black-friday")!;
    await expect
      .poll(() => page.textContent("#brief-stars"))
      .toBe(
        `Starting money ${money(bf.startMoney)} · ★ finish solvent · ★★ SLA ≥ 99 % · ★★★ score ≥ ${money(bf.targetScore)}.`,
      );
    await page.close();
  }, 60000);
});

describe("the debrief", () => {
  it("says which star was missed, and calls more money at a worse SLA no record", async () => {
    // Level 1 with four VMs: money enough, but the evening peak (600 req/s) drops requests.
    const page = await open("#/play/campaign-1-packing?seed=1");
    await waitForDatacenter(page);
    await game(page, (g) => {
      g.send({ type: "deploy", service: "storefront", runtime: "vm", node: 0 });
      g.send({ type: "deploy", service: "storefront", runtime: "vm", node: 0 });
      g.advance(100000);
    });
    await page.waitForSelector("#debrief", { timeout: 20000 });
    expect(await page.textContent(".verdict")).toMatch(
      /^Solvent, but customers saw dropped requests: two stars need an SLA of 99 %\./,
    );
    const record = (await page.textContent("#debrief-record")) ?? "";
    // (Its score tops the expert's on this seed as the expert plays today; either way, no record.)
    expect(record).toMatch(
      /^(Your score tops the expert's ¢[\d,]+ on this seed, but with an SLA under 99 % it is no record\.|Record to beat: .*)$/,
    );
    await page.close();
    // Eight VMs all day on a small and a medium host: every request served, but under par.
    const again = await open("#/play/campaign-1-packing?seed=1");
    await waitForDatacenter(again);
    await game(again, (g) => {
      for (let k = 0; k < 3; k++) g.send({ type: "deploy", service: "storefront", runtime: "vm", node: 0 });
      g.send({ type: "buy-node", nodeType: "medium", mode: "hypervisor" });
      g.advance(100);
      for (let k = 0; k < 3; k++) g.send({ type: "deploy", service: "storefront", runtime: "vm", node: 1 });
      g.advance(100000);
    });
    await again.waitForSelector("#debrief", { timeout: 20000 });
    const par = getScenario("campaign-1-packing")!.parScore.toLocaleString("en-US");
    expect(await again.textContent(".verdict")).toMatch(
      new RegExp(`^Solvent with a good SLA, but under par: a score of ¢${par} earns the second star\\.`),
    );
    await again.close();
  }, 60000);
});

describe("menus", () => {
  it.each([
    [1366, 768],
    [390, 844],
  ])(
    "every level's briefing at %ix%i: Start on the first screen, the glossary words folded away",
    async (width, height) => {
      const page = await site.browser.newPage({ viewport: { width, height } });
      const levels = [
        "campaign-1-packing",
        "campaign-2-hypervisors",
        "campaign-3-containers",
        "campaign-4-isolation",
        "campaign-5-spike",
        "campaign-6-self-healing",
        "campaign-7-kubernetes",
        "campaign-8-chaos",
      ];
      for (const id of levels) {
        await page.goto(`${site.url}#/briefing/${id}?seed=1`);
        const start = (await page.locator("#briefing-start").boundingBox())!;
        expect(start.y + start.height, id).toBeLessThanOrEqual(height);
        expect(await page.locator("#brief-words").evaluate((d) => (d as HTMLDetailsElement).open), id).toBe(false);
        expect(await page.locator("#brief-words dt").first().isVisible(), id).toBe(false);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), id).toBeLessThanOrEqual(width);
      }
      await page.close();
    },
    60000,
  );

  it("G on the home page opens the glossary", async () => {
    const page = await open("");
    await page.waitForSelector("#menu-glossary");
    await page.keyboard.press("g");
    await page.waitForSelector(".glossary");
    expect(page.url()).toMatch(/#\/glossary$/);
    await page.close();
  }, 30000);

  it("Quick solo opens on the scenario last played", async () => {
    const page = await open("#/quick");
    await page.selectOption("#quick-scenario", "exam-week");
    await page.click("#quick-start");
    await page.waitForSelector("#briefing-start");
    await page.goto(`${site.url}#/quick`);
    await page.waitForSelector("#quick-scenario");
    expect(await page.inputValue("#quick-scenario")).toBe("exam-week");
    await page.close();
  }, 30000);

  it("a bankrupt run is bailed out and plays on, but is no new best and opens no level; the chart tells the demand's own peak", async () => {
    const page = await open("#/play/campaign-1-packing?seed=1");
    await waitForDatacenter(page);
    // Ten nodes bought at once on level 1's money: bankrupt within minutes. The bank bails
    // the run out and it plays on, with the mark beside the money.
    await game(page, (g) => {
      for (let k = 0; k < 10; k++) g.send({ type: "buy-node", nodeType: "small", mode: "hypervisor" });
      g.advance(300);
    });
    await page.waitForSelector("#hud-bailouts:not([hidden])", { timeout: 20000 });
    expect(await page.textContent("#hud-bailouts")).toMatch(/^bailed out ×\d+$/);
    expect(await page.getAttribute("#hud-bailouts", "title")).toMatch(/the bank topped your money back up/);
    await game(page, (g) => g.advance(100000));
    await page.waitForSelector("#debrief", { timeout: 20000 });
    expect(await page.textContent(".verdict")).toMatch(
      /^Bankrupt, bailed out ×\d+: a run the bank had to rescue earns no star\./,
    );
    expect(await page.textContent("#debrief-bailouts")).toMatch(/loans and fees, ¢[\d,]+, come off your score/);
    expect(await page.textContent(".verdict")).not.toMatch(/New best/);
    expect(await page.locator("#debrief-next").count()).toBe(0);
    const caption = (await page.locator(".charts svg text").first().textContent()) ?? "";
    expect(caption).toMatch(/peak demand \d+ req\/s/);
    await page.goto(`${site.url}#/campaign`);
    await page.waitForSelector("#level-2");
    expect(await page.isDisabled("#level-2")).toBe(true);
    await page.close();
  }, 60000);
});
