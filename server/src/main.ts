/**
 * The server's entry point (`npm start` runs it with tsx): reads the environment, starts
 * everything on one port and prints the address a class should open.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { configFromEnv } from "./config.ts";
import { createLogger } from "./log.ts";
import { startServer } from "./server.ts";
import { classUrls } from "./classAddress.ts";

// Relative DATA_DIR and CLIENT_DIR are read from the repository root, wherever we run from.
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const config = configFromEnv(process.env, root);
const log = createLogger(config.logLevel);
// A stray rejection is logged, not fatal: one broken request must not end every class's round.
process.on("unhandledRejection", (err) => log.error({ err }, "unhandled rejection"));
const server = await startServer(config, { logger: log, handleSignals: true });
const local = `http://localhost:${server.port}`;
// The first of these is also what the instructor's page and the projector show the class.
const lan = classUrls(config, server.port);
log.info({ port: server.port, dataDir: config.dataDir, redis: config.redisUrl !== "" }, "listening");
const forClass =
  lan.length > 0
    ? lan.map((u) => `  For the class:    ${u}\n`).join("")
    : `  For the class:    (none: HOST=${config.host} is reachable only from this computer; start with HOST=0.0.0.0)\n`;
process.stdout.write(`\nOvercommit is running.\n  On this computer: ${local}\n${forClass}\n`);
