/**
 * parse_xml() (learn.microsoft.com/kusto/query/parse-xml-function): XML to dynamic. An element
 * with neither attributes nor child elements is its text (null when empty); otherwise an object
 * with `@name` per attribute, `#text` for its text and one property per child element name (an
 * array when the name repeats). Only elements, attributes and text are translated; comments,
 * processing instructions, CDATA and declarations are skipped. Invalid XML gives null, as does
 * input over 1 MB.
 */
import type { KqlValue } from './values';

interface Element {
  name: string;
  attrs: [string, string][];
  children: Element[];
  text: string[];
}

const MAX_INPUT = 1048576;

function decodeEntities(s: string): string | null {
  let bad = false;
  const out = s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);|&/gi, (m, e: string | undefined) => {
    if (!e) {
      bad = true;
      return m;
    }
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[lower];
  });
  return bad ? null : out;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ATTR = /^\s+([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/;

/** The root element, or null when the text is not well-formed XML (as far as this subset reads it). */
function parseDocument(xml: string): Element | null {
  const stack: Element[] = [];
  let root: Element | null = null;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.trim()) {
      if (stack.length === 0) return null;
      const decoded = decodeEntities(text);
      if (decoded === null) return null;
      stack[stack.length - 1].text.push(decoded);
    }
    if (lt < 0) break;
    const skip = [
      ['<!--', '-->'],
      ['<?', '?>'],
      ['<![CDATA[', ']]>'],
      ['<!', '>'],
    ].find(([open]) => xml.startsWith(open, lt));
    if (skip) {
      const end = xml.indexOf(skip[1], lt + skip[0].length);
      if (end < 0) return null;
      i = end + skip[1].length;
      continue;
    }
    if (xml[lt + 1] === '/') {
      const m = /^<\/([A-Za-z_:][\w.:-]*)\s*>/.exec(xml.slice(lt, lt + 512));
      const open = stack.pop();
      if (!m || !open || open.name !== m[1]) return null;
      i = lt + m[0].length;
      continue;
    }
    const name = NAME.exec(xml.slice(lt + 1, lt + 257))?.[0];
    if (!name || (root && stack.length === 0)) return null;
    const el: Element = { name, attrs: [], children: [], text: [] };
    let j = lt + 1 + name.length;
    for (let m = ATTR.exec(xml.slice(j, j + 65536)); m; m = ATTR.exec(xml.slice(j, j + 65536))) {
      const value = decodeEntities(m[2] ?? m[3] ?? '');
      if (value === null) return null;
      el.attrs.push([m[1], value]);
      j += m[0].length;
    }
    const close = /^\s*(\/?)>/.exec(xml.slice(j, j + 64));
    if (!close) return null;
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else root = el;
    if (!close[1]) stack.push(el);
    i = j + close[0].length;
  }
  return stack.length === 0 ? root : null;
}

function convert(el: Element): KqlValue {
  const text = el.text
    .map((t) => t.trim())
    .filter((t) => t)
    .join(' ');
  if (el.attrs.length === 0 && el.children.length === 0) return text === '' ? null : text;
  const o: Record<string, KqlValue> = {};
  for (const [k, v] of el.attrs) o[`@${k}`] = v;
  if (text) o['#text'] = text;
  const groups = new Map<string, KqlValue[]>();
  for (const c of el.children) {
    const v = convert(c);
    const g = groups.get(c.name);
    if (g) g.push(v);
    else groups.set(c.name, [v]);
  }
  // A name that repeats becomes an array, in document order.
  for (const [name, values] of groups) o[name] = values.length === 1 ? values[0] : values;
  return o;
}

export function parseXml(xml: string): KqlValue {
  if (xml.length > MAX_INPUT) return null;
  const root = parseDocument(xml);
  return root ? { [root.name]: convert(root) } : null;
}
