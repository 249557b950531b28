/**
 * Plays one effect with Web Audio: each voice is an oscillator (or band-passed noise) with
 * a short attack and an exponential decay, an optional glide, low-pass and wobble, all
 * scheduled on the audio clock so a chord or a jingle stays in time however busy the page.
 */
import type { Effect, Voice } from "./effects.ts";

let noise: AudioBuffer | null = null;

/** One second of white noise, made once per context (a seeded LCG: the same hiss every time). */
function noiseBuffer(ac: BaseAudioContext): AudioBuffer {
  if (noise && noise.sampleRate === ac.sampleRate) return noise;
  const b = ac.createBuffer(1, ac.sampleRate, ac.sampleRate);
  const d = b.getChannelData(0);
  let s = 12345;
  for (let k = 0; k < d.length; k++) {
    s = (s * 1103515245 + 12345) >>> 0;
    d[k] = s / 2147483648 - 1;
  }
  noise = b;
  return b;
}

function playVoice(ac: BaseAudioContext, out: AudioNode, v: Voice, t0: number): void {
  const start = t0 + v.at;
  const end = start + v.dur;
  const env = ac.createGain();
  env.gain.setValueAtTime(0.0001, start);
  env.gain.exponentialRampToValueAtTime(Math.max(0.0002, v.gain), start + Math.max(0.001, v.attack));
  env.gain.exponentialRampToValueAtTime(0.0001, end);
  let chainEnd: AudioNode = env;
  if (v.lowpass) {
    const f = ac.createBiquadFilter();
    f.type = "lowpass";
    f.frequency.value = v.lowpass;
    env.connect(f);
    chainEnd = f;
  }
  chainEnd.connect(out);
  let src: AudioScheduledSourceNode;
  if (v.wave === "noise") {
    const n = ac.createBufferSource();
    n.buffer = noiseBuffer(ac);
    n.loop = true;
    const band = ac.createBiquadFilter();
    band.type = "bandpass";
    band.Q.value = 1.2;
    band.frequency.setValueAtTime(v.from, start);
    band.frequency.exponentialRampToValueAtTime(v.to, end);
    n.connect(band);
    band.connect(env);
    src = n;
  } else {
    const o = ac.createOscillator();
    o.type = v.wave;
    o.frequency.setValueAtTime(v.from, start);
    if (v.to !== v.from) o.frequency.exponentialRampToValueAtTime(v.to, end);
    if (v.wobble) {
      const lfo = ac.createOscillator();
      const depth = ac.createGain();
      lfo.frequency.value = v.wobble.rate;
      depth.gain.value = v.wobble.depth;
      lfo.connect(depth);
      depth.connect(o.frequency);
      lfo.start(start);
      lfo.stop(end);
    }
    o.connect(env);
    src = o;
  }
  src.start(start);
  src.stop(end + 0.02);
}

/** Schedules every voice of `e` on `ac`, into `out`, scaled by the effect's own gain. */
export function playEffect(ac: BaseAudioContext, out: AudioNode, e: Effect, when = ac.currentTime): void {
  const g = ac.createGain();
  g.gain.value = e.gain;
  g.connect(out);
  for (const v of e.voices) playVoice(ac, g, v, when);
}
