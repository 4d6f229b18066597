/**
 * The BinXML tree as JSON, the way evtx_dump exports it (and so the way SigmaHQ's regression data
 * and the field resolver in fields/evtx.ts see it): element names become keys; attributes go under
 * `#attributes`, text beside them under `#text`; an element with only text becomes its value (a
 * number or boolean when it is a single integer or boolean value), an empty one `null`; repeated
 * names get `_1`, `_2`… suffixes. Inside `EventData`/`UserData`, `<Data Name="X">v</Data>` becomes
 * `"X": v` (an empty one `""`), and unnamed `Data` elements become `"Data": {"#text": v | [v…]}`.
 */
import type { Content, Elem, Scalar, Value } from './model';

type Json = null | Scalar | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

/** An element together with the substitution values its slots refer to. */
interface Bound {
  el: Elem;
  values: Value[];
}
type Item = Bound | Scalar | Scalar[];

function isBound(i: Item): i is Bound {
  return typeof i === 'object' && !Array.isArray(i);
}

/** Empty values count as absent (an optional substitution with no value leaves nothing). */
function isEmpty(v: Value): boolean {
  return v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && v.fragment.length === 0);
}

/** Substitutes values into content: elements stay bound to their values, text stays text. */
function resolve(content: Content[], values: Value[], out: Item[]): Item[] {
  for (const c of content) {
    if (typeof c === 'string') {
      if (c !== '') out.push(c);
    } else if (c.kind === 'elem') out.push({ el: c, values });
    else if (c.kind === 'tpl') resolve(c.nodes, c.values, out);
    else {
      const v = c.index < values.length ? values[c.index] : null;
      if (v === null || isEmpty(v)) continue;
      if (typeof v === 'object' && !Array.isArray(v)) resolve(v.fragment, [], out);
      else out.push(v);
    }
  }
  return out;
}

function textOf(s: Scalar | Scalar[]): string {
  return Array.isArray(s) ? s.map((x) => String(x)).join(',') : String(s);
}

/** Text content as a JSON value: a lone number, boolean or array keeps its type, else one string. */
function contentValue(text: (Scalar | Scalar[])[]): Json {
  if (text.length === 1) {
    const only = text[0];
    if (typeof only !== 'string') return Array.isArray(only) ? only.slice() : only;
    return only.trim();
  }
  let s = '';
  for (const t of text) s += textOf(t);
  return s.trim();
}

function attributes(el: Elem, values: Value[]): JsonObject | null {
  let out: JsonObject | null = null;
  for (const a of el.attrs) {
    const text = resolve(a.value, values, []).filter((i): i is Scalar | Scalar[] => !isBound(i));
    if (text.length === 0) continue;
    (out ??= {})[a.name] = contentValue(text);
  }
  return out;
}

function split(items: Item[]): { elements: Bound[]; text: (Scalar | Scalar[])[] } {
  const elements: Bound[] = [];
  const text: (Scalar | Scalar[])[] = [];
  for (const i of items) (isBound(i) ? elements : text).push(i as never);
  return { elements, text };
}

function isDataContainer(name: string): boolean {
  return name === 'EventData' || name === 'UserData';
}

function nameAttr(b: Bound): string | null {
  const a = b.el.attrs.find((x) => x.name === 'Name');
  if (!a) return null;
  const text = resolve(a.value, b.values, []).filter((i): i is Scalar | Scalar[] => !isBound(i));
  return text.length ? text.map(textOf).join('') : null;
}

function dataValue(b: Bound): Json {
  const { elements, text } = split(resolve(b.el.children, b.values, []));
  if (elements.length > 0) return body(b, false);
  return text.length === 0 ? '' : contentValue(text);
}

function elementValue(b: Bound, container: boolean): Json {
  const { elements, text } = split(resolve(b.el.children, b.values, []));
  const attrs = attributes(b.el, b.values);
  if (elements.length === 0 && attrs === null) return text.length === 0 ? null : contentValue(text);
  return body(b, container, attrs, elements, text);
}

function body(b: Bound, container: boolean, attrs = attributes(b.el, b.values), elements?: Bound[], text?: (Scalar | Scalar[])[]): JsonObject {
  if (!elements || !text) ({ elements, text } = split(resolve(b.el.children, b.values, [])));
  const out: JsonObject = {};
  if (attrs) out['#attributes'] = attrs;
  if (text.length > 0) out['#text'] = contentValue(text);
  const data = container ? elements.filter((e) => e.el.name === 'Data') : [];
  const named = data.map(nameAttr);
  const flatten = named.some((n) => n !== null);
  let positionalDone = false;
  let dataIndex = 0;
  const seen = new Map<string, number>();
  for (const child of elements) {
    if (container && child.el.name === 'Data') {
      const key = named[dataIndex++];
      if (flatten) {
        if (key !== null) out[key] = dataValue(child);
      } else if (!positionalDone) {
        positionalDone = true;
        out.Data = { '#text': data.length === 1 ? dataValue(child) : data.map(dataValue) };
      }
      continue;
    }
    const n = seen.get(child.el.name) ?? 0;
    seen.set(child.el.name, n + 1);
    out[n === 0 ? child.el.name : `${child.el.name}_${n}`] = elementValue(child, isDataContainer(child.el.name));
  }
  return out;
}

/** A record's JSON event: `{"Event": {...}}` (or whatever its root element is called). */
export function renderEvent(nodes: Content[]): Record<string, unknown> | null {
  const roots = resolve(nodes, [], []).filter(isBound);
  if (roots.length === 0) return null;
  const root = roots[0];
  return { [root.el.name]: elementValue(root, false) };
}
