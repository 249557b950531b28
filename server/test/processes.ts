/**
 * Real server processes for tests that need one to die (kill -9) or several to share a
 * DATA_DIR: `npm start`'s entry (server/src/main.ts under tsx) on a free loopback port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
export { freePort } from "../src/freePort.ts";

const root = join(import.meta.dirname, "..", "..");

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** Resolves with the exit code or signal once the process has gone. */
  readonly exited: Promise<number | string>;
}

/** Starts the server and resolves once /healthz answers. */
export async function startServerProcess(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "server", "src", "main.ts")], {
    cwd: join(root, "server"),
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<number | string>((res) =>
    child.once("exit", (code, signal) => res(code ?? signal ?? "?")),
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server on port ${port} exited with ${child.exitCode}.`);
    const ok = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > until) throw new Error(`The server on port ${port} did not start.`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, url, exited };
}
