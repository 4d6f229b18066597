import type { Severity } from '../core/diagnostic';
import type { AttackCatalog } from './catalog';

/**
 * The tag model. Sigma: `attack.t1102.002` (technique), `attack.command-and-control` (tactic),
 * `attack.g0010` (group), `attack.s0029` (software), `attack.c0010` (campaign), plus the non-ATT&CK
 * namespaces SigmaHQ uses (cve., car., detection., tlp., stp.). Sentinel: `relevantTechniques`
 * (T1102.002) and `tactics` in PascalCase (CommandAndControl).
 */
type TagKind = 'technique' | 'tactic' | 'group' | 'software' | 'campaign' | 'data-source' | 'attack-other' | 'namespace' | 'other';

export interface ParsedTag {
  kind: TagKind;
  raw: string;
  /** Technique id in ATT&CK spelling (T1102.002). */
  techniqueId?: string;
  /** Tactic shortname (command-and-control), as the catalog spells it. */
  tactic?: string;
  /** The correct spelling when the tag is written differently (upper case, underscores...). */
  canonical?: string;
  /** Why the spelling is wrong, for the message. */
  formatIssue?: string;
  /** How much the spelling matters (a cosmetic difference the tool accepts is a hint). */
  formatSeverity?: Severity;
}

const OTHER_NAMESPACES = ['cve', 'car', 'detection', 'tlp', 'stp'];

const TECH = /^t(\d{4})(?:[._\-/](\d{3}))?$/i;

function tacticSlug(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .replace(/[\s_]+/g, '-')
    .toLowerCase();
}

export function parseSigmaTag(raw: string, catalog: AttackCatalog): ParsedTag {
  const dot = raw.indexOf('.');
  if (dot <= 0) return { kind: 'other', raw };
  const ns = raw.slice(0, dot);
  const name = raw.slice(dot + 1);
  if (ns.toLowerCase() !== 'attack') return { kind: OTHER_NAMESPACES.includes(ns.toLowerCase()) ? 'namespace' : 'other', raw };
  const nsIssue = ns !== 'attack' ? 'the namespace is lower case (`attack.`)' : undefined;
  const tech = TECH.exec(name);
  if (tech) {
    const id = `T${tech[1]}${tech[2] ? '.' + tech[2] : ''}`;
    const canonical = `attack.${id.toLowerCase()}`;
    const issue =
      nsIssue ??
      (name.includes('_') || name.includes('-') || name.includes('/')
        ? 'sub-techniques are written with a dot'
        : name !== name.toLowerCase()
          ? 'technique tags are lower case'
          : undefined);
    return { kind: 'technique', raw, techniqueId: id, ...(canonical !== raw ? { canonical, formatIssue: issue ?? 'technique tags are lower case' } : {}) };
  }
  const simple = /^([gsc])(\d{4})$/i.exec(name);
  if (simple) {
    const kind = simple[1].toLowerCase() === 'g' ? 'group' : simple[1].toLowerCase() === 's' ? 'software' : 'campaign';
    const canonical = `attack.${name.toLowerCase()}`;
    return { kind, raw, ...(canonical !== raw ? { canonical, formatIssue: nsIssue ?? 'ATT&CK tags are lower case' } : {}) };
  }
  if (/^ds\d{4}$/i.test(name)) return { kind: 'data-source', raw };
  const ta = /^ta(\d{4})$/i.exec(name);
  if (ta) {
    const t = catalog.tacticById(`TA${ta[1]}`);
    if (t)
      return {
        kind: 'tactic',
        raw,
        tactic: t.shortname,
        canonical: `attack.${t.shortname}`,
        formatIssue: 'Sigma tags name tactics by their short name, not their TA id',
      };
  }
  const slug = tacticSlug(name);
  if (catalog.isTacticName(slug)) {
    const canonical = `attack.${slug}`;
    if (canonical === raw) return { kind: 'tactic', raw, tactic: slug };
    const issue =
      nsIssue ??
      (/_/.test(name)
        ? 'tactic tags use hyphens, not underscores (the old spelling)'
        : /\s/.test(name)
          ? 'tactic tags use hyphens, not spaces'
          : 'tactic tags are lower case');
    return { kind: 'tactic', raw, tactic: slug, canonical, formatIssue: issue };
  }
  return { kind: 'attack-other', raw };
}

export function sentinelTacticName(shortname: string): string {
  return shortname
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export function sigmaTechniqueTag(id: string): string {
  return `attack.${id.toLowerCase()}`;
}
