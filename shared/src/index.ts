/**
 * @overcommit/shared — the game rules, shared by the server (authority), the browser
 * (solo play) and the CLI. Pure and deterministic. Its parts, each using only those listed
 * after it: bots/ (players made of code), replay/ and scenarios/ (re-simulating rounds;
 * the levels and their checks), engine/ (the tick: step.ts, and the commands applied in
 * it: apply.ts), presentation/ (what a player reads: views, sentences, debrief, glossary),
 * kubernetes/ (the control plane: scheduler, Deployments, autoscalers), datacenter/ (the
 * machines and what happens to them: nodes, instances, CPU, memory, traffic, failures,
 * money), room/ (the classroom's wire protocol), model/ (plain data: the world, commands,
 * events, scenarios, constants).
 */
export * from "./model/constants.ts";
export * from "./model/scenario.ts";
export * from "./model/model.ts";
export * from "./model/causes.ts";
export * from "./model/events.ts";
export { alarmsPlayer, ALARM_CAUSES, ALARM_TYPES } from "./presentation/alarms.ts";
export * from "./model/result.ts";
export * from "./model/rulesVersion.ts";
export * from "./model/commands.ts";
export { applyCommand, applyNow, type CommandResult } from "./engine/apply.ts";
export { createWorld, newNode } from "./datacenter/world.ts";
export { step, type StepResult } from "./engine/step.ts";
export { StepScratch } from "./engine/stepScratch.ts";
export { stateHash } from "./replay/hash.ts";
export { encodeReplay, decodeReplay, MAX_REPLAY_BYTES, type Replay, type ReplayEntry } from "./replay/replay.ts";
export { advanceWorld, replayWorld, runMatch, type Bot, type MatchResult } from "./replay/simulate.ts";
export { scoreOf, slaBp, starsOf, runningCost, nodeCost, licenceOf } from "./datacenter/economy.ts";
export { bailoutFee } from "./datacenter/bailout.ts";
export { canPlace, lowerBound, lowerBoundNodes, usedNodes, serviceIndex } from "./datacenter/queries.ts";
export { pendingReason, filterReasons, isNotReady, isKubernetesNode } from "./kubernetes/scheduler.ts";
export {
  fitScore,
  balancedAllocationScore,
  imageLocalityScore,
  spreadRawScore,
  spreadScore,
  spreadWeight,
} from "./kubernetes/scoring.ts";
export { lnQ16 } from "./model/fixedLog.ts";
export {
  allocatable,
  overheadOf,
  reservedCpu,
  reservedMem,
  instanceCpu,
  instanceMem,
  vmThroughputPct,
} from "./datacenter/resources.ts";
export { onContainerExit, findInstance, type KubeletRestart } from "./datacenter/instances.ts";
export { haTarget, isHaProtected } from "./datacenter/vmHa.ts";
export { handsBusy, isHandSetup } from "./datacenter/handWork.ts";
export { handQueueWords, handSentence, handStartsIn, handWorkHint, handWorkLine } from "./presentation/handWords.ts";
export { pullTicks, pullBackoff } from "./datacenter/images.ts";
export {
  proposeReplicas,
  stabilize,
  podMetric,
  type PodMetric,
  type MetricKind,
  type Proposal,
} from "./kubernetes/hpa.ts";
export { maxSurge, maxUnavailable } from "./kubernetes/deployment.ts";
export { estimateNodes, type PodShape, type NodeShape } from "./kubernetes/clusterAutoscaler.ts";
export { compareForDeletion, log2NanoRank, podsToDelete, type PodStatus } from "./kubernetes/deletionOrder.ts";
export { INCIDENT_CONCEPT, INCIDENT_PREVENTION } from "./datacenter/incidents.ts";
export { INJECTED_SPIKE_ANNOUNCE } from "./datacenter/failures.ts";
export { shapePct, spikePct, baseDemand, publishedDemand, cpuFor, servedBy, vmCapacity } from "./datacenter/traffic.ts";
export { shareCpu, cpuShares } from "./datacenter/cpu.ts";
export {
  QOS_CLASSES,
  qosOf,
  qosClass,
  oomScoreAdj,
  oomBadness,
  oomVictim,
  evictsBefore,
  evictionVictim,
  type QosClass,
} from "./datacenter/qos.ts";
export { workingSet, underPressure } from "./datacenter/appMemory.ts";
export { appRelease, releaseSpec } from "./datacenter/releases.ts";
export { seedRng, nextU32 } from "./model/rng.ts";
export { BOTS, BOT_NAMES, type BotName } from "./bots/index.ts";
export { operator, AUTOPILOT, type Style } from "./bots/autopilot.ts";
export { EXPERT, IDEA_PAIRS, STRATEGIES, WALK_AWAY, WALK_AWAY_RESTARTS, type IdeaPair } from "./bots/strategies.ts";
export { explainEvent, incidentTitle, incidentAdvice, clock } from "./presentation/explain.ts";
export {
  debrief,
  comparisonTable,
  type Debrief,
  type IncidentRow,
  type ServiceSeries,
  type ComparisonRow,
} from "./presentation/debrief.ts";
export {
  viewOf,
  headerOf,
  isShown,
  nodeView,
  instanceView,
  serviceView,
  spikesOf,
  type ClusterView,
  type ClusterHeaderView,
  type NodeView,
  type InstanceView,
  type ServiceView,
  type SpikeView,
} from "./presentation/view.ts";
export { encodeSnapshot, decodeSnapshot } from "./replay/snapshot.ts";
export { listScenarios, getScenario } from "./scenarios/catalog.ts";
export { MAX_MONEY, parseScenario } from "./scenarios/validate.ts";
export {
  CONCEPTS,
  VM_VS_CONTAINER,
  getConcept,
  type Concept,
  type ComparisonCardRow,
} from "./presentation/glossary.ts";
export * from "./room/protocol.ts";
export {
  HOST_MESSAGES,
  HOST_MESSAGE_SHAPES,
  MAX_TEAMS,
  isHostMessage,
  parseHostMessage,
  type ClientBody,
  type ClientMessage,
  type HostBody,
  type HostMessage,
  type HostRequest,
} from "./room/hostMessages.ts";
export { checkNickname, foldNickname, NICKNAME_MAX, DEFAULT_BLOCKED_WORDS, RESERVED_NAMES } from "./room/nickname.ts";
