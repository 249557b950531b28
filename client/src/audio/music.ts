/**
 * Background music for the play screen: a slow loop of chords from assets/sounds/music.json,
 * played as soft pads with a quiet pulse on each beat, scheduled a bar ahead on the audio
 * clock. Off until the player turns it on (a classroom of phones playing music at once is
 * nobody's idea of fun); the choice is remembered with the other sound settings, and it
 * follows mute and volume like every sound.
 */
import raw from "../../../assets/sounds/music.json?raw";
import { sound } from "./sound.ts";

interface Chord {
  readonly notes: readonly number[];
  readonly bass: number;
  readonly beats: number;
}

interface Song {
  readonly bpm: number;
  readonly gain: number;
  readonly chords: readonly Chord[];
}

const hz = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 20 && v <= 5000;

/** The song from its JSON, or null (with the reason) if it is not well formed. */
export function parseSong(text: string): { song: Song | null; problem: string } {
  try {
    const o = JSON.parse(text) as Partial<Song>;
    const chords = Array.isArray(o.chords) ? o.chords : [];
    const ok =
      typeof o.bpm === "number" &&
      o.bpm >= 30 &&
      o.bpm <= 240 &&
      typeof o.gain === "number" &&
      o.gain >= 0 &&
      o.gain <= 1 &&
      chords.length > 0 &&
      chords.every(
        (c) =>
          Array.isArray(c?.notes) &&
          c.notes.length > 0 &&
          c.notes.every(hz) &&
          hz(c.bass) &&
          Number.isInteger(c.beats) &&
          c.beats >= 1 &&
          c.beats <= 32,
      );
    return ok
      ? { song: o as Song, problem: "" }
      : { song: null, problem: "music.json: bpm 30–240, gain 0–1 and chords of notes, bass and beats are needed" };
  } catch (e) {
    return { song: null, problem: `music.json is not JSON: ${(e as Error).message}` };
  }
}

const KEY = "overcommit.music.v1";

function savedOn(): boolean {
  try {
    return localStorage.getItem(KEY) === "on";
  } catch {
    return false;
  }
}

class Music {
  private on = savedOn();
  private timer = 0;
  private out: GainNode | null = null;
  private next = 0;
  private chord = 0;
  private wanted = false;
  private readonly song = parseSong(raw).song;

  get enabled(): boolean {
    return this.on;
  }

  /** Turns music on or off (remembered). */
  setEnabled(on: boolean): void {
    this.on = on;
    try {
      localStorage.setItem(KEY, on ? "on" : "off");
    } catch {
      // Storage disabled: the choice holds for this visit.
    }
    this.sync();
  }

  /** The play screen wants music while it is open (if the player has it on). */
  want(w: boolean): void {
    this.wanted = w;
    this.sync();
  }

  /** Chords scheduled so far (0 until a gesture has unlocked audio): for the tests. */
  get chords(): number {
    return this.chord;
  }

  private sync(): void {
    const go = this.on && this.wanted && !!this.song;
    if (go && !this.timer) this.start();
    if (!go && this.timer) this.stop();
  }

  private start(): void {
    // Scheduling every quarter second keeps a bar queued on the audio clock.
    this.timer = window.setInterval(() => this.schedule(), 250);
    this.schedule();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = 0;
    if (this.out) {
      const o = this.out;
      const ac = o.context;
      o.gain.setTargetAtTime(0, ac.currentTime, 0.3);
      setTimeout(() => o.disconnect(), 1500);
      this.out = null;
    }
  }

  private schedule(): void {
    const ac = sound.context();
    const dest = sound.output();
    const song = this.song;
    if (!ac || !dest || !song) return;
    if (!this.out) {
      this.out = ac.createGain();
      this.out.gain.value = song.gain;
      this.out.connect(dest);
      this.next = ac.currentTime + 0.1;
    }
    const beat = 60 / song.bpm;
    while (this.next < ac.currentTime + 2) {
      const c = song.chords[this.chord % song.chords.length]!;
      const len = c.beats * beat;
      for (const f of c.notes) this.pad(ac, f, this.next, len, 0.22);
      this.pad(ac, c.bass, this.next, len, 0.3);
      for (let b = 0; b < c.beats; b++) this.pulse(ac, c.notes[b % c.notes.length]! * 2, this.next + b * beat, beat);
      this.next += len;
      this.chord++;
    }
  }

  private pad(ac: BaseAudioContext, f: number, at: number, len: number, gain: number): void {
    const o = ac.createOscillator();
    const g = ac.createGain();
    const lp = ac.createBiquadFilter();
    o.type = "triangle";
    o.frequency.value = f;
    lp.type = "lowpass";
    lp.frequency.value = 900;
    g.gain.setValueAtTime(0.0001, at);
    g.gain.exponentialRampToValueAtTime(gain, at + len * 0.3);
    g.gain.exponentialRampToValueAtTime(0.0001, at + len);
    o.connect(lp).connect(g).connect(this.out!);
    o.start(at);
    o.stop(at + len + 0.05);
  }

  private pulse(ac: BaseAudioContext, f: number, at: number, len: number): void {
    const o = ac.createOscillator();
    const g = ac.createGain();
    o.type = "sine";
    o.frequency.value = f;
    g.gain.setValueAtTime(0.0001, at);
    g.gain.exponentialRampToValueAtTime(0.12, at + 0.01);
    g.gain.exponentialRampToValueAtTime(0.0001, at + Math.min(0.4, len));
    o.connect(g).connect(this.out!);
    o.start(at);
    o.stop(at + len);
  }
}

export const music = new Music();
if (typeof window !== "undefined") (window as unknown as { __music?: Music }).__music = music;
