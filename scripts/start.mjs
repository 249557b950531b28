// `npm start`: brings the game up on a fresh clone. Installs the dependencies if they are
// missing (npm ci), builds the client if it has no build yet, then runs the server (tsx)
// on PORT (default 2567) with HOST and DATA_DIR from the environment. Plain Node, no deps.
import { existsSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const say = (s) => process.stdout.write(`${s}\n`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) {
    process.stderr.write(`\n"${cmd} ${args.join(" ")}" failed; see the messages above.\n`);
    process.exit(r.status ?? 1);
  }
}

if (!existsSync(join(root, "node_modules"))) {
  say("Installing dependencies (npm ci)… this takes a few minutes the first time.");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
} else {
  // Dependencies present but older than package-lock.json: the shared check brings them up to date.
  run(process.execPath, [join(root, "scripts", "ensureDeps.mjs")]);
}

const clientPkg = join(root, "client", "package.json");
const clientBuilt = join(root, "client", "dist", "index.html");
if (!existsSync(clientPkg) || !existsSync(join(root, "client", "index.html"))) {
  say("No client in this checkout yet: serving the API and rooms only.");
} else if (!existsSync(clientBuilt)) {
  say("Building the client (npm run build -w client)…");
  run("npm", ["run", "build", "-w", "client"]);
}

const env = {
  ...process.env,
  PORT: process.env.PORT || "2567",
  DATA_DIR: resolve(process.env.DATA_DIR || join(root, ".data")),
};
const tsx = join(root, "node_modules", "tsx", "dist", "cli.mjs");
const child = spawn(process.execPath, [tsx, join(root, "server", "src", "main.ts")], {
  cwd: join(root, "server"),
  env,
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
