// `npm run lint` and `npm run format`: runs ESLint (with this folder's eslint.config.mjs) or
// Prettier from the repository root, after installing this folder's own dependencies when
// they are missing or older than its lock. They live apart from the project's because
// typescript-eslint needs a TypeScript with a compiler API (5.x or 6.x), and the project
// builds with TypeScript 7, which has none. Plain Node, no dependencies.
import { existsSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const tools = { eslint: ["--config", join(here, "eslint.config.mjs")], prettier: [] };

const [tool, ...args] = process.argv.slice(2);
if (!tool || !(tool in tools)) {
  process.stderr.write(`Usage: node scripts/lint/run.mjs eslint|prettier [arguments]\n`);
  process.exit(2);
}

const marker = join(here, "node_modules", ".package-lock.json");
const lock = join(here, "package-lock.json");
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  process.stdout.write("Installing the linter and formatter (npm ci in scripts/lint)…\n");
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: here, stdio: "inherit" });
  if (r.status !== 0) {
    process.stderr.write("npm ci in scripts/lint failed; see the messages above.\n");
    process.exit(r.status ?? 1);
  }
}

// Without a file or folder named, the whole repository (what the ignore lists leave).
const paths = args.some((a) => !a.startsWith("-")) ? [] : ["."];
const bin = join(here, "node_modules", ".bin", tool);
const r = spawnSync(bin, [...tools[tool], ...args, ...paths], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
