// Image pulls as the kubelet makes them by default: serialised, one image at a time per node
// (KubeletConfiguration serializeImagePulls: true), and a failed pull backing off before it is
// tried again (pkg/kubelet/images/image_manager.go EnsureImageExists: ErrImagePull, then
// ImagePullBackOff on the kubelet's flowcontrol.Backoff of 10 s to 300 s).
import { describe, expect, it } from "vitest";
import { createWorld, pullBackoff, step, type World } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

describe("the back-off after a failed pull", () => {
  it.each([
    { why: "first failure: 10 s", backoff: 0, since: 0, next: 10 },
    { why: "then it doubles", backoff: 10, since: 10, next: 20 },
    { why: "up to 300 s", backoff: 160, since: 160, next: 300 },
    { why: "and stays there", backoff: 300, since: 300, next: 300 },
    { why: "600 s after the last failure it starts over (2 × the maximum)", backoff: 300, since: 601, next: 10 },
  ])("$why", ({ backoff, since, next }) => {
    expect(pullBackoff(backoff, since)).toBe(next);
  });
});

function twoImages(): World {
  const sc = scenario({
    services: [service({ id: "web", imageMB: 200 }), service({ id: "api", name: "API", imageMB: 100 })],
    start: { nodes: [{ type: "medium", mode: "container-host" }], instances: [] },
  });
  return createWorld(sc, 1);
}

const runningAt = (w: World, id: number): number => {
  until(w, (x) => x.instances.find((i) => i.id === id)!.state === "running", 500);
  return w.tick;
};

describe("pulls on a node", () => {
  it("are serialised: the second image downloads after the first", () => {
    const w = twoImages();
    send(
      w,
      { type: "deploy", service: "web", runtime: "container", node: 0 },
      { type: "deploy", service: "api", runtime: "container", node: 0 },
    );
    const [web, api] = w.instances;
    // web: 200 MB at 50 MB/s = 4 s, then 2 s to start; api: 2 s of download after web's, then 2 s.
    expect(runningAt(w, api!.id)).toBe(1 + 4 + 2 + 2 - 1);
    expect(w.instances.find((i) => i.id === web!.id)!.state).toBe("running");
  });

  it("back off while the registry is down and resume at their next try, not when it returns", () => {
    const w = twoImages();
    const events = [
      ...send(
        w,
        { type: "inject", incident: "registry-outage", target: "any", size: 100 },
        { type: "deploy", service: "web", runtime: "container", node: 0 },
      ).events,
    ];
    while (w.instances[0]!.state !== "running") events.push(...step(w, []).events);
    const failures = events.filter((e) => e.type === "pull-backoff");
    const waits = failures.map((e) => e.a);
    const lastTry = failures[failures.length - 1]!.tick + waits[waits.length - 1]!;
    // The outage lasts 100 s: tries fail at 1, 11, 31 and 71 s; the one at 151 s succeeds.
    expect(waits).toEqual([10, 20, 40, 80]);
    expect(lastTry).toBe(151);
    // 4 s of download from the try at 151, then 2 s to start.
    expect(w.tick).toBe(151 + 4 + 2 - 1);
  });

  it("a cached image still starts during an outage", () => {
    const w = twoImages();
    send(w, { type: "deploy", service: "web", runtime: "container", node: 0 });
    until(w, (x) => x.instances[0]!.state === "running");
    send(
      w,
      { type: "inject", incident: "registry-outage", target: "any", size: 100 },
      { type: "deploy", service: "web", runtime: "container", node: 0 },
    );
    expect(w.instances[1]!.cause).toBe("image-cached");
  });
});
