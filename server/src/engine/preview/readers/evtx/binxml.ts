/**
 * BinXML token stream (MS-EVEN6 §2.2.12, libevtx's "Binary XML" notes) → a small tree. Offsets are
 * relative to the 64 KiB chunk: element and attribute names, and template definitions, are stored
 * once in the chunk and referenced by offset, so each chunk has its own name and template cache.
 */
import { EvtxFormatError, need } from './errors';
import type { Attr, Content, Elem, Tpl, Value } from './model';
import { decodeValue, fixedSize, T } from './values';

const TOK = {
  EOS: 0x00,
  OPEN_START: 0x01,
  CLOSE_START: 0x02,
  CLOSE_EMPTY: 0x03,
  END_ELEMENT: 0x04,
  VALUE: 0x05,
  ATTRIBUTE: 0x06,
  CDATA: 0x07,
  CHAR_REF: 0x08,
  ENTITY_REF: 0x09,
  PI_TARGET: 0x0a,
  PI_DATA: 0x0b,
  TEMPLATE_INSTANCE: 0x0c,
  NORMAL_SUB: 0x0d,
  OPTIONAL_SUB: 0x0e,
  FRAGMENT_HEADER: 0x0f,
} as const;

/** The "more data" flag on element, value, attribute and reference tokens. */
const MORE = 0x40;

/** The five entities XML predefines; others are kept as written (`&name;`). */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface Cursor {
  pos: number;
}

/** Parses the BinXML of one chunk; names and templates are cached for the chunk's lifetime. */
export class ChunkBinXml {
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, Content[]>();

  constructor(private readonly buf: Buffer) {}

  /** A record's event: the BinXML fragment in `[pos, end)`. */
  record(pos: number, end: number): Content[] {
    return this.fragment({ pos }, end, false);
  }

  /** Name structure at `offset`: next-in-bucket (4), hash (2), character count (2), UTF-16, NUL. */
  private nameAt(offset: number, end: number): { name: string; size: number } {
    need(offset, 8, end, 'name');
    const chars = this.buf.readUInt16LE(offset + 6);
    const size = 8 + chars * 2 + 2;
    need(offset, size, end, 'name');
    let name = this.names.get(offset);
    if (name === undefined) {
      name = this.buf.toString('utf16le', offset + 8, offset + 8 + chars * 2);
      this.names.set(offset, name);
    }
    return { name, size };
  }

  /** A name reference: inline when it points right behind itself, else to an earlier definition. */
  private name(cur: Cursor, end: number): string {
    need(cur.pos, 4, end, 'name offset');
    const offset = this.buf.readUInt32LE(cur.pos);
    cur.pos += 4;
    if (offset === cur.pos) {
      const { name, size } = this.nameAt(offset, end);
      cur.pos += size;
      return name;
    }
    if (offset >= this.buf.length) throw new EvtxFormatError(`name offset ${offset} lies outside the chunk`);
    return this.nameAt(offset, this.buf.length).name;
  }

  private u16(cur: Cursor, end: number, what: string): number {
    need(cur.pos, 2, end, what);
    const v = this.buf.readUInt16LE(cur.pos);
    cur.pos += 2;
    return v;
  }

  private u32(cur: Cursor, end: number, what: string): number {
    need(cur.pos, 4, end, what);
    const v = this.buf.readUInt32LE(cur.pos);
    cur.pos += 4;
    return v;
  }

  /** Character-count-prefixed UTF-16 text (Value, CDATA and PI data tokens). */
  private text(cur: Cursor, end: number, what: string): string {
    const chars = this.u16(cur, end, what);
    need(cur.pos, chars * 2, end, what);
    const s = this.buf.toString('utf16le', cur.pos, cur.pos + chars * 2);
    cur.pos += chars * 2;
    return s;
  }

  /**
   * Tokens up to the end-of-stream token. Element starts in template definitions and records carry
   * a 2-byte dependency identifier; those inside a BinXML substitution value do not.
   */
  private fragment(cur: Cursor, end: number, nested: boolean): Content[] {
    const root: Content[] = [];
    const stack: Elem[] = [];
    let attr: Attr | null = null;
    const target = (): Content[] => (attr ? attr.value : stack.length ? stack[stack.length - 1].children : root);
    const buf = this.buf;
    while (cur.pos < end) {
      const tok = buf[cur.pos];
      const type = tok & ~MORE;
      cur.pos++;
      switch (type) {
        case TOK.EOS:
          if (stack.length > 0) throw new EvtxFormatError(`end of stream at offset ${cur.pos - 1} inside <${stack[stack.length - 1].name}>`);
          return root;
        case TOK.FRAGMENT_HEADER:
          need(cur.pos, 3, end, 'fragment header');
          cur.pos += 3;
          break;
        case TOK.OPEN_START: {
          if (attr) throw new EvtxFormatError(`element start at offset ${cur.pos - 1} inside an attribute`);
          if (!nested) cur.pos += 2;
          this.u32(cur, end, 'element size');
          const el: Elem = { kind: 'elem', name: this.name(cur, end), attrs: [], children: [] };
          if (tok & MORE) this.u32(cur, end, 'attribute list size');
          (stack.length ? stack[stack.length - 1].children : root).push(el);
          stack.push(el);
          break;
        }
        case TOK.ATTRIBUTE: {
          const el = stack[stack.length - 1];
          if (!el) throw new EvtxFormatError(`attribute at offset ${cur.pos - 1} outside an element`);
          attr = { name: this.name(cur, end), value: [] };
          el.attrs.push(attr);
          break;
        }
        case TOK.CLOSE_START:
          attr = null;
          break;
        case TOK.CLOSE_EMPTY:
        case TOK.END_ELEMENT:
          attr = null;
          if (!stack.pop()) throw new EvtxFormatError(`element end at offset ${cur.pos - 1} without a start`);
          break;
        default: {
          const c = this.content(type, cur, end);
          if (c === undefined) throw new EvtxFormatError(`unknown BinXML token 0x${tok.toString(16)} at offset ${cur.pos - 1}`);
          if (c !== null) target().push(c);
        }
      }
    }
    if (stack.length > 0) throw new EvtxFormatError(`BinXML ends inside <${stack[stack.length - 1].name}>`);
    return root;
  }

