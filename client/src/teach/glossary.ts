/**
 * The glossary as the client uses it: the shared package's concepts (one home for the
 * words, so the game, the debrief and the instructor's report agree) and the VM vs
 * container card.
 */
export {
  CONCEPTS,
  VM_VS_CONTAINER,
  getConcept as concept,
  type Concept,
  type ComparisonCardRow,
} from "@overcommit/shared";
