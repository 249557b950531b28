// `npm run dev`: the developer loop. The server restarts on change (tsx watch, also
// watching shared/), and Vite serves the client with hot reload, proxying the API and the
// Colyseus endpoint to the server. Ctrl-C stops both. Plain Node, no deps.
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT || "2567";
// GAME_SERVER_URL tells Vite's config where to proxy /api (and the client where the rooms are).
const env = {
  ...process.env,
  PORT: port,
  DATA_DIR: process.env.DATA_DIR || join(root, ".data"),
  LOG_LEVEL: process.env.LOG_LEVEL || "debug",
  CLIENT_DIR: "",
  GAME_SERVER_URL: `http://localhost:${port}`,
};
const tsx = join(root, "node_modules", "tsx", "dist", "cli.mjs");

const children = [];
function start(name, args, cwd) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: "inherit" });
  child.on("exit", (code) => {
    process.stdout.write(`${name} exited (${code}); stopping.\n`);
    stop(code ?? 1);
  });
  children.push(child);
}

function stop(code) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exit(code);
}

start(
  "server",
  [
    tsx,
    "watch",
    "--clear-screen=false",
    "--include",
    join(root, "shared", "src"),
    join(root, "server", "src", "main.ts"),
  ],
  join(root, "server"),
);
const vite = join(root, "node_modules", "vite", "bin", "vite.js");
if (existsSync(vite) && existsSync(join(root, "client", "index.html"))) {
  start("vite", [vite, "--clearScreen", "false"], join(root, "client"));
  process.stdout.write(
    `\nDev servers: game server on :${port}, client with hot reload from Vite (see its address above).\n\n`,
  );
} else {
  process.stdout.write("No client (or no Vite) yet: running the server only.\n");
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => stop(0));