  /**
   * A token that adds content where the fragment stands (text, a substitution, a nested template);
   * null for one that adds nothing (processing instructions); undefined when `type` is no such token.
   */
  private content(type: number, cur: Cursor, end: number): Content | null | undefined {
    switch (type) {
      case TOK.VALUE: {
        need(cur.pos, 1, end, 'value type');
        const vt = this.buf[cur.pos++];
        return vt === T.STRING ? this.text(cur, end, 'text value') : this.inlineValue(cur, end, vt);
      }
      case TOK.CDATA:
        return this.text(cur, end, 'CDATA section');
      case TOK.CHAR_REF:
        return String.fromCharCode(this.u16(cur, end, 'character reference'));
      case TOK.ENTITY_REF: {
        const name = this.name(cur, end);
        return ENTITIES[name] ?? `&${name};`;
      }
      case TOK.PI_TARGET:
        this.name(cur, end);
        return null;
      case TOK.PI_DATA:
        this.text(cur, end, 'processing instruction data');
        return null;
      case TOK.TEMPLATE_INSTANCE:
        return this.templateInstance(cur, end);
      case TOK.NORMAL_SUB:
      case TOK.OPTIONAL_SUB: {
        const index = this.u16(cur, end, 'substitution');
        need(cur.pos, 1, end, 'substitution type');
        cur.pos++;
        return { kind: 'sub', index, optional: type === TOK.OPTIONAL_SUB };
      }
      default:
        return undefined;
    }
  }

  /** A non-string Value token: the type's fixed size follows. */
  private inlineValue(cur: Cursor, end: number, type: number): string {
    const size = fixedSize(type);
    if (size === undefined) throw new EvtxFormatError(`value token of type 0x${type.toString(16)} at offset ${cur.pos} has no fixed size`);
    const v = decodeValue(this.buf, cur.pos, size, type, end, () => []);
    cur.pos += size;
    return String(v);
  }

  /**
   * Template instance: unknown (1), template id (4), definition offset (4); the definition
   * follows inline the first time it is used in the chunk (next offset 4, GUID 16, data size 4,
   * BinXML); then the value count (4), descriptors (size 2, type 1, unused 1) and the values.
   */
  private templateInstance(cur: Cursor, end: number): Tpl {
    need(cur.pos, 9, end, 'template instance');
    const defOffset = this.buf.readUInt32LE(cur.pos + 5);
    cur.pos += 9;
    let nodes: Content[];
    if (defOffset === cur.pos) {
      need(cur.pos, 24, end, 'template definition');
      const size = this.buf.readUInt32LE(cur.pos + 20);
      const start = cur.pos + 24;
      need(start, size, end, 'template definition');
      nodes = this.definition(defOffset, start, start + size);
      cur.pos = start + size;
    } else {
      nodes = this.cachedDefinition(defOffset);
    }
    const count = this.u32(cur, end, 'template value count');
    need(cur.pos, count * 4, end, 'template value descriptors');
    const descriptors = cur.pos;
    cur.pos += count * 4;
    const values: Value[] = new Array<Value>(count);
    for (let i = 0; i < count; i++) {
      const size = this.buf.readUInt16LE(descriptors + i * 4);
      const type = this.buf[descriptors + i * 4 + 2];
      values[i] = decodeValue(this.buf, cur.pos, size, type, end, (s, e) => this.fragment({ pos: s }, e, true));
      cur.pos += size;
    }
    return { kind: 'tpl', nodes, values };
  }

  private definition(offset: number, start: number, end: number): Content[] {
    let nodes = this.templates.get(offset);
    if (!nodes) {
      nodes = this.fragment({ pos: start }, end, false);
      this.templates.set(offset, nodes);
    }
    return nodes;
  }

  /** A definition met earlier in the chunk (or, in damaged chunks, one never seen: parse it there). */
  private cachedDefinition(offset: number): Content[] {
    const known = this.templates.get(offset);
    if (known) return known;
    need(offset, 24, this.buf.length, 'template definition');
    const size = this.buf.readUInt32LE(offset + 20);
    need(offset + 24, size, this.buf.length, 'template definition');
    return this.definition(offset, offset + 24, offset + 24 + size);
  }
}
