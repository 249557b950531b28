/**
 * The room's patch serializer: Colyseus's SchemaSerializer, except that a client is sent
 * only a patch that has something in it for them.
 *
 * Colyseus 0.16 encodes a StateView patch for every client whenever anything in the state
 * changed, and writes it to every socket, even when all it holds is the one-byte header.
 * In a classroom most ticks change a few students' clusters: the other clients' patches
 * were empty, yet each cost a walk of every changed object (to test it against the
 * client's view) and a socket write, about 20 µs a client on loopback. Here:
 * - the changed filtered objects are attributed once per patch to their *scope* (the
 *   ClusterState they belong to); a client whose view holds none of the scopes touched,
 *   and has no view changes of its own, gets only the shared part — no per-view encoding;
 * - a patch with nothing in it (the shared part is empty, and so is the client's view part)
 *   is not written at all.
 * A filtered change that belongs to no scope (a cluster added to or removed from the
 * filtered map) falls back to encoding every client's view, as Colyseus does.
 */
import { ClientState, Protocol, SchemaSerializer, type Client } from "@colyseus/core";
import { $changes, type Schema, type StateView } from "@colyseus/schema";

/** The parts of @colyseus/schema's encoder internals read here (3.0.x). */
interface Tree {
  readonly ref: object;
  readonly parent: object | undefined;
}
interface TreeNode {
  readonly changeTree: Tree;
  readonly next?: TreeNode;
}
interface EncoderInternals {
  readonly hasChanges: boolean;
  readonly sharedBuffer: Buffer;
  readonly root: { readonly filteredChanges: { readonly next?: TreeNode } };
  encode(it: { offset: number }): Buffer;
  encodeView(view: StateView, sharedOffset: number, it: { offset: number }): Buffer;
  discardChanges(): void;
}
interface ViewInternals {
  readonly visible: WeakSet<object>;
  readonly changes: Map<number, unknown>;
}

export class PatchSerializer<T extends Schema> extends SchemaSerializer<T> {
  constructor(private readonly isScope: (ref: object) => boolean) {
    super();
  }

  override applyPatches(clients: Client[]): boolean {
    if (!this.hasFilters) return super.applyPatches(clients);
    const enc = this.encoder as unknown as EncoderInternals;
    if (clients.length === 0 || !enc.hasChanges) return super.applyPatches(clients);
    this.needFullEncode = true;
    const it = { offset: 1 };
    enc.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
    const shared = enc.encode(it);
    const sharedOffset = it.offset;
    const scopes = this.touchedScopes(enc);
    for (const client of clients) {
      if (client.state !== ClientState.JOINED) continue;
      const view = client.view as (StateView & ViewInternals) | undefined;
      let patch = shared;
      if (view && (scopes === null || view.changes.size > 0 || sees(view, scopes)))
        patch = enc.encodeView(view, sharedOffset, it);
      // Only the header: nothing for this client.
      if (patch.length > 1) client.raw(patch);
    }
    enc.discardChanges();
    return true;
  }

  /** The scopes (their change trees) of this patch's filtered changes; null when one has none. */
  private touchedScopes(enc: EncoderInternals): Set<object> | null {
    const scopes = new Set<object>();
    for (let node = enc.root.filteredChanges.next; node; node = node.next) {
      let tree: Tree | undefined = node.changeTree;
      while (tree && !this.isScope(tree.ref)) tree = (tree.parent as { [$changes]?: Tree } | undefined)?.[$changes];
      if (!tree) return null;
      scopes.add(tree);
    }
    return scopes;
  }
}

function sees(view: ViewInternals, scopes: Set<object>): boolean {
  for (const s of scopes) if (view.visible.has(s)) return true;
  return false;
}
