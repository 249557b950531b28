/**
 * Pending seat reservations of one classroom room. A join first reserves a seat over HTTP
 * and then has 15 s to connect; Colyseus counts reservations against the room's capacity,
 * so a script reserving without ever connecting could fill the room and lock everyone out,
 * the instructor included. Here reservations are bounded by who asks:
 *
 * - a **stranger** (a new student): at most `perAddress` pending from one address (IPv6
 *   per /64) and `strangers` in the room, so one address cannot lock out the class;
 * - a **returning seat** (a valid seat token): at most `perSeat` pending for that seat;
 * - a **viewer** (host or projector key): at most `viewers` pending.
 *
 * Each kind has its own bound, so strangers' reservations never keep the host, the
 * projector or a returning student out. A reservation stops being pending when its client
 * connects or it expires; `stillPending` asks the room which.
 */

export interface PendingLimits {
  readonly perAddress: number;
  readonly strangers: number;
  readonly perSeat: number;
  readonly viewers: number;
}

/**
 * A class of 40 behind one school NAT joining in the same second stays under `perAddress`
 * (a reservation is pending for one round trip); a script needs three addresses to crowd
 * new students out, and nothing keeps the instructor or a returning student out.
 */
export const PENDING_LIMITS: PendingLimits = { perAddress: 40, strangers: 120, perSeat: 2, viewers: 10 };

/** Who a reservation is for: a new student, a returning seat, or the host/projector. */
export type Claimant =
  { readonly kind: "stranger" } | { readonly kind: "seat"; readonly seat: string } | { readonly kind: "viewer" };

interface Pending {
  readonly claimant: Claimant;
  readonly address: string;
}

export class PendingSeats {
  private readonly bySession = new Map<string, Pending>();

  constructor(
    private readonly limits: PendingLimits,
    private readonly stillPending: (sessionId: string) => boolean,
  ) {}

  /** Why another reservation for `claimant` from `address` must wait, or null if it may be made. */
  refusal(claimant: Claimant, address: string): string | null {
    this.prune();
    let same = 0;
    let strangers = 0;
    let fromAddress = 0;
    for (const p of this.bySession.values()) {
      if (p.claimant.kind === "stranger") {
        strangers++;
        if (p.address === address) fromAddress++;
      }
      if (
        p.claimant.kind === claimant.kind &&
        (claimant.kind !== "seat" || (p.claimant.kind === "seat" && p.claimant.seat === claimant.seat))
      )
        same++;
    }
    switch (claimant.kind) {
      case "stranger":
        if (fromAddress >= this.limits.perAddress)
          return "Too many people are joining from your network at this moment: try again in a few seconds.";
        if (strangers >= this.limits.strangers)
          return "Too many people are joining this class at this moment: try again in a few seconds.";
        return null;
      case "seat":
        return same >= this.limits.perSeat
          ? "Your seat is already being joined from another tab: try again in a few seconds."
          : null;
      case "viewer":
        return same >= this.limits.viewers
          ? "Too many instructor screens are joining at once: try again in a few seconds."
          : null;
    }
  }

  add(sessionId: string, claimant: Claimant, address: string): void {
    this.bySession.set(sessionId, { claimant, address });
  }

  /** Reservations still waiting for their client (for tests and metrics). */
  get size(): number {
    this.prune();
    return this.bySession.size;
  }

  private prune(): void {
    for (const id of this.bySession.keys()) if (!this.stillPending(id)) this.bySession.delete(id);
  }
}
