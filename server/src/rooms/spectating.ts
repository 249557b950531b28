/**
 * Spectating: a host or projector watches one cluster at a time. The choice is answered at
 * once, and applied to the client's StateView once per patch (SpectatorViews, called from
 * the room's onBeforePatch), not per message: a cluster added to a view and removed again
 * before the next patch leaves that client unable to decode its later patches ('"refId"
 * not found'; schema 3.0, found by the fuzz suite with a few spectate messages within one
 * patch — a quick double click).
 */
import type { Client } from "@colyseus/core";
import type { StateView } from "@colyseus/schema";
import type { Classroom, ClientData } from "./classroom.ts";
import { refuseMessage, reply } from "./replies.ts";
import type { ClassroomState } from "./schema.ts";

/** A host or projector chooses the cluster to watch ("" for none); their view follows at the next patch. */
export function spectate(room: Classroom, client: Client<ClientData>, seq: number, clusterId: unknown): void {
  const data = client.userData!;
  const next = typeof clusterId === "string" ? room.state.clusters.get(clusterId) : undefined;
  if (clusterId !== "" && !next)
    return refuseMessage(room, client, seq, "bad-field", "There is no such cluster to watch.");
  data.spectating = next ? (clusterId as string) : "";
  reply(client, { seq, ok: true, code: "", message: "", tick: room.round.tick });
}

/** What each host's or projector's StateView holds, brought in line with what they chose before each patch. */
export class SpectatorViews {
  /**
   * The cluster each view holds now; keyed by the view, which Colyseus hands over to the
   * new client object on a reconnection.
   */
  private readonly viewing = new WeakMap<StateView, string>();

  apply(clients: readonly Client<ClientData>[], state: ClassroomState): void {
    for (const client of clients) {
      const data = client.userData;
      const view = client.view;
      if (!data || !view || data.role === "student") continue;
      const now = this.viewing.get(view) ?? "";
      if (now === data.spectating) continue;
      const prev = now ? state.clusters.get(now) : undefined;
      if (prev) view.remove(prev);
      const next = data.spectating ? state.clusters.get(data.spectating) : undefined;
      if (next) view.add(next);
      this.viewing.set(view, data.spectating);
    }
  }
}
