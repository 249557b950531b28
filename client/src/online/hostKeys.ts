/**
 * What the browser remembers about classrooms, in localStorage: a student's seat token per
 * code (a refresh returns to the same seat) and the keys of the rooms this browser hosts.
 * Kept apart from classroom.ts so the menu's forms do not load colyseus.js.
 */
export const seatKey = (code: string) => `overcommit.seat.${code.toUpperCase()}`;
const hostKeyKey = (code: string) => `overcommit.host.${code.toUpperCase()}`;

export function savedSeatToken(code: string): string | null {
  return localStorage.getItem(seatKey(code));
}

export function saveHostKeys(code: string, keys: { hostKey: string; projectorKey: string }): void {
  localStorage.setItem(hostKeyKey(code), JSON.stringify(keys));
}

export function savedHostKeys(code: string): { hostKey: string; projectorKey: string } | null {
  const raw = localStorage.getItem(hostKeyKey(code));
  return raw ? (JSON.parse(raw) as { hostKey: string; projectorKey: string }) : null;
}
