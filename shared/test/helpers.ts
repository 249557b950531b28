/** Test helpers: run a world for a while and collect what happened. */
import { step, type Command, type GameEvent, type World } from "../src/index.ts";

/** Steps `ticks` times (commands on the first step only) and returns every event. */
export function run(w: World, ticks: number, first: Command[] = []): GameEvent[] {
  const out: GameEvent[] = [];
  for (let k = 0; k < ticks; k++) {
    const r = step(w, k === 0 ? first : []);
    if (k === 0) for (const res of r.results) if (!res.ok) throw new Error(`refused: ${res.code} ${res.message}`);
    out.push(...r.events);
  }
  return out;
}

/** Steps until the predicate holds (at most `limit` ticks); returns the ticks taken. */
export function until(w: World, pred: (w: World) => boolean, limit = 5000): number {
  for (let k = 0; k < limit; k++) {
    if (pred(w)) return k;
    step(w, []);
  }
  throw new Error("condition never became true");
}

export function send(w: World, ...cmds: Command[]) {
  return step(w, cmds);
}
