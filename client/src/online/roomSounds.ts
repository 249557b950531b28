/**
 * The room's sounds, through the game's sound module (audio/sound.ts: nothing before the
 * first click or key on the page, mute and volume remembered): a pop as a student joins, a
 * beep each second of the countdown and a chord as the clock starts, an alarm when the class
 * is hit by incidents (at most one every ALARM_GAP_MS, however many come), and a fanfare
 * with the podium. The projector plays them all — it is the screen the room hears; a
 * student's own device plays the countdown.
 */
import { sound } from "../audio/sound.ts";
import type { RoomState } from "./classroom.ts";
import { inCountdown } from "./countdown.ts";

const ALARM_GAP_MS = 8000;

export class RoomSounds {
  private seats = -1;
  private count = -1;
  private phase = "";
  private alarmAt = -Infinity;

  constructor(private readonly all: boolean) {}

  /** Call with each new room state. */
  update(s: RoomState): void {
    const seats = Object.keys(s.seats).length;
    if (this.all && this.seats >= 0 && seats > this.seats && s.phase !== "ended") sound.play("join");
    this.seats = seats;
    if (inCountdown(s) && s.planningLeft !== this.count) sound.play("countdown");
    this.count = inCountdown(s) ? s.planningLeft : -1;
    if (this.phase === "planning" && s.phase === "running") sound.play("countdown-go");
    if (this.all && this.phase !== "" && this.phase !== "ended" && s.phase === "ended") sound.play("fanfare");
    this.phase = s.phase;
  }

  /** New class incidents arrived. */
  incidents(): void {
    const now = performance.now();
    if (!this.all || now - this.alarmAt < ALARM_GAP_MS) return;
    this.alarmAt = now;
    sound.play("alarm");
  }
}

/** Whether the page may already play sound (a first click or key unlocks it). */
export function soundUnlocked(): boolean {
  return sound.stats().unlocked;
}
