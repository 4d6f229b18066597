/** String functions of the preview (learn.microsoft.com/kusto/query/, one page per function). */
import type { KqlNode } from '../tree';
import { compileRe2 } from './strops';
import { KqlUnsupportedError, type Compiled, type CompileContext } from './types';
import { asNumber, asString, type KqlValue } from './values';
import { constant } from './expr';

type FunctionImpl = (args: Compiled[], nodes: KqlNode[], ctx: CompileContext, call: KqlNode) => Compiled;

function need(name: string, args: Compiled[], call: KqlNode, min: number, max: number): void {
  if (args.length < min || args.length > max) throw new KqlUnsupportedError(`${name}() with ${args.length} arguments`, call.start);
}

function str1(name: string, f: (s: string) => KqlValue): FunctionImpl {
  return (args, _n, _c, call) => {
    need(name, args, call, 1, 1);
    return (r) => f(asString(args[0](r)));
  };
}

/** A regex argument: compiled once when it is a constant, as Kusto requires for most of these functions. */
function regexArg(name: string, node: KqlNode, ctx: CompileContext, flags = ''): RegExp {
  const v = constant(node, ctx);
  if (typeof v !== 'string') throw new KqlUnsupportedError(`${name}() with a non-constant regex`, node.start);
  return compileRe2(v, node.start, flags);
}

/** Converts a typed extract() result: `typeof(long)` and friends. */
function convert(v: string | null, type: string | null): KqlValue {
  if (v === null || !type) return v;
  if (/^(long|int|real|double|decimal)$/.test(type)) return asNumber(v);
  if (type === 'bool') return /^(true|1)$/i.test(v) ? true : /^(false|0)$/i.test(v) ? false : null;
  return v;
}

function ipv4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function inRange(ip: string, cidr: string): boolean | null {
  const [net, bitsText] = cidr.split('/');
  const a = ipv4(ip);
  const b = ipv4(net);
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (a === null || b === null || !(bits >= 0 && bits <= 32)) return null;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

// RFC 1918 ranges (learn.microsoft.com/kusto/query/ipv4-is-private-function).
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** parse_url(): the bag Kusto returns (learn.microsoft.com/kusto/query/parse-url-function). */
function parseUrl(s: string): KqlValue {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { Scheme: '', Host: '', Port: '', Path: '', Username: '', Password: '', 'Query Parameters': {}, Fragment: '' };
  }
  const q: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (q[k] = v));
  return {
    Scheme: u.protocol.replace(/:$/, ''),
    Host: u.hostname,
    Port: u.port,
    Path: u.pathname,
    Username: decodeURIComponent(u.username),
    Password: decodeURIComponent(u.password),
    'Query Parameters': q,
    Fragment: u.hash.replace(/^#/, ''),
  };
}

/** parse_path(): the parts of a file path (learn.microsoft.com/kusto/query/parse-path-function). */
function parsePath(p: string): KqlValue {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(p)?.[1] ?? '';
  const ads = /^(.*[^:]*?):([^\\/:]+)$/.exec(p.replace(/^[a-z]:/i, (d) => d.replace(':', '\u0000')));
  const path = ads ? p.slice(0, ads[1].length) : p;
  const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  const dir = cut >= 0 ? path.slice(0, cut) : '';
  const file = cut >= 0 ? path.slice(cut + 1) : path;
  const dot = file.lastIndexOf('.');
  const root = /^(?:[a-z]:[\\/]|\\\\[^\\]+\\[^\\]+\\|\/)/i.exec(path)?.[0] ?? '';
  return {
    Scheme: scheme,
    RootPath: root,
    DirectoryPath: dir,
    DirectoryName: dir.split(/[\\/]/).pop() ?? '',
    Filename: file,
    Extension: dot > 0 ? file.slice(dot + 1) : '',
    AlternateDataStreamName: ads ? ads[2] : '',
  };
}

