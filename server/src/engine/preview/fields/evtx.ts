/**
 * Windows events exported to JSON (evtx_dump, python-evtx, SigmaHQ's regression data) nest the
 * fields Sigma names under `Event.System` and `Event.EventData`, with XML attributes under
 * `#attributes` and element text under `#text`. Flattening follows the Sigma spec's "Field Usage":
 * attributes become `Tag_Attribute` (`Provider_Name`, `Execution_ProcessID`), `<Data Name="X">`
 * becomes `X`, and UserData leaves keep their own names.
 */
import type { TelemetryEvent } from '../types';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The `Event` object of an EVTX-style export, or null when the record has another shape. */
export function evtxRoot(event: TelemetryEvent): Obj | null {
  const e = event.Event;
  if (isObj(e) && (isObj(e.System) || isObj(e.EventData) || isObj(e.UserData))) return e;
  if (isObj(event.System) && (isObj(event.EventData) || isObj(event.UserData) || 'EventID' in event.System)) return event;
  return null;
}

/** `{"#text": 4688, "#attributes": {...}}` → 4688; other values unchanged. */
function textOf(v: unknown): unknown {
  if (isObj(v) && '#text' in v) return v['#text'];
  return v;
}

/** Field paths (dotted, from the record root) of every flattened field, for highlighting. */
export interface Flattened {
  values: Map<string, unknown>;
  paths: Map<string, string>;
}

export function flattenEvtx(root: Obj, rootPath: string): Flattened {
  const out: Flattened = { values: new Map(), paths: new Map() };
  // Paths are concatenated, not joined from arrays: this runs for every event of an EVTX sample.
  const base = rootPath ? rootPath + '.' : '';
  if (isObj(root.System)) flattenSystem(out, root.System, base + 'System.');
  if (isObj(root.EventData)) flattenEventData(out, root.EventData, base + 'EventData.');
  if (root.UserData !== undefined) flattenLeaves(out, root.UserData, 'UserData', base + 'UserData');
  return out;
}

/** The first value under a name wins (System before EventData before UserData). */
function put(out: Flattened, k: string, v: unknown, path: string): void {
  if (!out.values.has(k)) {
    out.values.set(k, v);
    out.paths.set(k, path);
  }
}

/** `System` children: values, `#text` of elements, and attributes as `Tag_Attribute`. */
function flattenSystem(out: Flattened, system: Obj, prefix: string): void {
  for (const k of Object.keys(system)) {
    const v = system[k];
    if (isObj(v)) {
      const attrs = v['#attributes'];
      if (isObj(attrs)) for (const a of Object.keys(attrs)) put(out, `${k}_${a}`, attrs[a], prefix + k + '.#attributes.' + a);
      if ('#text' in v) put(out, k, v['#text'], prefix + k + '.#text');
    } else put(out, k, v, prefix + k);
  }
}

/** `EventData`: named values, or a `Data` list of `<Data Name="X">` elements. */
function flattenEventData(out: Flattened, data: Obj, prefix: string): void {
  for (const k of Object.keys(data)) {
    if (k === '#attributes') continue;
    const v = data[k];
    if (k === 'Data' && Array.isArray(v)) {
      v.forEach((d, i) => {
        const attrs = isObj(d) ? d['#attributes'] : undefined;
        const name = isObj(attrs) ? attrs.Name : isObj(d) ? (d['@Name'] ?? d.Name) : undefined;
        if (typeof name === 'string') put(out, name, isObj(d) ? (d['#text'] ?? d['$'] ?? d.value ?? null) : d, prefix + 'Data.' + i);
      });
      put(out, 'Data', v.map(textOf), prefix + 'Data');
    } else put(out, k, textOf(v), prefix + k);
  }
}

/** UserData: leaves under their own names, attributes as `Parent_Attribute`. */
function flattenLeaves(out: Flattened, v: unknown, name: string, path: string): void {
  if (!isObj(v)) {
    put(out, name, v, path);
    return;
  }
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (k === '#attributes' && isObj(x)) {
      for (const a of Object.keys(x)) put(out, `${name}_${a}`, x[a], path + '.#attributes.' + a);
    } else if (k === '#text') put(out, name, x, path + '.#text');
    else flattenLeaves(out, x, k, path + '.' + k);
  }
}
