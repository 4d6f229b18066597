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
  const values = new Map<string, unknown>();
  const paths = new Map<string, string>();
  const put = (k: string, v: unknown, path: string): void => {
    if (!values.has(k)) {
      values.set(k, v);
      paths.set(k, path);
    }
  };
  const at = (...parts: string[]): string => [rootPath, ...parts].filter((p) => p).join('.');
  const system = root.System;
  if (isObj(system)) {
    for (const [k, v] of Object.entries(system)) {
      if (isObj(v)) {
        const attrs = v['#attributes'];
        if (isObj(attrs)) for (const [a, av] of Object.entries(attrs)) put(`${k}_${a}`, av, at('System', k, '#attributes', a));
        if ('#text' in v) put(k, v['#text'], at('System', k, '#text'));
      } else put(k, v, at('System', k));
    }
  }
  const data = root.EventData;
  if (isObj(data)) {
    for (const [k, v] of Object.entries(data)) {
      if (k === '#attributes') continue;
      if (k === 'Data' && Array.isArray(v)) {
        v.forEach((d, i) => {
          const attrs = isObj(d) ? d['#attributes'] : undefined;
          const name = isObj(attrs) ? attrs.Name : isObj(d) ? (d['@Name'] ?? d.Name) : undefined;
          if (typeof name === 'string') put(name, isObj(d) ? (d['#text'] ?? d['$'] ?? d.value ?? null) : d, at('EventData', 'Data', String(i)));
        });
        put('Data', v.map(textOf), at('EventData', 'Data'));
      } else put(k, textOf(v), at('EventData', k));
    }
  }
  const leaves = (v: unknown, path: string[]): void => {
    if (isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k === '#attributes' && isObj(x)) {
          for (const [a, av] of Object.entries(x)) if (path.length > 0) put(`${path[path.length - 1]}_${a}`, av, at(...path, '#attributes', a));
        } else if (k === '#text') put(path[path.length - 1] ?? '#text', x, at(...path, '#text'));
        else leaves(x, [...path, k]);
      }
    } else if (path.length > 0) put(path[path.length - 1], v, at(...path));
  };
  if (root.UserData !== undefined) leaves(root.UserData, ['UserData']);
  return { values, paths };
}
