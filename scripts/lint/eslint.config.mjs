// The project's lint rules (`npm run lint`): the habits the type checker does not enforce.
// Each rule catches a mistake that has been made here: one module imported twice, a switch
// over a union that misses a member, a promise nobody awaits or voids, modules that import
// each other at run time, a file grown past the size where it should be split by concept.
// Type-aware rules read the packages' own tsconfig files, with the TypeScript beside this
// file (typescript-eslint needs a compiler API, which the project's TypeScript 7 lacks).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import tseslint from "typescript-eslint";
import importX, { createNodeResolver } from "eslint-plugin-import-x";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export default [
  {
    ignores: ["**/node_modules/**", "**/dist/**", "build/**", "test-output/**", "**/*.d.ts", "**/*.mjs", "**/*.js"],
  },
  {
    files: ["shared/**/*.ts", "server/**/*.ts", "client/**/*.ts", "test/**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        tsconfigRootDir: root,
        project: [
          "shared/tsconfig.json",
          "shared/tsconfig.test.json",
          "server/tsconfig.json",
          "client/tsconfig.json",
          "test/tsconfig.json",
        ],
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "@typescript-eslint": tseslint.plugin, "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".js", ".mjs"],
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".mjs", ".json"] })],
    },
    rules: {
      // `import { a } from "x"` and `import type { B } from "x"` are one import: `import { a, type B } from "x"`.
      "import-x/no-duplicates": ["error", { "prefer-inline": true }],
      // Run-time cycles only: `import type` edges vanish when the code runs.
      "import-x/no-cycle": "error",
      // A switch over a union names every member, or says what the others do (`default`).
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-floating-promises": "error",
      // A module past this many lines of code holds more than one concept (STYLE.md).
      "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
];
