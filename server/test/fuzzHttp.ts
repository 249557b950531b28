/**
 * The fuzz suite's raw HTTP (fuzz.test.ts): a request sent as generated, whose answer must
 * be well-formed (no 5xx; an API refusal is JSON with a code and a message), and a
 * WebSocket upgrade to a made-up path followed by garbage bytes, which must be refused or
 * closed. What is wrong with an answer is added to `problems`; every request is counted.
 */
import { request, type Agent } from "node:http";
import { bump, counts } from "./fuzzAttacker.ts";
import type { Rng } from "./fuzzInputs.ts";
import type { FuzzRequest } from "./fuzzRequests.ts";

export function sendRequest(port: number, agent: Agent, req: FuzzRequest, problems: string[]): Promise<void> {
  return new Promise<void>((resolve) => {
    // Framed with a length: Node's client would send a DELETE/OPTIONS body unframed, and
    // the server would rightly read it as a second, malformed request.
    const headers = req.body ? { ...req.headers, "content-length": String(req.body.length) } : req.headers;
    // A quarter from one address (which soon meets the rate limits and the guessing
    // throttle), the rest spread over 64 loopback addresses so most lookups reach the
    // routes behind those limits.
    const localAddress = counts.http % 4 === 0 ? "127.0.0.1" : `127.0.0.${10 + (counts.http % 64)}`;
    const r = request(
      { host: "127.0.0.1", port, localAddress, method: req.method, path: req.path, headers, agent, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          counts.http++;
          bump(counts.httpStatus, status);
          const what = `${req.method} ${req.path.slice(0, 120)} [${req.headers["content-type"] ?? ""}] → ${status}`;
          if (status >= 500) problems.push(`${what}: ${Buffer.concat(chunks).toString().slice(0, 200)}`);
          if (status >= 400 && req.path.startsWith("/api") && req.method !== "HEAD") {
            let body: any = null;
            try {
              body = JSON.parse(Buffer.concat(chunks).toString());
            } catch {
              // reported below
            }
            if (typeof body?.code !== "string" || typeof body?.message !== "string")
              problems.push(`${what}: not a JSON error: ${Buffer.concat(chunks).toString().slice(0, 120)}`);
          }
          resolve();
        });
      },
    );
    // A request the server never answers (or resets) is a finding too.
    r.on("timeout", () => {
      problems.push(`${req.method} ${req.path.slice(0, 120)}: no answer in 10 s`);
      r.destroy();
    });
    r.on("error", (e) => {
      // The server may close a connection after refusing a huge body; that is an answer.
      if (!/ECONNRESET|EPIPE|socket hang up/.test(e.message))
        problems.push(`${req.method} ${req.path.slice(0, 120)}: ${e.message}`);
      counts.http++;
      resolve();
    });
    r.end(req.body);
  });
}

/** An upgrade to `path` fed garbage; true when the server upgraded it (then closed it). */
export function garbageUpgrade(port: number, path: string, rng: Rng, k: number, problems: string[]): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const r = request({
      host: "127.0.0.1",
      port,
      path,
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": rng.pick(["13", "8", "x"]),
        "sec-websocket-key": rng.chance(0.9) ? Buffer.from(String(k).padStart(16, "0")).toString("base64") : "bad",
      },
    });
    r.on("upgrade", (_res, socket) => {
      socket.on("error", () => undefined);
      socket.write(Buffer.from(new Uint8Array(1 + rng.int(64)).map(() => rng.int(256))));
      setTimeout(() => {
        socket.destroy();
        resolve(true);
      }, 5);
    });
    r.on("response", (res) => {
      if ((res.statusCode ?? 0) >= 500) problems.push(`upgrade ${path.slice(0, 80)} → ${res.statusCode}`);
      res.resume();
      resolve(false);
    });
    r.on("error", () => resolve(false));
    r.setTimeout(5000, () => {
      problems.push(`upgrade ${path.slice(0, 80)}: no answer in 5 s`);
      r.destroy();
    });
    r.end();
  });
}
