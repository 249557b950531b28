// Copies the Tabler icons the game uses (MIT, the @tabler/icons dev dependency) into
// assets/icons/, each under the name of the role it plays, drawn in white so the scene can
// tint it. Run after changing the list: `node scripts/icons.mjs`. assets/README.md credits them.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../node_modules/@tabler/icons/icons/outline/", import.meta.url));
const OUT = fileURLToPath(new URL("../assets/icons/", import.meta.url));

/** Our name → Tabler's. */
export const ICONS = {
  // service emblems, by service id
  "svc-storefront": "building-store",
  "svc-checkout": "shopping-cart",
  "svc-payments": "credit-card",
  "svc-erp": "building-factory-2",
  "svc-batch": "settings-automation",
  "svc-search": "search",
  "svc-hr": "users",
  "svc-api": "api",
  "svc-worker": "photo",
  "svc-portal": "school",
  "svc-video": "movie",
  "svc-grading": "certificate",
  "svc-records": "file-database",
  "svc-other": "box",
  // instance states
  "st-pending": "hourglass",
  "st-pulling": "cloud-download",
  "st-booting": "power",
  "st-running": "check",
  "st-crashed": "x",
  "st-backoff": "clock",
  "st-migrating": "arrows-exchange",
  "st-lost": "ban",
  "st-terminating": "minus",
  // incidents
  "inc-crash": "flame",
  "inc-oom": "memory",
  "inc-kernel": "skull",
  "inc-node": "bolt",
  "inc-overload": "gauge",
  "inc-spike": "trending-up",
  "inc-registry": "cloud-off",
  "inc-noisy": "volume",
  "inc-money": "currency-cent",
  // datacenter parts
  "dc-internet": "world",
  "dc-lb": "load-balancer",
  "dc-registry": "packages",
  "dc-image": "stack-2",
  "dc-container": "container",
  "dc-vm": "device-desktop",
  "dc-cpu": "cpu",
};

mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (f.endsWith(".svg")) rmSync(OUT + f);
for (const [ours, theirs] of Object.entries(ICONS)) {
  const svg = readFileSync(`${SRC}${theirs}.svg`, "utf8")
    .replace(/ class="[^"]*"/, "")
    .replace(/stroke="currentColor"/g, 'stroke="#ffffff"')
    .replace(/\n\s*/g, " ")
    .replace(/> </g, "><")
    .trim();
  writeFileSync(`${OUT}${ours}.svg`, `<!-- Tabler Icons "${theirs}" (MIT, @tabler/icons) -->\n${svg}\n`);
}
console.log(`${Object.keys(ICONS).length} icons written to assets/icons/`);
