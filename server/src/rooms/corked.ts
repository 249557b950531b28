/**
 * Runs a room tick with every client's socket corked, so that what one tick sends a client
 * (the answers to its commands, its events, its patch) leaves in one write.
 *
 * Each message is otherwise its own write system call: about 20 µs on loopback, and a tick
 * with commands sent a student two or three of them. Node's `cork` holds a socket's writes
 * until the matching `uncork` (the WebSocket library's own cork around each frame nests
 * inside this one). Transports without a Node socket behind the client are left alone.
 */
import type { Socket } from "node:net";

interface WithSocket {
  readonly ref?: { readonly _socket?: Socket };
}

export function corked(clients: Iterable<unknown>, f: () => void): void {
  const sockets: Socket[] = [];
  for (const c of clients) {
    const s = (c as WithSocket).ref?._socket;
    if (s && typeof s.cork === "function" && !s.destroyed) {
      s.cork();
      sockets.push(s);
    }
  }
  try {
    f();
  } finally {
    for (const s of sockets) s.uncork();
  }
}
