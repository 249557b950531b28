/**
 * Container images on a node: the pulls under way and the cache. As the kubelet does it by
 * default (pkg/kubelet/images): pulls are serialised, one image at a time per node
 * (serializeImagePulls: true), in the order they were asked for; a pull that fails (the
 * registry is down) waits out a back-off before it is tried again (image_manager.go
 * EnsureImageExists: ErrImagePull, then ImagePullBackOff), 10 s, doubling up to 300 s, the
 * same flowcontrol.Backoff as restarts. A pull keeps what it already downloaded. Upstream
 * keys the back-off by pod and image; the game keeps one pull per node and image, which
 * every container waiting for that image shares.
 *
 * A node's pulls are parallel arrays in request order: pullService (the image, by service
 * index), pullLeft (seconds of download left), pullRetry (tick it may be tried again, or -1)
 * and pullBackoff (its current back-off, 0 before a failure).
 */
import {
  BACKOFF_INITIAL_TICKS,
  BACKOFF_MAX_TICKS,
  IMAGE_PULL_BACKOFF_RESET_TICKS,
  IMAGE_PULL_MB_PER_TICK,
} from "../model/constants.ts";
import type { EventLog } from "../model/events.ts";
import type { Node, World } from "../model/model.ts";

/** Ticks a pull of this image takes. */
export function pullTicks(imageMB: number): number {
  return Math.max(1, Math.ceil(imageMB / IMAGE_PULL_MB_PER_TICK));
}

export function hasImage(node: Node, service: number): boolean {
  return node.images.includes(service);
}

export function addImage(node: Node, service: number): void {
  if (node.images.includes(service)) return;
  let i = 0;
  while (i < node.images.length && node.images[i]! < service) i++;
  node.images.splice(i, 0, service);
}

/** Asks for an image on a node; a second container waiting for the same image shares the pull. */
export function requestPull(w: World, node: Node, service: number): void {
  if (node.pullService.includes(service)) return;
  node.pullService.push(service);
  node.pullLeft.push(pullTicks(w.scenario.services[service]!.imageMB));
  node.pullRetry.push(-1);
  node.pullBackoff.push(0);
}

/** Seconds of download left for this image on the node (0 if none is under way). */
export function pullLeft(node: Node, service: number): number {
  const i = node.pullService.indexOf(service);
  return i < 0 ? 0 : node.pullLeft[i]!;
}

/**
 * The back-off after a failed pull (flowcontrol.Backoff.Next): 10 s at first or when the
 * last failure is more than 600 s old, else double, up to 300 s.
 */
export function pullBackoff(backoff: number, sinceLastFailure: number): number {
  if (backoff === 0 || sinceLastFailure > IMAGE_PULL_BACKOFF_RESET_TICKS) return BACKOFF_INITIAL_TICKS;
  return Math.min(backoff * 2, BACKOFF_MAX_TICKS);
}

function removePull(n: Node, k: number): void {
  n.pullService.splice(k, 1);
  n.pullLeft.splice(k, 1);
  n.pullRetry.splice(k, 1);
  n.pullBackoff.splice(k, 1);
}

/** One second of every node's pulls. */
export function advancePulls(w: World, log: EventLog): void {
  const t = log.tick;
  const registryDown = w.registryDownUntil > t;
  for (const n of w.nodes) {
    if (n.pullService.length === 0 || n.state === "gone" || n.state === "failed") continue;
    if (registryDown) {
      // Every pull due now fails at once (the registry refuses connections) and backs off.
      for (let k = 0; k < n.pullService.length; k++) {
        if (n.pullRetry[k]! > t) continue;
        const last = n.pullRetry[k]! >= 0 ? n.pullRetry[k]! - n.pullBackoff[k]! : -1;
        const backoff = pullBackoff(n.pullBackoff[k]!, last < 0 ? 0 : t - last);
        n.pullBackoff[k] = backoff;
        n.pullRetry[k] = t + backoff;
        log.push("pull-backoff", "registry-down", { node: n.id, service: n.pullService[k]!, retryIn: backoff });
      }
      continue;
    }
    // Serialised: the first pull that is due downloads; the others wait their turn.
    for (let k = 0; k < n.pullService.length; k++) {
      if (n.pullRetry[k]! > t) continue;
      if (--n.pullLeft[k]! <= 0) {
        addImage(n, n.pullService[k]!);
        w.stats.imagePulls++;
        removePull(n, k);
      }
      break;
    }
  }
}
