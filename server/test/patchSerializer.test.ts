// The room's patch serializer against Colyseus's own: the same rounds, mirrored into two
// identical states, one encoded by each; every client decodes its bytes with a real schema
// Decoder. Each client must end up with exactly the state Colyseus would have given it,
// while being written to only when its patch holds something.
import { describe, expect, it } from "vitest";
import { ClientState, SchemaSerializer, type Client } from "@colyseus/core";
import { Decoder, StateView } from "@colyseus/schema";
import { BOTS, type Command } from "@overcommit/shared";
import { Round } from "../src/rooms/round.ts";
import { mirrorWorld } from "../src/rooms/mirror.ts";
import { PatchSerializer } from "../src/rooms/patchSerializer.ts";
import { ClassroomState, ClusterState, RowState } from "../src/rooms/schema.ts";
import { TEST_SCENARIO } from "./scenario.ts";

interface Reader {
  readonly client: Client;
  readonly decoder: Decoder<ClassroomState>;
  writes: number;
}

/** One state with its serializer and clients: `viewers[k]` sees the clusters listed. */
function side(serializer: SchemaSerializer<ClassroomState>, clusterIds: string[], viewers: string[][]) {
  const state = new ClassroomState();
  state.phase = "running";
  for (const id of clusterIds) {
    const cs = new ClusterState();
    cs.id = id;
    state.clusters.set(id, cs);
    const row = new RowState();
    row.cluster = id;
    state.rows.set(id, row);
  }
  serializer.reset(state);
  const readers: Reader[] = viewers.map((sees) => {
    const view = new StateView();
    for (const id of sees) view.add(state.clusters.get(id)!);
    const r: Reader = {
      decoder: new Decoder(new ClassroomState()),
      writes: 0,
      client: {
        state: ClientState.JOINED,
        view,
        raw: (bytes: Buffer) => {
          r.writes++;
          r.decoder.decode(bytes, { offset: 1 });
        },
      } as unknown as Client,
    };
    return r;
  });
  // Joining: the full state for each client's view.
  for (const r of readers) r.decoder.decode(serializer.getFullState(r.client), { offset: 1 });
  // The room's first patch carries what was set before anyone joined.
  serializer.applyPatches(readers.map((r) => r.client));
  for (const r of readers) r.writes = 0;
  return { state, readers, patch: () => serializer.applyPatches(readers.map((r) => r.client)) };
}

describe("PatchSerializer", () => {
  it("gives every client the state Colyseus would, with fewer writes", () => {
    const round = new Round(TEST_SCENARIO, 11, 400);
    const ids = ["a", "b", "c", "d"].map((n) => round.addCluster(n, 0).id);
    // Students see their own cluster; the last client is an instructor who spectates one, then another.
    const viewers = [[ids[0]!], [ids[1]!], [ids[2]!], [ids[3]!], [ids[1]!]];
    const ours = side(new PatchSerializer<ClassroomState>((ref) => ref instanceof ClusterState), ids, viewers);
    const theirs = side(new SchemaSerializer<ClassroomState>(), ids, viewers);
    const bots = [BOTS.autopilot, BOTS.greedy, BOTS.idle, BOTS.autopilot];
    const clusters = [...round.clusters.values()];
    for (let t = 0; t < 160; t++) {
      clusters.forEach((c, k) => {
        for (const cmd of bots[k]!.act(c.world) as Command[]) round.enqueue(c, { cmd, onResult: () => {} });
      });
      round.stepAll();
      for (const s of [ours, theirs]) {
        // Some ticks mirror one cluster, some several, some none; the clock moves every 4th.
        clusters.forEach((c, k) => {
          if ((t + k) % 3 === 0 || t % 7 === 0)
            mirrorWorld(s.state.clusters.get(c.id)!, c.world, t % 5 === 0 ? "exact" : "periodic");
        });
        if (t % 4 === 0) {
          s.state.tick = round.tick;
          s.state.rows.get(ids[t % 4]!)!.money = clusters[t % 4]!.world.money;
        }
        if (t === 80) {
          // The instructor switches to another cluster.
          const view = s.readers[4]!.client.view!;
          view.remove(s.state.clusters.get(ids[1]!)!);
          view.add(s.state.clusters.get(ids[2]!)!);
        }
        s.patch();
      }
      ours.readers.forEach((r, k) =>
        expect(r.decoder.state.toJSON(), `client ${k} at tick ${t}`).toEqual(theirs.readers[k]!.decoder.state.toJSON()),
      );
    }
    // Each client decoded its own clusters only, and they are the real ones.
    ours.readers.forEach((r, k) => {
      const seen = Object.keys((r.decoder.state.toJSON() as { clusters: object }).clusters);
      expect(seen).toEqual(k === 4 ? [ids[2]] : viewers[k]);
    });
    const json = (x: unknown) => JSON.parse(JSON.stringify(x));
    expect(json(ours.readers[0]!.decoder.state.clusters.get(ids[0]!))).toEqual(
      json(ours.state.clusters.get(ids[0]!)!.toJSON()),
    );
    const ourWrites = ours.readers.reduce((a, r) => a + r.writes, 0);
    const theirWrites = theirs.readers.reduce((a, r) => a + r.writes, 0);
    expect(ourWrites).toBeLessThan(theirWrites * 0.8);
  });

  it("writes nothing to a client whose patch would be empty", () => {
    const round = new Round(TEST_SCENARIO, 3, 100);
    const ids = ["a", "b"].map((n) => round.addCluster(n, 0).id);
    const s = side(new PatchSerializer<ClassroomState>((ref) => ref instanceof ClusterState), ids, [
      [ids[0]!],
      [ids[1]!],
    ]);
    const [a, b] = s.readers as [Reader, Reader];
    const c0 = round.clusters.get(ids[0]!)!;
    round.enqueue(c0, { cmd: { type: "buy-node", nodeType: "small", mode: "container-host" }, onResult: () => {} });
    round.stepAll();
    mirrorWorld(s.state.clusters.get(ids[0]!)!, c0.world);
    s.patch();
    expect([a.writes, b.writes]).toEqual([1, 0]);
    // A shared change reaches everyone.
    s.state.tick = 1;
    s.patch();
    expect([a.writes, b.writes]).toEqual([2, 1]);
    // Nothing changed: nobody is written to.
    s.patch();
    expect([a.writes, b.writes]).toEqual([2, 1]);
  });
});
