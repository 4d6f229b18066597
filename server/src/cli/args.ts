export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

/**
 * Small, strict argument parser: unknown options are usage errors rather than silently ignored,
 * which matters in CI where a typo would otherwise pass.
 */
export function parseArgs(argv: string[], spec: { values: string[]; multi?: string[]; flags: string[] }): ParsedArgs {
  const out: ParsedArgs = { positional: [], options: new Map(), flags: new Set() };
  const multi = new Set(spec.multi ?? []);
  let lastMulti: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (spec.flags.includes(name)) {
        out.flags.add(name);
        lastMulti = null;
        continue;
      }
      if (!spec.values.includes(name) && !multi.has(name)) throw new UsageError(`unknown option --${name}`);
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      const list = out.options.get(name) ?? [];
      list.push(value);
      out.options.set(name, list);
      lastMulti = multi.has(name) ? name : null;
      continue;
    }
    if (lastMulti) out.options.get(lastMulti)!.push(a);
    else out.positional.push(a);
  }
  return out;
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v && v.length > 1) throw new UsageError(`--${name} given more than once`);
  return v?.[0];
}
