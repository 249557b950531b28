/**
 * What a student's socket received during the played window: the payload of every
 * WebSocket message (a listener on the socket under colyseus.js) and, where the socket
 * exposes it, the TCP bytes read.
 */
import type { Room } from "colyseus.js";

export const BYTES_SOURCE =
  "payload bytes of every WebSocket message received on each student's socket (ws 'message' listener on room.connection.transport.ws) during the played window; wire bytes from the socket's TCP bytesRead";

interface Ws {
  addEventListener?: (t: string, f: (e: { data: unknown }) => void) => void;
  _socket?: { bytesRead: number };
}

export class ReceivedBytes {
  private payload = 0;
  private readonly socket: { bytesRead: number } | null;
  private payloadAtStart = 0;
  private wireAtStart = 0;
  private payloadAtEnd = 0;
  private wireAtEnd = 0;

  constructor(room: Room) {
    const transport = room.connection?.transport as unknown as { ws?: unknown } | undefined;
    const ws = (transport?.ws ?? null) as Ws | null;
    ws?.addEventListener?.("message", (e) => {
      this.payload += byteLength(e.data);
    });
    this.socket = ws?._socket ?? null;
  }

  /** Whether the TCP byte count is known. */
  get wireKnown(): boolean {
    return this.socket !== null;
  }

  open(): void {
    this.payloadAtStart = this.payload;
    this.wireAtStart = this.socket?.bytesRead ?? 0;
  }

  close(): void {
    this.payloadAtEnd = this.payload;
    this.wireAtEnd = this.socket?.bytesRead ?? 0;
  }

  get payloadInWindow(): number {
    return this.payloadAtEnd - this.payloadAtStart;
  }

  get wireInWindow(): number {
    return this.wireAtEnd - this.wireAtStart;
  }
}

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (typeof data === "string") return Buffer.byteLength(data);
  if (Array.isArray(data)) return data.reduce((n: number, b: unknown) => n + byteLength(b), 0);
  return 0;
}
