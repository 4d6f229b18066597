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

/**
 * Fast path for the common case (leaf elements, attribute values): content that is one text node
 * or one substitution. Returns null for empty content and undefined when the general path is needed.
 */
function single(content: Content[], values: Value[]): Scalar | Scalar[] | null | undefined {
  if (content.length === 0) return null;
  if (content.length !== 1) return undefined;
  const c = content[0];
  if (typeof c === 'string') return c === '' ? null : c;
  if (c.kind !== 'sub') return undefined;
  const v = c.index < values.length ? values[c.index] : null;
  if (v === null) return null;
  if (typeof v === 'object' && !Array.isArray(v)) return v.fragment.length === 0 ? null : undefined;
  return isEmpty(v) ? null : v;
}

function scalarJson(v: Scalar | Scalar[]): Json {
  return typeof v === 'string' ? v.trim() : Array.isArray(v) ? v.slice() : v;
}

/** Sets an own property, whatever the name (a `__proto__` element must not become a prototype). */
function put(o: JsonObject, key: string, value: Json): JsonObject {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
  return o;
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
    const one = single(a.value, values);
    if (one === null) continue;
    if (one !== undefined) {
      put((out ??= {}), a.name, scalarJson(one));
      continue;
    }
    const text = resolve(a.value, values, []).filter((i): i is Scalar | Scalar[] => !isBound(i));
    if (text.length === 0) continue;
    put((out ??= {}), a.name, contentValue(text));
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
  const one = single(a.value, b.values);
  if (one !== undefined) return one === null ? null : textOf(one);
  const text = resolve(a.value, b.values, []).filter((i): i is Scalar | Scalar[] => !isBound(i));
  return text.length ? text.map(textOf).join('') : null;
}

function dataValue(b: Bound): Json {
  const one = single(b.el.children, b.values);
  if (one !== undefined) return one === null ? '' : scalarJson(one);
  const { elements, text } = split(resolve(b.el.children, b.values, []));
  if (elements.length > 0) return body(b, false);
  return text.length === 0 ? '' : contentValue(text);
}

function elementValue(b: Bound, container: boolean): Json {
  if (b.el.attrs.length === 0) {
    const one = single(b.el.children, b.values);
    if (one !== undefined) return one === null ? null : scalarJson(one);
  }
  const { elements, text } = split(resolve(b.el.children, b.values, []));
  const attrs = attributes(b.el, b.values);
  if (elements.length === 0 && attrs === null) return text.length === 0 ? null : contentValue(text);
  return body(b, container, attrs, elements, text);
}

const NONE: Bound[] = [];
const NO_NAMES: (string | null)[] = [];

function body(b: Bound, container: boolean, attrs = attributes(b.el, b.values), elements?: Bound[], text?: (Scalar | Scalar[])[]): JsonObject {
  if (!elements || !text) ({ elements, text } = split(resolve(b.el.children, b.values, [])));
  const out: JsonObject = {};
  if (attrs) out['#attributes'] = attrs;
  if (text.length > 0) out['#text'] = contentValue(text);
  const data = container ? elements.filter((e) => e.el.name === 'Data') : NONE;
  const named = container ? data.map(nameAttr) : NO_NAMES;
  const flatten = container && named.some((n) => n !== null);
  let positionalDone = false;
  let dataIndex = 0;
  // Counts of repeated element names, made on the first repeat (most elements have unique names).
  let seen: Map<string, number> | null = null;
  for (const child of elements) {
    if (container && child.el.name === 'Data') {
      const key = named[dataIndex++];
      if (flatten) {
        if (key !== null) put(out, key, dataValue(child));
      } else if (!positionalDone) {
        positionalDone = true;
        out.Data = { '#text': data.length === 1 ? dataValue(child) : data.map(dataValue) };
      }
      continue;
    }
    const name = child.el.name;
    let key = name;
    if (Object.hasOwn(out, name) || seen?.has(name)) {
      seen ??= new Map();
      const n = seen.get(name) ?? 1;
      seen.set(name, n + 1);
      key = `${name}_${n}`;
    }
    put(out, key, elementValue(child, isDataContainer(name)));
  }
  return out;
}

/** A record's JSON event: `{"Event": {...}}` (or whatever its root element is called). */
export function renderEvent(nodes: Content[]): Record<string, unknown> | null {
  const roots = resolve(nodes, [], []).filter(isBound);
  if (roots.length === 0) return null;
  const root = roots[0];
  return put({}, root.el.name, elementValue(root, false));
}
