/** Dotted-path lookup with a case-insensitive fallback at each step; keys containing dots win first. */
type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ownKeyCI(obj: Obj, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return key;
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return k;
  return undefined;
}

/** Resolves `a.b.c`, trying `a.b` as one key too (Zeek's `id.orig_h`, flattened ECS keys). */
export function getPathWithKeys(obj: unknown, path: string): { value: unknown; keys: string[] } | undefined {
  if (!isObj(obj)) return undefined;
  const direct = ownKeyCI(obj, path);
  if (direct !== undefined) return { value: obj[direct], keys: [direct] };
  let dot = path.indexOf('.');
  while (dot > 0) {
    const head = ownKeyCI(obj, path.slice(0, dot));
    if (head !== undefined) {
      const rest = getPathWithKeys(obj[head], path.slice(dot + 1));
      if (rest) return { value: rest.value, keys: [head, ...rest.keys] };
    }
    dot = path.indexOf('.', dot + 1);
  }
  return undefined;
}

export function getPath(obj: unknown, path: string): unknown {
  return getPathWithKeys(obj, path)?.value;
}
