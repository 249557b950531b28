/**
 * The load test CLI: `npm run loadtest -- --classes C --students S --seconds T ...` (see
 * LOADTEST_USAGE). Real colyseus.js clients against a server on this machine (loopback
 * only); prints a table, or one flat JSON object with --json, then exits by itself.
 */
import { LOADTEST_USAGE, parseLoadTestArgs } from "./loadtestArgs.ts";
import { LoadTestError, runLoadTest, type LoadTestResult } from "./loadtestRun.ts";

function table(r: LoadTestResult): string {
  const width = Math.max(...Object.keys(r).map((k) => k.length));
  return Object.entries(r)
    .map(([k, v]) => `  ${k.padEnd(width)}  ${v === null ? "n/a" : String(v)}`)
    .join("\n");
}

async function main(): Promise<void> {
  const parsed = parseLoadTestArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${LOADTEST_USAGE}\n`);
    process.exit(2);
  }
  if (parsed.args.mode === "help") {
    process.stdout.write(`${LOADTEST_USAGE}\n`);
    process.exit(0);
  }
  const o = parsed.args.options;
  const progress = o.json ? () => {} : (line: string) => process.stderr.write(`loadtest: ${line}\n`);
  try {
    const r = await runLoadTest(o, progress);
    process.stdout.write(o.json ? `${JSON.stringify(r)}\n` : `Load test: ${o.classes} classes × ${o.students} students, ${o.seconds} s at speed ${o.speed}\n${table(r)}\n`);
    process.exit(0);
  } catch (err) {
    process.stderr.write(`${err instanceof LoadTestError ? err.message : `The load test failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`}\n`);
    process.exit(1);
  }
}

void main();
