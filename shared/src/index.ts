/**
 * @overcommit/shared — the game rules, shared by the server (authority), the browser
 * (solo play) and the CLI. Pure and deterministic: see step.ts for the tick, commands.ts
 * for what players can do, model.ts for the state.
 */
export * from "./constants.ts";
export * from "./scenario.ts";
export * from "./model.ts";
export * from "./causes.ts";
export * from "./events.ts";
export { alarmsPlayer, ALARM_CAUSES, ALARM_TYPES } from "./alarms.ts";
export * from "./result.ts";
export * from "./commands.ts";
export { applyCommand, applyNow, type CommandResult } from "./apply.ts";
export { createWorld, newNode } from "./world.ts";
export { step, type StepResult } from "./step.ts";
export { StepScratch } from "./stepScratch.ts";
export { stateHash } from "./hash.ts";
export { encodeReplay, decodeReplay, MAX_REPLAY_BYTES, type Replay, type ReplayEntry } from "./replay.ts";
export { advanceWorld, replayWorld, runMatch, type Bot, type MatchResult } from "./simulate.ts";
export { scoreOf, slaBp, starsOf, runningCost, nodeCost, licenceOf } from "./economy.ts";
export { bailoutFee } from "./bailout.ts";
export { canPlace, lowerBound, lowerBoundNodes, usedNodes, serviceIndex } from "./queries.ts";
export { pendingReason, filterReasons, isNotReady, isKubernetesNode } from "./scheduler.ts";
export { fitScore, balancedAllocationScore, imageLocalityScore, spreadRawScore, spreadScore, spreadWeight } from "./kubernetes/scoring.ts";
export { lnQ16 } from "./fixed-log.ts";
export { allocatable, overheadOf, reservedCpu, reservedMem, instanceCpu, instanceMem, vmThroughputPct } from "./resources.ts";
export { onContainerExit, findInstance, type KubeletRestart } from "./instances.ts";
export { haTarget, isHaProtected } from "./vm-ha.ts";
export { pullTicks, pullBackoff } from "./images.ts";
export { proposeReplicas, stabilize, podMetric, type PodMetric, type MetricKind, type Proposal } from "./kubernetes/hpa.ts";
export { maxSurge, maxUnavailable } from "./kubernetes/deployment.ts";
export { estimateNodes, type PodShape, type NodeShape } from "./kubernetes/cluster-autoscaler.ts";
export { compareForDeletion, log2NanoRank, podsToDelete, type PodStatus } from "./kubernetes/deletion-order.ts";
export { INCIDENT_CONCEPT, INCIDENT_PREVENTION } from "./incidents.ts";
export { INJECTED_SPIKE_ANNOUNCE } from "./failures.ts";
export { shapePct, spikePct, baseDemand, publishedDemand, cpuFor, servedBy, vmCapacity } from "./traffic.ts";
export { shareCpu, cpuShares } from "./cpu.ts";
export { QOS_CLASSES, qosOf, qosClass, oomScoreAdj, oomBadness, oomVictim, evictsBefore, evictionVictim, type QosClass } from "./qos.ts";
export { workingSet, underPressure } from "./appMemory.ts";
export { appRelease, releaseSpec } from "./releases.ts";
export { seedRng, nextU32 } from "./rng.ts";
export { BOTS, BOT_NAMES, type BotName } from "./bots/index.ts";
export { operator, AUTOPILOT, type Style } from "./bots/autopilot.ts";
export { EXPERT, IDEA_PAIRS, STRATEGIES, WALK_AWAY, WALK_AWAY_RESTARTS, type IdeaPair } from "./bots/strategies.ts";
export { explainEvent, incidentTitle, incidentAdvice, clock } from "./explain.ts";
export { debrief, comparisonTable, type Debrief, type IncidentRow, type ServiceSeries, type ComparisonRow } from "./debrief.ts";
export { viewOf, headerOf, isShown, nodeView, instanceView, serviceView, spikesOf, type ClusterView, type ClusterHeaderView, type NodeView, type InstanceView, type ServiceView, type SpikeView } from "./view.ts";
export { encodeSnapshot, decodeSnapshot } from "./snapshot.ts";
export { listScenarios, getScenario } from "./scenarios.ts";
export { MAX_MONEY, parseScenario } from "./scenario-validate.ts";
export { CONCEPTS, VM_VS_CONTAINER, getConcept, type Concept, type ComparisonCardRow } from "./glossary.ts";
export * from "./protocol.ts";
export { HOST_MESSAGES, HOST_MESSAGE_SHAPES, MAX_TEAMS, isHostMessage, parseHostMessage, type ClientBody, type ClientMessage, type HostBody, type HostMessage, type HostRequest } from "./hostMessages.ts";
export { checkNickname, foldNickname, NICKNAME_MAX, DEFAULT_BLOCKED_WORDS, RESERVED_NAMES } from "./nickname.ts";
