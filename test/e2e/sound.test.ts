/**
 * The game's sound in a real browser: nothing plays before the player's first gesture,
 * game events and accepted commands make their sounds afterwards, mute silences them, and
 * mute and volume are remembered across a reload.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useSoloSite } from "./soloSite.ts";
import { waitForDatacenter } from "./helpers.ts";

const site = useSoloSite();

interface Stats {
  unlocked: boolean;
  played: number;
  skipped: number;
  last: string;
}

const stats = (page: Page): Promise<Stats> =>
  page.evaluate(() => (window as unknown as { __sound: { stats(): Stats } }).__sound.stats());
const advance = (page: Page, n: number): Promise<void> =>
  page.evaluate(
    (k) => (window as unknown as { __overcommit: { game: { advance(n: number): void } } }).__overcommit.game.advance(k),
    n,
  );

describe("sound", () => {
  it("stays silent until the first gesture, then plays game sounds; mute and volume are remembered", async () => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Straight into a round, with no click or key: the clock runs and things happen.
    await page.goto(`${site.url}#/play/campaign-3-containers?seed=1`);
    await waitForDatacenter(page);
    await page.evaluate(() =>
      (window as unknown as { __overcommit: { game: { send(c: unknown): unknown } } }).__overcommit.game.send({
        type: "buy-node",
        nodeType: "small",
        mode: "container-host",
      }),
    );
    await advance(page, 120);
    let s = await stats(page);
    expect(s.unlocked).toBe(false);
    expect(s.played).toBe(0);
    expect(s.skipped).toBeGreaterThan(0);

    // The first click unlocks audio; buying a node by the button makes the buy sound.
    await page.click("#tabbtn-build");
    await page.click("#buy-node");
    await expect.poll(async () => (await stats(page)).last).toBe("buy");
    s = await stats(page);
    expect(s.unlocked).toBe(true);
    const playedBefore = s.played;

    // Volume to 30 %, then muted: the next purchase is silent.
    await page.locator("#sound-volume").evaluate((el) => {
      const i = el as HTMLInputElement;
      i.value = "30";
      i.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.click("#sound-mute");
    expect(await page.getAttribute("#sound-mute", "aria-pressed")).toBe("true");
    const afterMuteClick = (await stats(page)).played;
    await page.click("#buy-node");
    await page.waitForTimeout(300);
    expect((await stats(page)).played).toBe(afterMuteClick);
    expect(afterMuteClick).toBeLessThanOrEqual(playedBefore + 1);

    // Both settings survive a reload, shown by the menu's control.
    await page.goto(site.url);
    await page.reload();
    await page.waitForSelector("#sound-mute");
    expect(await page.getAttribute("#sound-mute", "aria-pressed")).toBe("true");
    expect(await page.inputValue("#sound-volume")).toBe("30");
    // Music is off until asked for; turned on, it is remembered and plays in a round.
    expect(await page.getAttribute("#music-toggle", "aria-pressed")).toBe("false");
    await page.click("#music-toggle");
    await page.click("#sound-mute");
    await page.goto(`${site.url}#/play/campaign-1-packing?seed=1`);
    await page.reload();
    await waitForDatacenter(page);
    expect(await page.getAttribute("#music-toggle", "aria-pressed")).toBe("true");
    expect(await page.evaluate(() => (window as unknown as { __music: { chords: number } }).__music.chords)).toBe(0);
    await page.click("#tabbtn-build");
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __music: { chords: number } }).__music.chords))
      .toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 120000);
});
