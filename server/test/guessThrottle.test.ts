// The join-code guessing throttle on its own, with a test clock: misses cool an address
// down, hits are never slowed, known codes keep working, memory stays bounded.
import { describe, expect, it } from "vitest";
import { addressKey, GuessThrottle, type GuessThrottleOptions } from "../src/guessThrottle.ts";

const opts: GuessThrottleOptions = {
  maxMisses: 5,
  windowMs: 60_000,
  coolDownMs: 300_000,
  maxAddresses: 100,
  knownPerAddress: 3,
};

function throttle(o: Partial<GuessThrottleOptions> = {}): { g: GuessThrottle; clock: { t: number } } {
  const clock = { t: 1_000_000 };
  return { g: new GuessThrottle({ ...opts, ...o }, () => clock.t), clock };
}

describe("GuessThrottle", () => {
  it("cools an address down after maxMisses misses in the window, then lets it go", () => {
    const { g, clock } = throttle();
    for (let k = 0; k < 4; k++) g.miss("10.0.0.1");
    expect(g.allows("10.0.0.1", "AAAAAA")).toBe(true);
    g.miss("10.0.0.1");
    expect(g.allows("10.0.0.1", "AAAAAA")).toBe(false);
    expect(g.coolDownLeft("10.0.0.1")).toBe(300_000);
    // Other addresses are not affected.
    expect(g.allows("10.0.0.2", "AAAAAA")).toBe(true);
    clock.t += 299_999;
    expect(g.allows("10.0.0.1", "AAAAAA")).toBe(false);
    clock.t += 1;
    expect(g.allows("10.0.0.1", "AAAAAA")).toBe(true);
    // The count starts again from zero after a cool-down.
    g.miss("10.0.0.1");
    expect(g.allows("10.0.0.1", "AAAAAA")).toBe(true);
  });

  it("forgets misses older than the window", () => {
    const { g, clock } = throttle();
    for (let k = 0; k < 4; k++) g.miss("10.0.0.1");
    clock.t += 60_001;
    for (let k = 0; k < 4; k++) g.miss("10.0.0.1");
    expect(g.allows("10.0.0.1", "X")).toBe(true);
    g.miss("10.0.0.1");
    expect(g.allows("10.0.0.1", "X")).toBe(false);
  });

  it("never slows hits: a class of 40 behind one address all get in", () => {
    const { g } = throttle();
    for (let k = 0; k < 40; k++) {
      expect(g.allows("192.0.2.7", "ACDEFH")).toBe(true);
      g.hit("192.0.2.7", "ACDEFH");
    }
    expect(g.coolDownLeft("192.0.2.7")).toBe(0);
  });

  it("keeps known codes working during a cool-down, and only those", () => {
    const { g } = throttle();
    g.hit("192.0.2.7", "ACDEFH");
    for (let k = 0; k < 5; k++) g.miss("192.0.2.7");
    expect(g.allows("192.0.2.7", "ACDEFH")).toBe(true);
    expect(g.allows("192.0.2.7", "ACDEFJ")).toBe(false);
    expect(g.allows("192.0.2.7", null)).toBe(false);
    expect(g.allows("192.0.2.7", { code: "ACDEFH" })).toBe(false);
  });

  it("remembers at most knownPerAddress codes, dropping the oldest", () => {
    const { g } = throttle();
    for (const c of ["A", "B", "C", "D"]) g.hit("10.0.0.1", c);
    for (let k = 0; k < 5; k++) g.miss("10.0.0.1");
    expect(["A", "B", "C", "D"].map((c) => g.allows("10.0.0.1", c))).toEqual([false, true, true, true]);
  });

  it("tracks at most maxAddresses addresses", () => {
    const { g } = throttle({ maxAddresses: 10 });
    for (let k = 0; k < 1000; k++) g.miss(`10.0.${k >> 8}.${k & 255}`);
    expect(g.size).toBeLessThanOrEqual(10);
  });

  it("counts IPv4-mapped addresses as IPv4 and IPv6 by /64", () => {
    expect(addressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey(undefined)).toBe("?");
    const { g } = throttle();
    for (let k = 0; k < 5; k++) g.miss(`2001:db8:1:2::${k + 1}`);
    expect(g.allows("2001:db8:1:2:ffff::9", "X")).toBe(false);
    expect(g.allows("2001:db8:1:3::1", "X")).toBe(true);
  });
});
