/** Where the client gets its scenarios: the shared catalogue (campaign and competitive). */
import { listScenarios, type Scenario } from "@overcommit/shared";

export function allScenarios(): readonly Scenario[] {
  return listScenarios();
}

export function campaign(): Scenario[] {
  return allScenarios()
    .filter((s) => s.kind === "campaign")
    .slice()
    .sort((a, b) => a.level - b.level);
}

export function findScenario(id: string): Scenario | undefined {
  return allScenarios().find((s) => s.id === id);
}
