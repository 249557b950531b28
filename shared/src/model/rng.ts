/**
 * The seeded random stream. sfc32 (Chris Doty-Humphrey's Small Fast Counter): four 32-bit
 * words of state kept in the world, integer-only arithmetic, so Node, every browser and
 * the CLI draw the same numbers. Draws happen in a fixed order inside `step`, never
 * elsewhere, which is what makes a seed plus a command log replayable.
 */
export type RngState = [number, number, number, number];

export function seedRng(seed: number): RngState {
  // splitmix-like scramble so that nearby seeds start far apart.
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const st: RngState = [next(), next(), next(), 1];
  for (let i = 0; i < 12; i++) nextU32(st);
  return st;
}

/** The next unsigned 32-bit number; advances the state in place. */
export function nextU32(st: RngState): number {
  let a = st[0],
    b = st[1],
    c = st[2],
    d = st[3];
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = ((c << 21) | (c >>> 11)) >>> 0;
  c = (c + t) >>> 0;
  st[0] = a >>> 0;
  st[1] = b;
  st[2] = c;
  st[3] = d;
  return t;
}

/** A whole number in [0, n). Modulo bias is negligible for the small n used here. */
export function nextInt(st: RngState, n: number): number {
  return n <= 1 ? 0 : nextU32(st) % n;
}

/** True with probability perMillion / 1,000,000. */
export function chance(st: RngState, perMillion: number): boolean {
  if (perMillion <= 0) return false;
  return nextU32(st) % 1_000_000 < perMillion;
}

/**
 * A whole number in [0, n) fixed by (seed, a, b), drawn without touching the stream: for
 * per-instance wobble (a leak's pace) that must not shift every later draw of the world.
 */
export function hashInt(seed: number, a: number, b: number, n: number): number {
  let z =
    (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^
      Math.imul(a + 0x7f4a7c15, 0xc2b2ae35) ^
      Math.imul(b + 0x165667b1, 0x27d4eb2f)) >>>
    0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return n <= 1 ? 0 : z % n;
}
