// One Vitest run for every suite, in three projects:
// - unit: the engine's suites and the server's quick ones (no Redis, no Chromium, no server
//   in a child process; about 20 s here): `npm run test:unit`, the loop while changing code;
// - e2e: the browser suites under test/e2e, driving Chromium: `npm run test:e2e`;
// - integration: everything else (servers in child processes, Redis, crash recovery, churn,
//   fuzzing, the CLIs), and any new suite until it is listed as unit: `npm run test:integration`.
// `npm test` type-checks and runs all three. Files run in separate forks; suites that start
// a server pick their own free port, so files may run in parallel.
import { configDefaults, defineConfig } from "vitest/config";

const ALL = ["shared/test/**/*.test.ts", "server/test/**/*.test.ts", "test/**/*.test.ts"];
const E2E = ["test/e2e/**/*.test.ts"];
/** Quick suites: add a file here when it runs in a second or two and needs nothing installed. */
const UNIT = [
  "shared/test/**/*.test.ts",
  ...[
    "checkpointer",
    "guessThrottle",
    "guessing",
    "hostile",
    "httpApi",
    "matchmaking",
    "mirror",
    "mirrorSchedule",
    "patchSerializer",
    "round",
    "rules",
    "tick",
    "xss",
  ].map((f) => `server/test/${f}.test.ts`),
  "test/clientReconnect.test.ts",
  "test/teaching.test.ts",
  "test/audioEffects.test.ts",
  "test/datacenterLayout.test.ts",
];

export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
    projects: [
      { extends: true, test: { name: "unit", include: UNIT } },
      {
        extends: true,
        test: { name: "integration", include: ALL, exclude: [...configDefaults.exclude, ...UNIT, ...E2E] },
      },
      { extends: true, test: { name: "e2e", include: E2E } },
    ],
  },
});
