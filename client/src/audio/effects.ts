/**
 * The game's sound effects, read from their parameters in assets/sounds/effects.json (the
 * source: each effect is a few synthesised voices, so no audio file is shipped or decoded).
 * The file is checked here voice by voice: a bad entry is left out with a warning, never
 * played half-formed, and never stops the game.
 */
import raw from "../../../assets/sounds/effects.json?raw";

/** Every effect the game and the classroom screens may ask for. */
export const SOUND_NAMES = [
  "click",
  "refused",
  "buy",
  "place",
  "pod",
  "boot",
  "node-ready",
  "crash",
  "oom",
  "panic",
  "node-failed",
  "alarm",
  "spike-warning",
  "registry-down",
  "recovered",
  "money",
  "money-negative",
  "won",
  "lost",
  "join",
  "countdown",
  "countdown-go",
  "fanfare",
] as const;
export type SoundName = (typeof SOUND_NAMES)[number];

export const WAVES = ["sine", "square", "sawtooth", "triangle", "noise"] as const;
export type Wave = (typeof WAVES)[number];

export interface Voice {
  readonly wave: Wave;
  /** Start and end frequency in Hz (a glide); for noise, the centre of its band. */
  readonly from: number;
  readonly to: number;
  /** Start and length in seconds. */
  readonly at: number;
  readonly dur: number;
  readonly attack: number;
  readonly gain: number;
  readonly lowpass?: number;
  readonly wobble?: { readonly rate: number; readonly depth: number };
}

export interface Effect {
  readonly gain: number;
  readonly voices: readonly Voice[];
}

const num = (v: unknown, lo: number, hi: number): number | null =>
  typeof v === "number" && Number.isFinite(v) && v >= lo && v <= hi ? v : null;

function parseVoice(v: unknown): Voice | null {
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  const wave = WAVES.find((w) => w === o["wave"]);
  const from = num(o["from"], 20, 20000);
  const to = num(o["to"], 20, 20000);
  const at = num(o["at"], 0, 5);
  const dur = num(o["dur"], 0.005, 5);
  const attack = num(o["attack"], 0, 1);
  const gain = num(o["gain"], 0, 1);
  if (!wave || from === null || to === null || at === null || dur === null || attack === null || gain === null)
    return null;
  const lowpass = o["lowpass"] === undefined ? undefined : num(o["lowpass"], 20, 20000);
  if (lowpass === null) return null;
  let wobble: Voice["wobble"];
  if (o["wobble"] !== undefined) {
    const w = o["wobble"] as Record<string, unknown> | null;
    const rate = num(w?.["rate"], 0.1, 100);
    const depth = num(w?.["depth"], 0, 2000);
    if (rate === null || depth === null) return null;
    wobble = { rate, depth };
  }
  return {
    wave,
    from,
    to,
    at,
    dur,
    attack: Math.min(attack, dur),
    gain,
    ...(lowpass !== undefined ? { lowpass } : {}),
    ...(wobble ? { wobble } : {}),
  };
}

/** Effects from the JSON text; what is malformed is named in `problems` and left out. */
export function parseEffects(text: string): { effects: Map<SoundName, Effect>; problems: string[] } {
  const effects = new Map<SoundName, Effect>();
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { effects, problems: [`effects.json is not JSON: ${(e as Error).message}`] };
  }
  const all = (doc as { effects?: unknown } | null)?.effects;
  if (!all || typeof all !== "object") return { effects, problems: ['effects.json has no "effects" object'] };
  for (const name of SOUND_NAMES) {
    const e = (all as Record<string, unknown>)[name] as { gain?: unknown; voices?: unknown } | undefined;
    if (!e) {
      problems.push(`${name}: missing`);
      continue;
    }
    const gain = num(e.gain, 0, 1);
    const voices = Array.isArray(e.voices) ? e.voices.map(parseVoice) : [];
    if (gain === null || voices.length === 0 || voices.some((v) => v === null)) {
      problems.push(`${name}: a gain in 0–1 and one or more well-formed voices are needed`);
      continue;
    }
    effects.set(name, { gain, voices: voices as Voice[] });
  }
  return { effects, problems };
}

/** Length of an effect in seconds (its last voice's end). */
export function effectLength(e: Effect): number {
  return e.voices.reduce((m, v) => Math.max(m, v.at + v.dur), 0);
}

let loaded: Map<SoundName, Effect> | null = null;

/** The shipped effects (parsed once). */
export function gameEffects(): Map<SoundName, Effect> {
  if (!loaded) {
    const r = parseEffects(raw);
    for (const p of r.problems) console.warn(`sound: ${p}`);
    loaded = r.effects;
  }
  return loaded;
}
