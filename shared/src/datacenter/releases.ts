/**
 * Releases of a service's app. A Deployment's pod template changes (new requests or
 * limits) are marked by adding TEMPLATE_STEP to the release number, as a real Deployment
 * hashes its template: the app version stays `release % TEMPLATE_STEP`.
 */
import type { ReleaseSpec, ServiceSpec } from "../model/scenario.ts";

export const TEMPLATE_STEP = 1000;

export function appRelease(release: number): number {
  return release % TEMPLATE_STEP;
}

/** The release spec an instance runs (the first one if the number is unknown). */
export function releaseSpec(spec: ServiceSpec, release: number): ReleaseSpec {
  const v = appRelease(release);
  for (const r of spec.releases) if (r.version === v) return r;
  return spec.releases[0]!;
}