/** parse_command_line(text, "windows"): the arguments as CommandLineToArgvW splits them. */
function parseCommandLine(s: string): KqlValue {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      let n = 0;
      while (s[i + n] === '\\') n++;
      if (s[i + n] === '"') {
        cur += '\\'.repeat(Math.floor(n / 2));
        if (n % 2) cur += '"';
        else quoted = !quoted;
        i += n;
      } else {
        cur += '\\'.repeat(n);
        i += n - 1;
      }
      has = true;
    } else if (c === '"') {
      quoted = !quoted;
      has = true;
    } else if (!quoted && /\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

function replaceRegex(args: Compiled[], reNode: KqlNode, text: Compiled, ctx: CompileContext, call: KqlNode): Compiled {
  need('replace_regex', args, call, 3, 3);
  const re = regexArg('replace_regex', reNode, ctx, 'g');
  // Kusto writes groups as \1 in the rewrite; JavaScript as $1.
  return (r) =>
    asString(text(r)).replace(
      re,
      asString(args[2](r))
        .replace(/\$/g, '$$$$')
        .replace(/\\(\d)/g, '$$$1'),
    );
}

export const STRING_FUNCTIONS: Record<string, FunctionImpl> = {
  parse_path: str1('parse_path', parsePath),
  parse_command_line: (args, _n, _c, call) => {
    need('parse_command_line', args, call, 2, 2);
    return (r) => parseCommandLine(asString(args[0](r)));
  },
  strcat: (args) => (r) => args.map((a) => asString(a(r))).join(''),
  strcat_delim: (args, _n, _c, call) => {
    need('strcat_delim', args, call, 2, 64);
    return (r) =>
      args
        .slice(1)
        .map((a) => asString(a(r)))
        .join(asString(args[0](r)));
  },
  strcat_array: (args, _n, _c, call) => {
    need('strcat_array', args, call, 2, 2);
    return (r) => {
      const a = args[0](r);
      return Array.isArray(a) ? a.map(asString).join(asString(args[1](r))) : '';
    };
  },
  tolower: str1('tolower', (s) => s.toLowerCase()),
  toupper: str1('toupper', (s) => s.toUpperCase()),
  strlen: str1('strlen', (s) => [...s].length),
  string_size: str1('string_size', (s) => Buffer.byteLength(s, 'utf8')),
  reverse: str1('reverse', (s) => [...s].reverse().join('')),
  url_decode: str1('url_decode', (s) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return null;
    }
  }),
  url_encode: str1('url_encode', (s) => encodeURIComponent(s)),
  base64_decode_tostring: str1('base64_decode_tostring', (s) => Buffer.from(s, 'base64').toString('utf8')),
  base64_encode_tostring: str1('base64_encode_tostring', (s) => Buffer.from(s, 'utf8').toString('base64')),
  parse_url: str1('parse_url', parseUrl),
  ipv4_is_private: str1('ipv4_is_private', (s) => (ipv4(s) === null ? null : PRIVATE.some((c) => inRange(s, c)))),
  ipv4_is_in_range: (args, _n, _c, call) => {
    need('ipv4_is_in_range', args, call, 2, 2);
    return (r) => inRange(asString(args[0](r)), asString(args[1](r)));
  },
  substring: (args, _n, _c, call) => {
    need('substring', args, call, 2, 3);
    return (r) => {
      const s = asString(args[0](r));
      const start = Math.max(0, asNumber(args[1](r)) ?? 0);
      const len = args[2] ? asNumber(args[2](r)) : null;
      return len === null ? s.slice(start) : s.slice(start, start + Math.max(0, len));
    };
  },
  // split(): an array of the parts, or with an index the part as a one-element array
  // (learn.microsoft.com/kusto/query/split-function).
  split: (args, _n, _c, call) => {
    need('split', args, call, 2, 3);
    return (r) => {
      const parts = asString(args[0](r)).split(asString(args[1](r)));
      if (!args[2]) return parts;
      const i = asNumber(args[2](r));
      return i !== null && i >= 0 && i < parts.length ? [parts[i]] : [];
    };
  },
  indexof: (args, _n, _c, call) => {
    need('indexof', args, call, 2, 3);
    return (r) => asString(args[0](r)).indexOf(asString(args[1](r)), args[2] ? (asNumber(args[2](r)) ?? 0) : 0);
  },
  // countof(text, search [, "normal" | "regex"]): non-overlapping matches of a regex, but
  // overlapping occurrences of plain text (learn.microsoft.com/kusto/query/countof-function).
  countof: (args, nodes, ctx, call) => {
    need('countof', args, call, 2, 3);
    if (nodes[2] && asString(constant(nodes[2], ctx)) === 'regex') {
      const re = regexArg('countof', nodes[1], ctx, 'g');
      return (r) => [...asString(args[0](r)).matchAll(re)].length;
    }
    return (r) => {
      const t = asString(args[0](r));
      const s = asString(args[1](r));
      let n = 0;
      if (s !== '') for (let i = t.indexOf(s); i >= 0; i = t.indexOf(s, i + 1)) n++;
      return n;
    };
  },
  replace_string: (args, _n, _c, call) => {
    need('replace_string', args, call, 3, 3);
    return (r) =>
      asString(args[0](r))
        .split(asString(args[1](r)))
        .join(asString(args[2](r)));
  },
  replace_regex: (args, nodes, ctx, call) => replaceRegex(args, nodes[1], args[0], ctx, call),
  // replace(regex, rewrite, text): the deprecated form, arguments in another order.
  replace: (args, nodes, ctx, call) => replaceRegex([args[2], args[0], args[1]], nodes[0], args[2], ctx, call),
  trim: (args, nodes, ctx, call) => {
    need('trim', args, call, 2, 2);
    const re = regexArg('trim', nodes[0], ctx);
    const both = compileRe2(`^(?:${re.source})+|(?:${re.source})+$`, nodes[0].start, `g${re.flags}`);
    return (r) => asString(args[1](r)).replace(both, '');
  },
  trim_start: (args, nodes, ctx, call) => {
    need('trim_start', args, call, 2, 2);
    const re = regexArg('trim_start', nodes[0], ctx);
    const start = compileRe2(`^(?:${re.source})+`, nodes[0].start, re.flags);
    return (r) => asString(args[1](r)).replace(start, '');
  },
  trim_end: (args, nodes, ctx, call) => {
    need('trim_end', args, call, 2, 2);
    const re = regexArg('trim_end', nodes[0], ctx);
    const end = compileRe2(`(?:${re.source})+$`, nodes[0].start, re.flags);
    return (r) => asString(args[1](r)).replace(end, '');
  },
  // extract(regex, group, text [, typeof(T)]): null when there is no match (empty for strings).
  extract: (args, nodes, ctx, call) => {
    need('extract', args, call, 3, 4);
    const re = regexArg('extract', nodes[0], ctx);
    const group = constant(nodes[1], ctx);
    if (typeof group !== 'number') throw new KqlUnsupportedError('extract() with a non-constant group', nodes[1].start);
    const type = args[3] ? asString(args[3]({})) : null;
    return (r) => {
      const m = re.exec(asString(args[2](r)));
      const v = m ? (m[group] ?? null) : null;
      return v === null && (!type || type === 'string') ? '' : convert(v, type);
    };
  },
  extract_all: (args, nodes, ctx, call) => {
    need('extract_all', args, call, 2, 3);
    const re = regexArg('extract_all', nodes[0], ctx, 'g');
    const text = args[args.length - 1];
    return (r) => {
      const out: KqlValue[] = [];
      for (const m of asString(text(r)).matchAll(re)) out.push(m.length > 2 ? m.slice(1) : (m[1] ?? m[0]));
      return out.length ? out : null;
    };
  },
};
