/**
 * Finds the ATT&CK object named at a cursor position and builds its attack.mitre.org address.
 * Works on Sigma tags (`attack.t1583.006`, `attack.g0007`, `attack.s0001`, `attack.c0001`) and on
 * bare ids as Sentinel writes them (`T1583.006` in relevantTechniques, in KQL comments).
 * Pure: no `vscode` import, unit-tested in Node.
 */

export interface AttackRef {
  /** Canonical id, e.g. T1583.006. */
  id: string;
  url: string;
}

const BASE = 'https://attack.mitre.org';
const TOKEN = /[A-Za-z0-9_.-]+/g;

/** The token (letters, digits, `.`, `_`, `-`) that contains or touches `character`. */
export function tokenAt(line: string, character: number): string | null {
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(line); m; m = TOKEN.exec(line)) {
    if (m.index <= character && character <= m.index + m[0].length) return m[0];
  }
  return null;
}

/**
 * `tactics` maps tactic short names (`command-and-control`) to ids (`TA0011`), from the shipped
 * catalog; without it, tactic tags are not resolved.
 */
export function attackRef(token: string, tactics?: ReadonlyMap<string, string>): AttackRef | null {
  const t = token.replace(/^attack\./i, '').replace(/[.,]+$/, '');
  let m = /^t(\d{4})(?:\.(\d{3}))?$/i.exec(t);
  if (m) {
    const id = `T${m[1]}${m[2] ? '.' + m[2] : ''}`;
    return { id, url: `${BASE}/techniques/T${m[1]}/${m[2] ? m[2] + '/' : ''}` };
  }
  m = /^(g|s|c|ta|m|ds|dc|an)(\d{4})$/i.exec(t);
  if (m) {
    const prefix = m[1].toUpperCase();
    const folder: Record<string, string> = {
      G: 'groups',
      S: 'software',
      C: 'campaigns',
      TA: 'tactics',
      M: 'mitigations',
      DS: 'datasources',
      DC: 'datacomponents',
      AN: 'analytics',
    };
    const id = `${prefix}${m[2]}`;
    return { id, url: `${BASE}/${folder[prefix]}/${id}/` };
  }
  if (/^attack\./i.test(token) && tactics) {
    const id = tactics.get(t.toLowerCase().replace(/_/g, '-'));
    if (id) return { id, url: `${BASE}/tactics/${id}/` };
  }
  return null;
}

export function attackRefAt(line: string, character: number, tactics?: ReadonlyMap<string, string>): AttackRef | null {
  const token = tokenAt(line, character);
  return token ? attackRef(token, tactics) : null;
}
