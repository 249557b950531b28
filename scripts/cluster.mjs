// `npm run cluster -- --processes N [--port BASE]`: a trial of scale-out on one machine.
// Starts N server processes on consecutive ports (BASE, BASE+1, …) sharing one Redis
// (REDIS_URL, or a redis-server this script starts on a free loopback port and stops at
// the end) and one DATA_DIR (SQLite in WAL mode takes several processes on one machine).
// A join code made on any process works through every other. Ctrl-C stops them all.
// docs/deploy.md explains a deployment across machines. Plain Node, no dependencies.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "Usage: npm run cluster -- --processes N [--port BASE]   (N from 1 to 8; BASE defaults to 2567)";

function fail(msg) {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let processes = 0;
let base = Number(process.env.PORT || 2567);
for (let k = 0; k < args.length; k++) {
  const a = args[k];
  const v = args[k + 1];
  if (a === "--processes" && v !== undefined) {
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 8)
      fail(`--processes must be a whole number from 1 to 8, not "${v}".`);
    processes = Number(v);
    k++;
  } else if (a === "--port" && v !== undefined) {
    if (!/^\d+$/.test(v) || Number(v) < 1024 || Number(v) > 65000)
      fail(`--port must be a port number from 1024 to 65000, not "${v}".`);
    base = Number(v);
    k++;
  } else fail(`Unknown or incomplete argument "${String(a).slice(0, 40)}".`);
}
if (processes === 0) fail("--processes is required.");

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

const children = [];
let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

let redisUrl = process.env.REDIS_URL || "";
if (!redisUrl) {
  if (spawnSync("redis-server", ["--version"]).status !== 0)
    fail("Set REDIS_URL, or install redis-server (apt-get install redis-server) so this script can start one.");
  const port = await freePort();
  const redis = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  children.push(redis);
  redisUrl = `redis://127.0.0.1:${port}`;
  await new Promise((r) => setTimeout(r, 400));
  process.stdout.write(`Started redis-server on 127.0.0.1:${port}.\n`);
}

const dataDir = resolve(process.env.DATA_DIR || join(root, ".data"));
for (let i = 0; i < processes; i++) {
  // Each process tells clients where to reach it, so a seat reserved on one process is taken
  // up on the process that owns the room.
  const env = {
    ...process.env,
    PORT: String(base + i),
    DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    PUBLIC_ADDRESS: `${process.env.PUBLIC_HOST || "127.0.0.1"}:${base + i}`,
  };
  // No wrapper process between us and the server, so stopping reaches it directly.
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "server", "src", "main.ts")], {
    cwd: join(root, "server"),
    env,
    stdio: "inherit",
  });
  child.on("exit", (code) => {
    if (!stopping) {
      process.stderr.write(`The server on port ${base + i} stopped (exit ${code}); stopping the others.\n`);
      stopAll(1);
    }
  });
  children.push(child);
}
process.stdout.write(
  `${processes} server process(es) on ports ${base}–${base + processes - 1}, sharing ${redisUrl} and ${dataDir}.\n`,
);
