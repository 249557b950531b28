/**
 * Client figures for `npm run bench`: the gzipped JavaScript a first visit loads, the bytes
 * of the art and other assets the client ships (assets/, as built), the time from
 * navigation to the first frame, and the p95 frame cost of the datacenter scene with 100
 * and 300 nodes (10 instances each) in headless Chromium (WebGL on SwiftShader).
 * Builds the client, serves client/dist, and drives the `#/bench` page.
 */
import { execSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../e2e/browser.ts";
import { DIST, serveDist } from "../e2e/staticServer.ts";

/** Scripts index.html loads at once: its module entry and the chunks it preloads. */
export function firstVisitJsGzipBytes(dist = DIST): number {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const srcs = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  return srcs.reduce((sum, s) => sum + gzipSync(readFileSync(join(dist, s.replace(/^\.?\//, "")))).length, 0);
}

/** Every file of the build that is not code (JavaScript, CSS, HTML): the shipped art, sounds and fonts. */
export function assetBytes(dist = DIST): number {
  let total = 0;
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.(js|css|html|map)$/.test(f)) total += statSync(p).size;
    }
  };
  walk(dist);
  return total;
}

export async function clientFigures(quick: boolean): Promise<Record<string, number>> {
  execSync("npm run build -w client", { cwd: fileURLToPath(new URL("../..", import.meta.url)), stdio: "ignore" });
  const out: Record<string, number> = {
    client_js_gzip_bytes: firstVisitJsGzipBytes(),
    client_assets_bytes: assetBytes(),
  };
  const site = await serveDist();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(site.url);
    await page.waitForFunction(() => (window as unknown as { __firstFrame?: number }).__firstFrame !== undefined);
    out["client_first_frame_ms"] = Math.round(
      await page.evaluate(() => (window as unknown as { __firstFrame: number }).__firstFrame),
    );
    for (const nodes of [100, 300]) {
      await page.goto(`${site.url}#/bench?nodes=${nodes}&instances=${nodes * 10}&seconds=${quick ? 2 : 5}`);
      await page.reload();
      await page.waitForFunction(
        () => (window as unknown as { __bench?: { done: boolean } }).__bench?.done === true,
        undefined,
        { timeout: 120000 },
      );
      const r = await page.evaluate(
        () => (window as unknown as { __bench: { p95: number; p50: number; frames: number } }).__bench,
      );
      out[`client_frame_p95_ms_${nodes}_nodes`] = Math.round(r.p95 * 10) / 10;
      if (process.env["BENCH_VERBOSE"]) process.stderr.write(`${nodes} nodes: ${JSON.stringify(r)}\n`);
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${JSON.stringify(await clientFigures(process.argv.includes("--quick")))}\n`);
}
