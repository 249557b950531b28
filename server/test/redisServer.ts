/**
 * Debian's redis-server for the scale-out suites: whether it is installed (a suite without
 * it is skipped and says so, except in CI, where .ci/run installs it and its absence is an
 * error), and a throw-away server on a free loopback port, ready once it answers PING.
 */
import { spawn, spawnSync } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "../src/freePort.ts";

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  stop(): void;
}

/** True when redis-server can run here; otherwise warns that `suite` is skipped (or throws in CI). */
export function redisInstalled(suite: string): boolean {
  if (spawnSync("redis-server", ["--version"]).status === 0) return true;
  if (process.env["CI"]) throw new Error("redis-server is required in CI (.ci/run installs it).");
  console.warn(`\n*** redis-server is not installed: ${suite} is SKIPPED. ***\n`);
  return false;
}

/** Starts a redis-server that keeps nothing on disk, and resolves once it answers PING. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const server = { port, url: `redis://127.0.0.1:${port}`, stop: () => void child.kill() };
  const until = Date.now() + 10_000;
  while (!(await pong(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} on port ${port}.`);
    if (Date.now() > until) {
      server.stop();
      throw new Error(`redis-server did not answer PING on port ${port} within 10 s.`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return server;
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    let got = "";
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.on("error", () => done(false));
    s.on("connect", () => s.write("PING\r\n"));
    s.on("data", (d) => {
      got += d.toString();
      if (got.includes("\r\n")) done(got.startsWith("+PONG"));
    });
  });
}
