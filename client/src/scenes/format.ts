/** Human units for CPU (millicores) and memory (MiB), shared by the scene and the DOM. */
export function fmtCpu(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(m % 1000 === 0 ? 0 : 1)} cores` : `${m} m`;
}

export function fmtMem(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(mib % 1024 === 0 ? 0 : 1)} GiB` : `${mib} MiB`;
}
