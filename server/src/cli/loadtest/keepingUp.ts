/**
 * Whether a student kept up with its class over the played window, as seen on the wire.
 * A student is *starved* (students_starved) when its room's tick as it sees it advanced
 * less than STARVED_TICK_SHARE of the nominal ticks (less two for the window's edges), or
 * two state patches arrived more than STARVED_GAP_MS apart, or one of the commands it sent
 * in the window was answered later than STARVED_REPLY_MS (or not at all), or its
 * connection dropped. Students whose round ended in the window are judged on what they saw
 * before.
 */
import type { PlayedWindow } from "./window.ts";

export const STARVED_TICK_SHARE = 0.9;
export const STARVED_GAP_MS = 2000;
export const STARVED_REPLY_MS = 2000;
export const STARVED_MEANS = `a student's room tick advanced < ${STARVED_TICK_SHARE} × speed × seconds (+2 ticks), or a state patch gap > ${STARVED_GAP_MS} ms, or a reply later than ${STARVED_REPLY_MS} ms or missing, or a dropped connection`;

export class KeepingUp {
  /** When the last state patch arrived, and the longest wait for one in the played window. */
  private patchAt = 0;
  gapMax = 0;
  private tickAtStart = 0;
  private tickAtEnd = 0;
  /** Its round was over when the played window closed (the clean-up ends every round after). */
  overInWindow = false;
  /** Replies later than STARVED_REPLY_MS, or none within the reply timeout. */
  slowReplies = 0;

  patched(now: number, window: PlayedWindow, roundOver: boolean): void {
    if (window.measuring && !roundOver) this.gapMax = Math.max(this.gapMax, now - Math.max(this.patchAt, window.start));
    this.patchAt = now;
  }

  /** A reply came `rtt` ms after its command (one sent in the window counts). */
  replied(rtt: number, inWindow: boolean): void {
    if (rtt > STARVED_REPLY_MS && inWindow) this.slowReplies++;
  }

  /** A command sent in the window got no reply within the tool's timeout. */
  unanswered(inWindow: boolean): void {
    if (inWindow) this.slowReplies++;
  }

  open(tick: number): void {
    this.tickAtStart = tick;
  }

  close(tick: number, window: PlayedWindow, roundOver: boolean): void {
    this.tickAtEnd = tick;
    this.overInWindow = roundOver;
    if (!roundOver) this.gapMax = Math.max(this.gapMax, window.end - Math.max(this.patchAt, window.start));
  }

  /** The share of the nominal ticks its room's clock advanced in the window. */
  tickShare(nominal: number): number {
    return nominal > 0 ? (this.tickAtEnd - this.tickAtStart + 2) / nominal : 1;
  }
}

export interface Starvation {
  readonly starved: number;
  readonly gapMax: number;
  readonly tickShareMin: number | null;
}

/** Judges every student; `nominal` is the ticks the window should have had (speed × seconds). */
export function starvation(
  students: readonly { readonly keep: KeepingUp; readonly dropped: boolean }[],
  nominal: number,
): Starvation {
  let starved = 0;
  let gapMax = 0;
  let tickShareMin: number | null = null;
  for (const s of students) {
    const k = s.keep;
    const share = k.tickShare(nominal);
    if (!k.overInWindow) tickShareMin = Math.min(tickShareMin ?? Infinity, share);
    gapMax = Math.max(gapMax, k.gapMax);
    if (s.dropped || k.slowReplies > 0 || k.gapMax > STARVED_GAP_MS || (!k.overInWindow && share < STARVED_TICK_SHARE))
      starved++;
  }
  return { starved, gapMax, tickShareMin };
}
