/**
 * The played window: it opens once every round has started (the burst of all rounds
 * starting in the same second, and the first commands sent during it, is not judged) and
 * closes after the played seconds; then the tool stops sending and winds down.
 */

/** Commands sent this long after the rounds started count as steady state. */
export const WARMUP_MS = 5000;

export class PlayedWindow {
  /** When the rounds started; until then, when the run started. */
  start = performance.now();
  end = 0;
  /** True during the played window: patch gaps count. */
  measuring = false;
  /** Past the window: no more commands. */
  stopping = false;

  /** Sent in the window and after its warm-up (before the window opens `start` is still the run's start, hence `inWindow`). */
  steady(sentAt: number, inWindow: boolean): boolean {
    return inWindow && sentAt - this.start >= WARMUP_MS;
  }
}
