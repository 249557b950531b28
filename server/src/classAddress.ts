/**
 * The address a class should open: printed at start-up and shown on the instructor's page
 * and the projector, since the instructor's own browser often uses localhost, which no
 * student can reach. PUBLIC_ADDRESS when set (what the deployment says clients use), else
 * the machine's first LAN address when the server listens on every interface, else HOST.
 */
import { networkInterfaces } from "node:os";
import type { Config } from "./config.ts";

/** Interfaces of containers and virtual machines on this host: students are never on them. */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|cni|flannel|tun|tap)/;

/** The addresses students on the same network can reach, physical interfaces first. */
export function lanAddresses(): string[] {
  const physical: string[] = [];
  const virtual: string[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? [])
      if (a.family === "IPv4" && !a.internal) (VIRTUAL.test(name) ? virtual : physical).push(a.address);
  }
  return [...physical, ...virtual];
}

const LOOPBACK = /^(localhost|127\.|::1$|\[::1\])/;

/** PUBLIC_ADDRESS as a URL: `host:port` gets http:// (https:// on port 443); a full URL stays. */
function publicUrl(address: string): string {
  if (/^https?:\/\//.test(address)) return address.replace(/\/+$/, "");
  return address.endsWith(":443") ? `https://${address.slice(0, -4)}` : `http://${address}`;
}

/** The URLs a class can open, best first; empty when the server is reachable only from this machine. */
export function classUrls(
  config: Pick<Config, "publicAddress" | "host">,
  port: number,
  lan: readonly string[] = lanAddresses(),
): string[] {
  if (config.publicAddress) return [publicUrl(config.publicAddress)];
  if (config.host === "0.0.0.0" || config.host === "::") return lan.map((a) => `http://${a}:${port}`);
  if (LOOPBACK.test(config.host)) return [];
  return [`http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`];
}
