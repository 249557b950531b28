// The course material must be felt in play and explained in the game's own words: every
// idea of the lesson has a glossary entry, every campaign idea is taught by a level, and no
// run of eight words is copied from the lesson into the glossary or the briefings.
// The lesson itself is course material the project does not ship: it is read from
// ../shared/reference beside the repository (or COURSE_MATERIAL_DIR), and the check that
// needs it is skipped, saying why, where it is absent (as on a bare clone).
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CONCEPTS, VM_VS_CONTAINER, listScenarios } from "@overcommit/shared";

const referenceDir = process.env["COURSE_MATERIAL_DIR"] ?? join(import.meta.dirname, "..", "..", "shared", "reference");

/** The ideas of the lesson (shared/reference) and of GAME.md's concept table, by glossary id. */
const LESSON_IDEAS = [
  "virtual-machine",
  "guest-os",
  "host-machine",
  "hypervisor",
  "type-1-hypervisor",
  "type-2-hypervisor",
  "container",
  "shared-kernel",
  "image",
  "registry",
  "docker",
  "isolation",
  "startup-time",
  "resource-efficiency",
  "portability",
  "microservices",
  "kubernetes",
  "pod",
  "node",
  "cluster",
  "orchestration",
  "deployment",
  "autoscaling",
  "load-balancing",
  "self-healing",
];

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[*#`|>_()[\]]/g, " ")
    .split(/[^a-z0-9'-]+/)
    .filter(Boolean);
}

describe("teaching", () => {
  it("has a glossary entry, with a tooltip and an in-game explanation, for every idea of the lesson", () => {
    for (const id of LESSON_IDEAS) {
      const c = CONCEPTS.find((x) => x.id === id);
      expect(c, id).toBeDefined();
      expect(c!.short.length, id).toBeGreaterThan(10);
      expect(c!.long.length, id).toBeGreaterThan(60);
      expect(c!.inGame.length, id).toBeGreaterThan(30);
    }
  });

  it("fills the four rows of the VM vs container comparison", () => {
    expect(VM_VS_CONTAINER.map((r) => r.aspect)).toEqual(["isolation", "startup", "efficiency", "portability"]);
  });

  it("teaches each campaign idea in a level, with the house and lunchbox pictures in the briefings", () => {
    const taught = new Set(
      listScenarios()
        .filter((s) => s.kind === "campaign")
        .flatMap((s) => s.concepts),
    );
    for (const id of [
      "virtual-machine",
      "type-1-hypervisor",
      "type-2-hypervisor",
      "container",
      "image",
      "registry",
      "isolation",
      "kubernetes",
      "self-healing",
      "autoscaling",
    ]) {
      expect(taught.has(id), id).toBe(true);
    }
    const briefings = listScenarios()
      .map((s) => s.briefing.text)
      .join(" ");
    expect(briefings).toMatch(/house/);
    expect(briefings).toMatch(/lunchbox/);
  });

  it("copies no run of eight words from the lesson", (ctx) => {
    if (!existsSync(referenceDir)) {
      const why = `the course material is not at ${referenceDir} (set COURSE_MATERIAL_DIR to check against it)`;
      console.warn(`skipped "copies no run of eight words from the lesson": ${why}`);
      ctx.skip(why);
    }
    const lesson = readdirSync(referenceDir)
      .filter((f) => f.endsWith(".md"))
      .map((f) => words(readFileSync(join(referenceDir, f), "utf8")));
    const grams = new Set<string>();
    for (const w of lesson) for (let k = 0; k + 8 <= w.length; k++) grams.add(w.slice(k, k + 8).join(" "));
    const ours = [
      ...CONCEPTS.flatMap((c) => [c.short, c.long, c.inGame]),
      ...VM_VS_CONTAINER.flatMap((r) => [r.vm, r.container]),
      ...listScenarios().flatMap((s) => [s.briefing.text, s.briefing.firstStep]),
    ];
    const copied: string[] = [];
    for (const text of ours) {
      const w = words(text);
      for (let k = 0; k + 8 <= w.length; k++) {
        const g = w.slice(k, k + 8).join(" ");
        if (grams.has(g)) copied.push(g);
      }
    }
    expect(copied).toEqual([]);
  });
});
