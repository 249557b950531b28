/**
 * Natural logarithms in fixed point, from integer operations only. The scheduler's
 * PodTopologySpread score weighs pod counts by ln(nodes + 2), and shared/ may not call
 * Math.log (browsers may round it differently, and a solo run must replay exactly on the
 * server). Every step below is an exact operation on integers below 2^53.
 */

/** Fraction bits of the results: ln(n) is returned as ln(n) × 2^16, rounded. */
export const LN_FRAC_BITS = 16;
export const LN_ONE = 1 << LN_FRAC_BITS;

/** Fraction bits kept while computing, more than the result's so its last bit is right. */
const WORK_BITS = 24;
const WORK_ONE = 16_777_216; // 2^24
/** ln 2 × 2^24, rounded (0.69314718056 × 16777216 = 11629079.87). */
const LN2_Q24 = 11629080;
/** Working precision of the squaring loop: y in [1, 2) held as y × 2^25, so y² < 2^52. */
const Y_ONE = 33_554_432; // 2^25

/** log2(n) × 2^24, rounded down, for an integer n ≥ 1, by repeated squaring of the mantissa. */
function log2Q24(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a fixed-point logarithm needs a positive integer, got ${n}`);
  let ip = 0;
  let pow = 1;
  while (pow * 2 <= n) {
    pow *= 2;
    ip++;
  }
  // The mantissa n / 2^ip in [1, 2), as y / 2^25 (exact for n < 2^28, ample for node counts).
  let y = Math.floor((n * Y_ONE) / pow);
  let frac = 0;
  for (let b = 0; b < WORK_BITS; b++) {
    y = Math.floor((y * y) / Y_ONE);
    frac *= 2;
    if (y >= 2 * Y_ONE) {
      y = Math.floor(y / 2);
      frac += 1;
    }
  }
  return ip * WORK_ONE + frac;
}

const memo: number[] = [];

/** ln(n) × 2^16, rounded to nearest, for an integer n ≥ 1 (memoised: the scheduler asks for the same few). */
export function lnQ16(n: number): number {
  const hit = memo[n];
  if (hit !== undefined) return hit;
  // From 2^(24 + 24) down to 2^16: divide by 2^32, rounding to nearest.
  const v = Math.floor((log2Q24(n) * LN2_Q24 + 2_147_483_648) / 4_294_967_296);
  if (n < 100_000) memo[n] = v;
  return v;
}
