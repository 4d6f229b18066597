/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every default:
 * placeholders become their default text (nested ones too), choices their first option, bare
 * tab stops nothing, variables their value, `\$ \} \\` their literal character. Unknown variables
 * throw, so a typo in a snippet cannot pass silently.
 */
import { randomUUID } from 'node:crypto';

export function snippetVariables(now = new Date(), fileBase = 'rule'): Record<string, string> {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return {
    UUID: randomUUID(),
    CURRENT_YEAR: String(now.getFullYear()),
    CURRENT_YEAR_SHORT: String(now.getFullYear()).slice(2),
    CURRENT_MONTH: pad(now.getMonth() + 1),
    CURRENT_DATE: pad(now.getDate()),
    CURRENT_HOUR: pad(now.getHours()),
    CURRENT_MINUTE: pad(now.getMinutes()),
    CURRENT_SECOND: pad(now.getSeconds()),
    TM_FILENAME_BASE: fileBase,
    TM_FILENAME: `${fileBase}.yml`,
    TM_SELECTED_TEXT: '',
    LINE_COMMENT: '#',
  };
}

interface Expansion {
  text: string;
  /** Tab stop numbers seen, in order of appearance. */
  tabStops: number[];
  variables: string[];
}

export function expandSnippet(body: string | string[], vars: Record<string, string>): Expansion {
  const src = Array.isArray(body) ? body.join('\n') : body;
  const tabStops: number[] = [];
  const variables: string[] = [];
  let i = 0;

  // Parses until one of `stops` (unescaped) at nesting level 0; returns the expanded text.
  const parse = (stops: string): string => {
    let out = '';
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && i + 1 < src.length && '$}\\,|'.includes(src[i + 1])) {
        out += src[i + 1];
        i += 2;
        continue;
      }
      if (stops.includes(c)) return out;
      if (c !== '$') {
        out += c;
        i++;
        continue;
      }
      const rest = src.slice(i + 1);
      let m = /^(\d+)/.exec(rest);
      if (m) {
        tabStops.push(Number(m[1]));
        i += 1 + m[1].length;
        continue;
      }
      m = /^([A-Z_][A-Z0-9_]*)/.exec(rest);
      if (m) {
        out += variable(m[1]);
        i += 1 + m[1].length;
        continue;
      }
      if (rest.startsWith('{')) {
        i += 2;
        const head = /^(\d+|[A-Z_][A-Z0-9_]*)/.exec(src.slice(i));
        if (!head) throw new Error(`bad snippet syntax at ${i}: ${src.slice(i - 2, i + 20)}`);
        i += head[1].length;
        const isTab = /^\d/.test(head[1]);
        if (isTab) tabStops.push(Number(head[1]));
        const sep = src[i];
        if (sep === '}') {
          i++;
          out += isTab ? '' : variable(head[1]);
        } else if (sep === ':') {
          i++;
          const inner = parse('}');
          i++;
          out += isTab ? inner : (vars[head[1]] ?? inner);
          if (!isTab) variables.push(head[1]);
        } else if (sep === '|' && isTab) {
          i++;
          const choices = parse('|');
          i += 2; // `|}`
          out += choices.split(',')[0];
        } else throw new Error(`unsupported snippet syntax at ${i}: ${src.slice(i - 5, i + 20)}`);
        continue;
      }
      out += c;
      i++;
    }
    return out;
  };
  const variable = (name: string): string => {
    variables.push(name);
    const v = vars[name];
    if (v === undefined) throw new Error(`unknown snippet variable $${name}`);
    return v;
  };
  const text = parse('');
  return { text, tabStops, variables };
}
