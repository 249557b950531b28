/**
 * Join-code guessing throttle. A join code is six letters from a 16-letter alphabet
 * (≈16.7 M codes), so a script asking "does this code exist?" fast enough could find live
 * classrooms. Every path that answers that question (Colyseus matchmaking joins,
 * GET /api/classrooms/:code and the host-key routes under it) reports here:
 *
 * - a *miss* (no classroom has that code) counts against the caller's address; after
 *   `maxMisses` misses within `windowMs`, the address is cooled down for `coolDownMs`, in
 *   which every lookup of a code it does not already know is refused ("too-many-guesses");
 * - a *hit* is never slowed, and it makes the code *known* to that address. Known codes
 *   keep working during a cool-down: answering them reveals nothing the address does not
 *   already know. Creating a classroom also makes its code known to the creator's address,
 *   so a class behind the same school NAT as its instructor always gets in, even when a
 *   classmate's typos (or someone else on that NAT) triggered a cool-down.
 *
 * Memory is bounded: at most `maxAddresses` addresses and `knownPerAddress` codes each.
 * Time comes from an injectable clock so tests can drive it.
 */

export interface GuessThrottleOptions {
  /** Misses within the window that trigger a cool-down. */
  readonly maxMisses: number;
  readonly windowMs: number;
  readonly coolDownMs: number;
  /** Addresses tracked at once (oldest forgotten first when full). */
  readonly maxAddresses: number;
  /** Codes remembered as known per address (oldest forgotten first). */
  readonly knownPerAddress: number;
}

export const DEFAULT_GUESS_THROTTLE: GuessThrottleOptions = {
  maxMisses: 20,
  windowMs: 60_000,
  coolDownMs: 5 * 60_000,
  maxAddresses: 10_000,
  knownPerAddress: 32,
};

/** The refusal, as an HTTP error code and a sentence to show. */
export const TOO_MANY_GUESSES = "too-many-guesses";
export const TOO_MANY_GUESSES_MESSAGE =
  "Too many wrong class codes from this network: check the code with your instructor and try again in a few minutes.";

interface Entry {
  /** Times of recent misses (at most maxMisses, oldest first). */
  misses: number[];
  blockedUntil: number;
  /** Insertion-ordered, so the first is the oldest. */
  known: Set<string>;
}

export class GuessThrottle {
  private readonly byAddress = new Map<string, Entry>();

  constructor(
    private readonly o: GuessThrottleOptions = DEFAULT_GUESS_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this address may look `code` up now (a code it knows always may). */
  allows(address: string, code: unknown): boolean {
    const e = this.byAddress.get(addressKey(address));
    if (!e || e.blockedUntil <= this.now()) return true;
    return typeof code === "string" && e.known.has(code);
  }

  /** Milliseconds left in this address's cool-down (0 when none). */
  coolDownLeft(address: string): number {
    const e = this.byAddress.get(addressKey(address));
    return e ? Math.max(0, e.blockedUntil - this.now()) : 0;
  }

  /** A lookup from this address found no classroom. */
  miss(address: string): void {
    const t = this.now();
    const e = this.entry(addressKey(address));
    while (e.misses.length > 0 && e.misses[0]! <= t - this.o.windowMs) e.misses.shift();
    e.misses.push(t);
    if (e.misses.length >= this.o.maxMisses) {
      e.blockedUntil = t + this.o.coolDownMs;
      e.misses = [];
    }
  }

  /** A lookup from this address found the classroom `code` (or the address created it). */
  hit(address: string, code: string): void {
    const e = this.entry(addressKey(address));
    e.known.delete(code);
    e.known.add(code);
    if (e.known.size > this.o.knownPerAddress) e.known.delete(e.known.values().next().value!);
  }

  /** Addresses currently tracked (for tests and metrics). */
  get size(): number {
    return this.byAddress.size;
  }

  private entry(key: string): Entry {
    let e = this.byAddress.get(key);
    if (e) return e;
    if (this.byAddress.size >= this.o.maxAddresses) this.prune();
    e = { misses: [], blockedUntil: 0, known: new Set() };
    this.byAddress.set(key, e);
    return e;
  }

  /** Drops entries that no longer matter; if none, the oldest one, so the map stays bounded. */
  private prune(): void {
    const t = this.now();
    for (const [k, e] of this.byAddress) {
      if (
        e.blockedUntil <= t &&
        (e.misses.length === 0 || e.misses[e.misses.length - 1]! <= t - this.o.windowMs) &&
        e.known.size === 0
      )
        this.byAddress.delete(k);
    }
    if (this.byAddress.size >= this.o.maxAddresses) this.byAddress.delete(this.byAddress.keys().next().value!);
  }
}

/**
 * The key an address is counted under: IPv4-mapped IPv6 as plain IPv4, and other IPv6
 * addresses by their /64 prefix, because one host or home routinely holds a whole /64 and
 * could otherwise rotate through addresses to dodge the count.
 */
export function addressKey(remote: string | undefined): string {
  if (!remote) return "?";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote);
  if (mapped) return mapped[1]!;
  if (!remote.includes(":")) return remote;
  const [head = "", tail = ""] = remote.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = remote.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || "0").toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
