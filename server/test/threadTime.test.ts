// The room benchmark's CPU-per-tick figure: each tick's wall time less the time the OS kept
// the server's thread waiting for a CPU, recorded alongside the wall time when asked for.
import { describe, expect, it } from "vitest";
import { runQueueWaitMs } from "../src/threadTime.ts";
import { ask, bootServer, Inbox, st, waitFor } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

/** A running round with one student, at speed 16, on a server started with `over`. */
async function playing(over: Parameters<typeof bootServer>[0], ticks: number) {
  const t = await bootServer(over, { scenarios: testCatalog });
  const { body } = await t.api<any>("POST", "/api/classrooms", {
    scenario: TEST_SCENARIO.id,
    seed: 2,
    speed: 16,
    length: 400,
  });
  const host = await t.client().join("classroom", { code: body.code, hostKey: body.hostKey });
  await t.client().join("classroom", { code: body.code, nickname: "Ada" });
  await ask(host, new Inbox(host), "start");
  await waitFor(() => st(host).tick >= ticks, 10_000, `${ticks} ticks`);
  return t;
}

describe("time per tick less waits for a CPU", () => {
  it("reads the thread's wait, which only grows", () => {
    const a = runQueueWaitMs();
    if (process.platform !== "linux") return expect(a).toBeNull();
    expect(typeof a).toBe("number");
    let x = 0;
    for (let i = 0; i < 2_000_000; i++) x += i;
    expect(x).toBeGreaterThan(0);
    expect(runQueueWaitMs()!).toBeGreaterThanOrEqual(a!);
  });

  it("is recorded for every room tick when asked for, never above the tick's wall time", async () => {
    const t = await playing({ measureTickCpu: true }, 16);
    try {
      const m = t.server.metrics;
      expect(m.tickSamples.length).toBeGreaterThanOrEqual(16);
      if (runQueueWaitMs() === null) return expect(m.tickCpuSamples).toEqual([]);
      expect(m.tickCpuSamples.length).toBe(m.tickSamples.length);
      // The kernel updates a thread's run-queue wait in lumps (at its scheduling events), so a
      // short tick on a busy machine can show all of its wall time as waiting: 0, never less.
      m.tickCpuSamples.forEach((own: number, k: number) => {
        expect(own).toBeGreaterThanOrEqual(0);
        expect(own).toBeLessThanOrEqual(m.tickSamples[k]!);
      });
      expect(m.tickCpuSamples.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it("is not recorded otherwise", async () => {
    const t = await playing({}, 8);
    try {
      expect(t.server.metrics.tickSamples.length).toBeGreaterThan(0);
      expect(t.server.metrics.tickCpuSamples).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
