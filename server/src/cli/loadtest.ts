/**
 * The load test CLI: `npm run loadtest -- --classes C --students S --seconds T ...` (see
 * LOADTEST_USAGE). Real colyseus.js clients against a server on this machine (loopback
 * only); prints a table, or one flat JSON object with --json, then exits by itself.
 * `--find-capacity` runs the capacity search (loadtest/capacity.ts) instead.
 */
import { LOADTEST_USAGE, parseLoadTestArgs } from "./loadtest/args.ts";
import { findCapacity } from "./loadtest/capacity.ts";
import { LoadTestError } from "./loadtest/errors.ts";
import type { LoadTestResult } from "./loadtest/figures.ts";
import { runLoadTest } from "./loadtest/run.ts";

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
  if (parsed.args.mode === "capacity") {
    const c = parsed.args.capacity;
    const say = c.json ? () => {} : (line: string) => process.stderr.write(`loadtest: ${line}\n`);
    try {
      const { result, steps } = await findCapacity(c, say);
      if (c.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        const rows = steps.map(
          (s) => `  ${String(s.classes).padStart(3)} classrooms  ${s.held ? "held" : `failed: ${s.why}`}`,
        );
        process.stdout.write(
          `Capacity: classrooms of ${c.students} students at speed ${c.speed}, ${c.seconds} s a step, event-loop p99 ≤ ${c.loopP99Ms} ms, nobody starved\n${rows.join("\n")}\n${table(result)}\n`,
        );
      }
      process.exit(0);
    } catch (err) {
      process.stderr.write(
        `${err instanceof LoadTestError ? err.message : `The capacity search failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`}\n`,
      );
      process.exit(1);
    }
  }
  const o = parsed.args.options;
  const progress = o.json ? () => {} : (line: string) => process.stderr.write(`loadtest: ${line}\n`);
  try {
    const r = await runLoadTest(o, progress);
    process.stdout.write(
      o.json
        ? `${JSON.stringify(r)}\n`
        : `Load test: ${o.classes} classes × ${o.students} students, ${o.seconds} s at speed ${o.speed}\n${table(r)}\n`,
    );
    process.exit(0);
  } catch (err) {
    process.stderr.write(
      `${err instanceof LoadTestError ? err.message : `The load test failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`}\n`,
    );
    process.exit(1);
  }
}

void main();
