/**
 * Load figures for `npm run bench`: a short capacity search (the same as `npm run loadtest --
 * --find-capacity`) with classrooms of 40 students at speed 4 against server processes it
 * starts, pinned to a CPU apart from the load tool where the machine has one to spare.
 *
 * Figures: load_classes_40_at_50ms (the most classrooms that held: server event-loop p99
 * ≤ 50 ms and no student starved; a lower bound when the time budget ran out first) and
 * load_event_loop_p99_ms (the server's event-loop p99 with 10 classrooms, the first step).
 * The full search (longer steps, exact to one classroom) is in docs/performance.md.
 */
import { CAPACITY_DEFAULTS, DEFAULTS } from "../../server/src/cli/loadtest/args.ts";
import { findCapacity } from "../../server/src/cli/loadtest/capacity.ts";

const FIRST_STEP = 10;

export async function loadFigures(quick: boolean): Promise<Record<string, number>> {
  const { result, steps } = await findCapacity({
    students: 40,
    // Short steps: 10 s of play (5 quick) after joining; the whole search fits in about 80 s (45 quick).
    seconds: quick ? 5 : 10,
    speed: DEFAULTS.speed,
    startClasses: FIRST_STEP,
    maxClasses: 60,
    processes: 1,
    url: null,
    serverPid: null,
    scenario: DEFAULTS.scenario,
    seed: DEFAULTS.seed,
    bot: DEFAULTS.bot,
    budgetSeconds: quick ? 45 : 80,
    loopP99Ms: CAPACITY_DEFAULTS.loopP99Ms,
    pin: true,
    json: true,
  });
  const first = steps.find((s) => s.classes === FIRST_STEP)?.result["server_event_loop_p99_played_ms"];
  return {
    load_classes_40_at_50ms: Number(result["classes_held"]),
    // Beyond the histogram's last bound (1000 ms) reads as 1000.
    load_event_loop_p99_ms: typeof first === "number" ? first : 1000,
  };
}
