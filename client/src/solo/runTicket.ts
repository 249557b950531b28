/**
 * The run ticket of a solo run. It is asked for when the run starts: the server hands it
 * out then, and a finished run is submitted with it (server/src/runTickets.ts). Without a
 * server the run plays all the same; only its submission is off, and the debrief says why
 * in a sentence.
 */
import { runTicket } from "../online/api.ts";
import type { PlayOptions } from "../ui/nav.ts";

export type TicketState =
  { readonly state: "ok"; readonly ticket: string } | { readonly state: "none"; readonly why: string };

export interface RunTicket {
  /** What is known now (undefined while the server has not answered). */
  current: TicketState | undefined;
  readonly ready: Promise<TicketState>;
}

export function requestRunTicket(opts: PlayOptions): RunTicket {
  const holder: { current: TicketState | undefined; ready: Promise<TicketState> } = {
    current: undefined,
    ready: Promise.resolve({ state: "none", why: "" }),
  };
  holder.ready = runTicket(
    opts.assignment ? { assignment: opts.assignment } : { scenario: opts.scenarioId, seed: opts.seed },
  ).then((r): TicketState => {
    const why = r.ok
      ? ""
      : r.code === "no-server"
        ? "This run cannot be submitted: the server could not be reached when it started, so it has no run ticket (the round itself is saved here)."
        : `This run cannot be submitted: ${r.message}`;
    holder.current = r.ok ? { state: "ok", ticket: r.ticket } : { state: "none", why };
    return holder.current;
  });
  return holder;
}
