/**
 * Command-line flags for the project's CLIs: `--name value` pairs and bare `--switch`es,
 * with the same plain-English refusals everywhere (unknown argument, missing value, given
 * twice).
 */
export interface Flags {
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

export function readFlags(
  argv: readonly string[],
  valueFlags: ReadonlySet<string>,
  switchFlags: ReadonlySet<string>,
): { ok: true; flags: Flags } | { ok: false; error: string } {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (switchFlags.has(a)) {
      switches.add(a);
      continue;
    }
    if (!valueFlags.has(a)) return { ok: false, error: `Unknown argument "${a.slice(0, 60)}".` };
    const val = argv[k + 1];
    if (val === undefined || val.startsWith("--")) return { ok: false, error: `${a} needs a value.` };
    if (values.has(a)) return { ok: false, error: `${a} is given twice.` };
    values.set(a, val);
    k++;
  }
  return { ok: true, flags: { values, switches } };
}
