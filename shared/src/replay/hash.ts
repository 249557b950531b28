/**
 * The canonical state hash of a world: the same in Node, in every browser and in the CLI.
 *
 * The world is walked in a fixed order (object keys sorted, arrays in order; the scenario
 * is represented by its id and version) and fed to two independent 32-bit FNV-1a-style
 * hashes built on Math.imul, giving 64 bits as 16 hex digits. Only integers, strings,
 * booleans and null occur in a world, so there is no floating-point formatting to differ.
 */
import type { World } from "../model/model.ts";

class Hasher {
  h1 = 0x811c9dc5;
  h2 = 0x01000193 ^ 0x5bd1e995;
  str(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.h1 = Math.imul(this.h1 ^ c, 0x01000193);
      this.h2 = Math.imul(this.h2 ^ c, 0x5bd1e995);
      this.h2 ^= this.h2 >>> 15;
    }
  }
  value(v: unknown): void {
    if (v === null || v === undefined) return this.str("~");
    switch (typeof v) {
      case "number":
        return this.str(Number.isInteger(v) ? `${v};` : `f${v};`);
      case "string":
        return this.str(`"${v.length}:${v}`);
      case "boolean":
        return this.str(v ? "T" : "F");
      case "object":
        if (Array.isArray(v)) {
          this.str("[");
          for (const x of v) this.value(x);
          return this.str("]");
        }
        if (ArrayBuffer.isView(v)) {
          this.str("<");
          const a = v as unknown as ArrayLike<number>;
          for (let i = 0; i < a.length; i++) this.str(`${a[i]},`);
          return this.str(">");
        }
        this.str("{");
        for (const k of Object.keys(v as object).sort()) {
          this.str(k);
          this.value((v as Record<string, unknown>)[k]);
        }
        return this.str("}");
      default:
        return this.str("?");
    }
  }
  hex(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, "0") + (this.h2 >>> 0).toString(16).padStart(8, "0");
  }
}

export function stateHash(w: World): string {
  const h = new Hasher();
  h.str(`${w.scenario.id}@${w.scenario.version}`);
  for (const k of Object.keys(w).sort()) {
    if (k === "scenario") continue;
    h.str(k);
    h.value((w as unknown as Record<string, unknown>)[k]);
  }
  return h.hex();
}
