import type { AttackCatalog, Technique } from '../attack/catalog';
import { DOMAIN_LABEL } from '../attack/catalog';
import type { AttackDomain } from '../attack/data';
import { describeTechnique } from '../attack/describe';
import { webServiceFamily } from '../attack/family';
import { attackMappings } from '../attack/mapping';
import { logsourcePlatform } from '../attack/platform';
import { sentinelTacticName } from '../attack/tags';
import type { CompletionEntry, CompletionProvider, FeatureContext } from './types';

interface Candidate {
  t: Technique;
  /** Lower-case id and names, searched by the typed fragment. */
  haystack: string;
  /** Lower-case full name, for the client's own filtering. */
  lowerName: string;
  rank: string;
  detail: string;
  doc: string;
}

const cache = new WeakMap<AttackCatalog, Candidate[]>();

/** Every active technique, built once per catalog: the web-service family ranks first. */
function candidates(catalog: AttackCatalog): Candidate[] {
  const hit = cache.get(catalog);
  if (hit) return hit;
  const family = webServiceFamily(catalog);
  const out: Candidate[] = [];
  for (const t of catalog.allTechniques()) {
    if (!catalog.isActive(t)) continue;
    const fam = family.indexOf(t.id);
    const name = catalog.displayName(t);
    out.push({
      t,
      haystack: `${t.id.toLowerCase()} ${name.toLowerCase()}`,
      lowerName: name.toLowerCase(),
      rank: fam >= 0 ? `0${String(fam).padStart(3, '0')}` : `2${t.id}`,
      detail: `${name} · ${DOMAIN_LABEL[t.domain]}`,
      doc: describeTechnique(catalog, t, { footer: false }),
    });
  }
  cache.set(catalog, out);
  return out;
}

function matches(haystack: string, fragment: string): boolean {
  const f = fragment.trim().toLowerCase();
  if (f === '') return true;
  if (haystack.startsWith(f)) return true;
  return f.split(/[\s_-]+/).every((w) => w === '' || haystack.includes(w));
}

function ruleDomain(ctx: FeatureContext): AttackDomain {
  const rule = ctx.file.sigma.find((r) => r.range.start.line <= ctx.pos.line && ctx.pos.line <= r.range.end.line) ?? ctx.file.sigma[0];
  return logsourcePlatform(rule?.logsource) === 'mobile' ? 'mobile-attack' : 'enterprise-attack';
}

/** The top-level key whose block holds a line (`relevantTechniques:` above `  - T1102`). */
function enclosingKey(ctx: FeatureContext): string | undefined {
  for (let line = ctx.pos.line; line >= 0; line--) {
    const text = line === ctx.pos.line ? ctx.linePrefix : ctx.file.index.lineText(line);
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

function techniqueEntries(
  catalog: AttackCatalog,
  fragment: string,
  start: FeatureContext['pos'],
  end: FeatureContext['pos'],
  spell: (id: string) => string,
): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const f = fragment.toLowerCase();
  for (const c of candidates(catalog)) {
    if (!matches(c.haystack, f)) continue;
    const text = spell(c.t.id);
    out.push({
      label: text,
      kind: 'technique',
      detail: c.detail,
      ...(c.rank.startsWith('0') ? { documentation: c.doc } : {}),
      insertText: text,
      range: { start, end },
      sortText: c.rank,
      // The client filters on this too: the name lets "web serv" keep T1102; a name fragment typed
      // before the request stays in front so the client keeps what the server matched.
      filterText: fragment && !text.toLowerCase().startsWith(f) ? `${fragment} ${text} ${c.lowerName}` : `${text} ${c.lowerName}`,
    });
  }
  // Documentation for every item would make the full list heavy; a short list can afford it.
  if (out.length <= 60) for (const e of out) e.documentation ??= candidates(catalog).find((c) => spell(c.t.id) === e.label)?.doc;
  return out;
}

/**
 * Completion of ATT&CK tags after `attack.` in Sigma (techniques by id or name fragment, tactics of
 * the rule's domain), and of Sentinel `relevantTechniques` / `tactics` items.
 */
export const attackCompletion: CompletionProvider = (ctx) => {
  const { file, pos, linePrefix, config } = ctx;
  if (file.kind === 'sigma' || (file.kind === 'other' && /^\s*-\s*['"]?attack\./.test(linePrefix))) {
    const m = /^\s*(?:-\s*|.*[[,]\s*)['"]?attack\.([^'",\]]*)$/.exec(linePrefix);
    if (!m || linePrefix.trimStart().startsWith('#')) return null;
    const fragment = m[1];
    const start = { line: pos.line, character: pos.character - fragment.length };
    const { catalog } = attackMappings(file, config);
    const out = techniqueEntries(catalog, fragment, start, pos, (id) => id.toLowerCase());
    for (const t of catalog.tacticsOf(ruleDomain(ctx))) {
      if (!matches(`${t.shortname} ${t.name.toLowerCase()} ${t.id.toLowerCase()}`, fragment)) continue;
      out.push({
        label: t.shortname,
        kind: 'tactic',
        detail: `${t.id} ${t.name} · ${DOMAIN_LABEL[t.domain]} tactic`,
        insertText: t.shortname,
        range: { start, end: pos },
        sortText: `1${String(t.order).padStart(3, '0')}`,
        filterText: `${fragment} ${t.shortname} ${t.name.toLowerCase()}`,
      });
    }
    return out;
  }
  if (file.kind === 'sentinel') {
    const item = /^\s*-\s*['"]?([^'"]*)$/.exec(linePrefix);
    if (!item) return null;
    const key = enclosingKey(ctx);
    const fragment = item[1];
    const start = { line: pos.line, character: pos.character - fragment.length };
    const { catalog } = attackMappings(file, config);
    if (key === 'relevantTechniques') return techniqueEntries(catalog, fragment, start, pos, (id) => id);
    if (key === 'tactics') {
      return catalog
        .tacticsOf('enterprise-attack')
        .filter((t) => matches(`${t.shortname} ${t.name.toLowerCase()}`, fragment))
        .map((t) => ({
          label: sentinelTacticName(t.shortname),
          kind: 'tactic' as const,
          detail: `${t.id} ${t.name}`,
          range: { start, end: pos },
          sortText: `1${String(t.order).padStart(3, '0')}`,
          filterText: `${fragment} ${sentinelTacticName(t.shortname)} ${t.name.toLowerCase()}`,
        }));
    }
  }
  return null;
};
