// One Vitest run for every suite: shared unit tests, server tests and the cross-package
// integration and browser tests under test/. Files run in separate forks; suites that start
// a server pick their own free port, so files may run in parallel.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/test/**/*.test.ts", "server/test/**/*.test.ts", "test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
