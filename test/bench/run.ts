/**
 * `npm run bench -- --json`: measures the figures named in the issues and prints them as one
 * flat JSON object (or as a table without --json). `--quick` shortens every measurement;
 * `--only PREFIX` keeps the figures whose names start with PREFIX. The load_ figures come
 * from a short capacity search against server processes it starts (test/bench/load.ts).
 */
import { engineFigures } from "./engine.ts";
import { roomFigures } from "./room.ts";
import { clientFigures } from "./client.ts";
import { loadFigures } from "./load.ts";
import { recoveryFigures } from "./recovery.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const quick = args.includes("--quick");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? "") : "";
for (const a of args) {
  if (!["--json", "--quick", "--only", only].includes(a)) {
    process.stderr.write(`Unknown argument "${a}".\nUsage: npm run bench -- [--json] [--quick] [--only PREFIX]\n`);
    process.exit(2);
  }
}

type Suite = {
  readonly prefix: string[];
  readonly run: (quick: boolean) => Promise<Record<string, number>> | Record<string, number>;
};
const suites: Suite[] = [
  { prefix: ["engine_", "scheduler_", "packing_", "replay_"], run: engineFigures },
  { prefix: ["room60_"], run: roomFigures },
  { prefix: ["client_"], run: clientFigures },
  { prefix: ["journal_", "restore_"], run: recoveryFigures },
  // Last: it starts server processes of its own and pins this process while it runs.
  { prefix: ["load_"], run: loadFigures },
];

const out: Record<string, number> = {};
for (const s of suites) {
  if (only && !s.prefix.some((p) => p.startsWith(only) || only.startsWith(p))) continue;
  Object.assign(out, await s.run(quick));
}
if (json) process.stdout.write(`${JSON.stringify(out)}\n`);
else for (const [k, v] of Object.entries(out)) process.stdout.write(`${k.padEnd(48)} ${v}\n`);
// The room suite leaves sockets' timers behind; the figures are out, so stop here.
process.exit(0);
