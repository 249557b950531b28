/**
 * Builds the client into a fresh temporary folder for one test file, so test files that
 * run in parallel never empty or overwrite each other's build (or the developer's dist).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLIENT = fileURLToPath(new URL("../../client/", import.meta.url));
const VITE = fileURLToPath(new URL("../../node_modules/vite/bin/vite.js", import.meta.url));

export function buildClient(): string {
  const out = mkdtempSync(join(tmpdir(), "overcommit-client-"));
  execFileSync(process.execPath, [VITE, "build", "--outDir", out, "--emptyOutDir", "--logLevel", "error"], {
    cwd: CLIENT,
    stdio: "inherit",
  });
  return `${out}/`;
}
