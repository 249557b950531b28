/**
 * The scenarios this server offers: the shared catalogue, behind one small interface so
 * that rooms and routes ask one place (and tests can hand in their own).
 */
import { getScenario, listScenarios, type Scenario } from "@overcommit/shared";

export interface ScenarioCatalog {
  list(): readonly Scenario[];
  get(id: string): Scenario | undefined;
}

export const sharedCatalog: ScenarioCatalog = {
  list: () => listScenarios(),
  get: (id) => (typeof id === "string" ? getScenario(id) : undefined),
};
