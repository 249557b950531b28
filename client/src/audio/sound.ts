/**
 * The sound of the game, one module for every screen: `sound.play("crash")`.
 *
 * - Nothing plays before the player's first gesture (a click, a tap or a key): browsers
 *   forbid it, and a page that makes noise on its own is rude. The audio context is created
 *   on that gesture; a sound asked for earlier is skipped, not queued.
 * - Mute and volume are remembered in localStorage and apply at once.
 * - The same effect is not repeated within 150 ms (a cascade of crashes is one crash sound,
 *   not a roar), and nothing plays while the page is hidden.
 */
import { gameEffects, type SoundName } from "./effects.ts";
import { playEffect } from "./synth.ts";

export type { SoundName } from "./effects.ts";
export { SOUND_NAMES } from "./effects.ts";

export interface SoundSettings {
  readonly muted: boolean;
  /** 0 … 1. */
  readonly volume: number;
}

export interface SoundStats {
  /** A gesture has unlocked audio. */
  readonly unlocked: boolean;
  /** Effects actually started, and asked for but skipped (locked, muted, hidden, repeated). */
  readonly played: number;
  readonly skipped: number;
  readonly last: SoundName | "";
}

const KEY = "overcommit.sound.v1";
const REPEAT_MS = 150;
const DEFAULTS: SoundSettings = { muted: false, volume: 0.6 };

function loadSettings(): SoundSettings {
  try {
    const o = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<SoundSettings> | null;
    const volume =
      typeof o?.volume === "number" && Number.isFinite(o.volume) ? Math.min(1, Math.max(0, o.volume)) : DEFAULTS.volume;
    return { muted: o?.muted === true, volume };
  } catch {
    return DEFAULTS;
  }
}

class Sound {
  private settings: SoundSettings = loadSettings();
  private ac: AudioContext | null = null;
  private master: GainNode | null = null;
  private readonly lastAt = new Map<SoundName, number>();
  private readonly listeners = new Set<(s: SoundSettings) => void>();
  private stat = { played: 0, skipped: 0, last: "" as SoundName | "" };

  constructor() {
    if (typeof window === "undefined") return;
    const unlock = () => {
      this.unlock();
      for (const t of GESTURES) window.removeEventListener(t, unlock, true);
    };
    for (const t of GESTURES) window.addEventListener(t, unlock, true);
  }

  get muted(): boolean {
    return this.settings.muted;
  }

  get volume(): number {
    return this.settings.volume;
  }

  play(name: SoundName): void {
    const e = gameEffects().get(name);
    const now = performance.now();
    const ac = this.ac;
    if (
      !ac ||
      !this.master ||
      !e ||
      this.settings.muted ||
      this.settings.volume <= 0 ||
      document.hidden ||
      now - (this.lastAt.get(name) ?? -Infinity) < REPEAT_MS
    ) {
      this.stat.skipped++;
      return;
    }
    this.lastAt.set(name, now);
    if (ac.state === "suspended") void ac.resume();
    playEffect(ac, this.master, e);
    this.stat.played++;
    this.stat.last = name;
  }

  setMuted(muted: boolean): void {
    this.save({ ...this.settings, muted });
  }

  setVolume(volume: number): void {
    this.save({
      ...this.settings,
      volume: Math.min(1, Math.max(0, Number.isFinite(volume) ? volume : DEFAULTS.volume)),
    });
  }

  onChange(f: (s: SoundSettings) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  /** The audio context once a gesture has unlocked it (for music), else null. */
  context(): AudioContext | null {
    return this.ac;
  }

  /** Where everything plays into (it carries mute and volume), else null. */
  output(): AudioNode | null {
    return this.master;
  }

  stats(): SoundStats {
    return { unlocked: this.ac !== null, ...this.stat };
  }

  private unlock(): void {
    if (this.ac) return;
    const Ctx =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    try {
      this.ac = new Ctx();
      this.master = this.ac.createGain();
      this.master.gain.value = this.gainFor(this.settings);
      this.master.connect(this.ac.destination);
    } catch {
      // No audio device: the game is silent, not broken.
      this.ac = null;
      this.master = null;
    }
  }

  /** Volume as heard: a square law, so the slider's middle sounds like the middle. */
  private gainFor(s: SoundSettings): number {
    return s.muted ? 0 : s.volume * s.volume;
  }

  private save(s: SoundSettings): void {
    this.settings = s;
    if (this.master && this.ac) this.master.gain.setTargetAtTime(this.gainFor(s), this.ac.currentTime, 0.02);
    try {
      localStorage.setItem(KEY, JSON.stringify(s));
    } catch {
      // Storage disabled: the setting holds for this visit.
    }
    for (const f of this.listeners) f(s);
  }
}

const GESTURES = ["pointerdown", "keydown", "touchend"] as const;

export const sound = new Sound();
// Read by the browser tests (what played, what was skipped) and handy in the console.
if (typeof window !== "undefined") (window as unknown as { __sound?: Sound }).__sound = sound;
