/**
 * The server's entry point (`npm start` runs it with tsx): reads the environment, starts
 * everything on one port and prints the address a class should open.
 */
import { networkInterfaces } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { configFromEnv } from "./config.ts";
import { createLogger } from "./log.ts";
import { startServer } from "./server.ts";

/** The addresses students on the same network can reach, for the start-up message. */
function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) out.push(a.address);
  return out;
}

// Relative DATA_DIR and CLIENT_DIR are read from the repository root, wherever we run from.
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const config = configFromEnv(process.env, root);
const log = createLogger(config.logLevel);
// A stray rejection is logged, not fatal: one broken request must not end every class's round.
process.on("unhandledRejection", (err) => log.error({ err }, "unhandled rejection"));
const server = await startServer(config, { logger: log, handleSignals: true });
const local = `http://localhost:${server.port}`;
const lan = config.host === "0.0.0.0" || config.host === "::" ? lanAddresses().map((a) => `http://${a}:${server.port}`) : [`http://${config.host}:${server.port}`];
log.info({ port: server.port, dataDir: config.dataDir, redis: config.redisUrl !== "" }, "listening");
process.stdout.write(`\nOvercommit is running.\n  On this computer: ${local}\n${lan.map((u) => `  For the class:    ${u}\n`).join("")}\n`);
