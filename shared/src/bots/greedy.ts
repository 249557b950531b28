/**
 * The `greedy` bot: a diligent manual operator without upgrades. Every 15 seconds it
 * restarts what crashed and, for each service, places enough instances for the demand it
 * sees right now (+10 %), first-fit, buying small nodes of the first host mode on offer
 * when nothing fits. It never looks ahead, never scales down and never removes a node.
 */
import type { Command } from "../model/commands.ts";
import { NODE_CATALOG } from "../model/constants.ts";
import type { World } from "../model/model.ts";
import type { Bot } from "../replay/simulate.ts";
import { reservedCpu, reservedMem } from "../datacenter/resources.ts";
import { activeOf, comingSlots, demandNow, fitCount, modesFor, replicaCapacity, Room, runtimeFor } from "./planning.ts";

/** A person looks at the dashboard about every 15 seconds. */
const PERIOD = 15;
const MARGIN_PCT = 110;

export const greedy: Bot = {
  name: "greedy",
  act(w: World): Command[] {
    if (w.tick % PERIOD !== 0 || w.finished) return [];
    const out: Command[] = [];
    for (const i of w.instances) if (i.state === "crashed") out.push({ type: "restart", instance: i.id });
    const room = new Room(w);
    const type = w.scenario.nodeTypes[0]!;
    for (let s = 0; s < w.services.length; s++) {
      const runtime = runtimeFor(w, s);
      const mode = modesFor(w, runtime)[0];
      if (!mode) continue;
      const spec = w.scenario.services[s]!;
      const cpu = reservedCpu(runtime, spec.cpu);
      const mem = reservedMem(runtime, spec.mem);
      const need = Math.ceil((demandNow(w, s) * MARGIN_PCT) / 100 / replicaCapacity(w, s, runtime, mode));
      let missing = need - activeOf(w, s);
      while (missing > 0) {
        const n = room.find(runtime, cpu, mem, false);
        if (!n) break;
        out.push({ type: "deploy", service: spec.id, runtime, node: n.id });
        room.take(n, cpu, mem);
        missing--;
      }
      const fit = fitCount(type, mode, cpu, mem);
      let short = missing - comingSlots(w, runtime, cpu, mem);
      while (short > 0 && fit > 0 && w.money > NODE_CATALOG[type].cost * 100) {
        out.push({ type: "buy-node", nodeType: type, mode });
        short -= fit;
      }
    }
    return out;
  },
};
