import { launchBrowser } from "./browser.ts";
import { serveDist } from "./staticServer.ts";
import { dragChipToNode, waitForDatacenter } from "./helpers.ts";
type G = { __overcommit: { game: { advance(n: number): void; send(c: unknown): unknown } } };
const OUT = "/tmp/lead-shots/";
async function main() {
  const site = await serveDist();
  const browser = await launchBrowser();
  for (const [w, h, tag, touch] of [[1366, 768, "desk", false], [390, 844, "phone", true]] as const) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, hasTouch: touch, isMobile: touch, deviceScaleFactor: touch ? 2 : 1 });
    const p = await ctx.newPage();
    p.on("pageerror", (e) => console.log(`[page error] ${e.message}`));
    await p.goto(`${site.url}#/briefing/campaign-6-self-healing?seed=1`);
    await p.waitForTimeout(500);
    await p.screenshot({ path: `${OUT}${tag}-l6-briefing.png`, fullPage: true });
    await p.goto(`${site.url}#/play/campaign-6-self-healing?seed=1`);
    await waitForDatacenter(p);
    if (!touch) {
      await dragChipToNode(p, "#chip-erp-vm", 1);
      await dragChipToNode(p, "#chip-storefront-vm", 2);
      await dragChipToNode(p, "#chip-storefront-vm", 3);
    } else {
      await p.evaluate(() => {
        const g = (window as unknown as G).__overcommit.game;
        g.send({ type: "deploy", service: "erp", runtime: "vm", node: 1 });
        g.send({ type: "deploy", service: "storefront", runtime: "vm", node: 2 });
        g.send({ type: "deploy", service: "storefront", runtime: "vm", node: 3 });
      });
    }
    await p.evaluate(() => (window as unknown as G).__overcommit.game.advance(10));
    await p.waitForTimeout(400);
    await p.screenshot({ path: `${OUT}${tag}-l6-queued.png` });
    await p.evaluate(() => (window as unknown as G).__overcommit.game.advance(100000));
    await p.waitForSelector("#debrief", { timeout: 15000 });
    await p.waitForTimeout(400);
    await p.screenshot({ path: `${OUT}${tag}-l6-debrief.png`, fullPage: true });
    await p.goto(`${site.url}#/briefing/exam-week?seed=1`);
    await p.waitForTimeout(500);
    await p.screenshot({ path: `${OUT}${tag}-ew-briefing.png`, fullPage: true });
    await ctx.close();
  }
  await browser.close();
  await site.close();
}
void main();
