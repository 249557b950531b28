/**
 * Starts the real game server (server/src/main.ts under tsx) for a browser test, on a free
 * port with a throwaway data directory, serving the built client; stops it afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST } from "./staticServer.ts";
import { freePort } from "../../server/src/freePort.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface GameServer {
  readonly url: string;
  /** Its port and data directory, to start another process in its place. */
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
  /** Kills the process with SIGKILL (a crash: no shutdown path runs). */
  crash(): Promise<void>;
}

export async function startGameServer(
  clientDir: string = DIST,
  at: { port?: number; dataDir?: string; host?: string } = {},
): Promise<GameServer> {
  // E2E_SERVER_URL points the tests at a server that is already running (for debugging).
  const given = process.env["E2E_SERVER_URL"];
  if (given)
    return {
      url: given.endsWith("/") ? given : `${given}/`,
      port: 0,
      dataDir: "",
      stop: async () => {},
      crash: async () => {},
    };
  const port = at.port ?? (await freePort());
  const dataDir = at.dataDir ?? mkdtempSync(join(tmpdir(), "overcommit-e2e-"));
  // One process (tsx as a loader, not its CLI, which would put the server in a child): a
  // crash test's SIGKILL must reach the server itself.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: ROOT,
    // HOST=0.0.0.0 (as `npm start` listens) gives the class a LAN address to show; loopback by default.
    env: {
      ...process.env,
      PORT: String(port),
      HOST: at.host ?? "127.0.0.1",
      DATA_DIR: dataDir,
      CLIENT_DIR: clientDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let k = 0; k < 150; k++) {
    try {
      const r = await fetch(`${url}healthz`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`the game server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  return { url, port, dataDir, stop: () => end("SIGTERM"), crash: () => end("SIGKILL") };
}
