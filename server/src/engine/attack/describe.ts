import type { CatalogTactic } from './data';
import { DOMAIN_LABEL, techniqueUrl, type AttackCatalog, type Technique } from './catalog';

/** Markdown about ATT&CK objects, shared by hover and completion documentation. */

function tacticUrl(id: string): string {
  return `https://attack.mitre.org/tactics/${id}`;
}

function detectionUrl(det: string, an?: string): string {
  return `https://attack.mitre.org/detectionstrategies/${det}${an ? `#${an}` : ''}`;
}

function tacticLine(catalog: AttackCatalog, t: Technique): string {
  return t.tactics
    .map((s) => {
      const tactic = catalog.tactic(t.domain, s);
      return tactic ? `[${s}](${tacticUrl(tactic.id)}) (${tactic.id})` : s;
    })
    .join(', ');
}

export function catalogFooter(catalog: AttackCatalog): string {
  const domains = Object.entries(catalog.data.domains)
    .map(([d, info]) => `${DOMAIN_LABEL[d as keyof typeof DOMAIN_LABEL] ?? d} ${info?.version ?? '?'}`)
    .join(', ');
  return `_MITRE ATT&CK® catalog ${catalog.version} (${domains}). ${catalog.data.attribution}_`;
}

export function describeTechnique(catalog: AttackCatalog, t: Technique, opts: { footer?: boolean } = {}): string {
  const out: string[] = [`**[${t.id}](${techniqueUrl(t.id)}) ${catalog.displayName(t)}**`];
  if (t.revoked) {
    const { final } = catalog.resolve(t.id);
    out.push(
      final && final !== t && catalog.isActive(final)
        ? `⚠ **Revoked**: replaced by [${final.id}](${techniqueUrl(final.id)}) ${catalog.displayName(final)}.`
        : '⚠ **Revoked**, with no replacement.',
    );
  } else if (t.deprecated) out.push('⚠ **Deprecated**, with no replacement.');
  const facts = [
    `${DOMAIN_LABEL[t.domain]}`,
    t.tactics.length ? `tactics ${tacticLine(catalog, t)}` : '',
    t.platforms.length ? `platforms ${t.platforms.join(', ')}` : '',
  ].filter(Boolean);
  out.push(facts.join(' · '));
  if (t.parent) {
    const p = catalog.technique(t.parent);
    if (p) out.push(`Sub-technique of [${p.id}](${techniqueUrl(p.id)}) ${p.name}`);
  }
  if (t.subtechniques.length > 0)
    out.push(`Sub-techniques: ${t.subtechniques.map((s) => `[${s}](${techniqueUrl(s)}) ${catalog.technique(s)?.name ?? ''}`).join(', ')}`);
  if (t.summary) out.push(`> ${t.summary}`);
  if (t.det?.length) {
    const dets = t.det.map((d) => {
      const ds = catalog.detectionStrategy(d);
      const ans = (ds?.analytics ?? [])
        .filter((a) => !t.an || t.an.includes(a))
        .map((a) => {
          const plat = catalog.analytic(a)?.platforms.join(', ');
          return `[${a}](${detectionUrl(d, a)})${plat ? ` (${plat})` : ''}`;
        });
      return `[${d}](${detectionUrl(d)}) ${ds?.name ?? ''}${ans.length ? ` — analytics ${ans.join(', ')}` : ''}`;
    });
    out.push(`Detection: ${dets.join('; ')}`);
  }
  if (t.dc?.length) out.push(`Data components: ${t.dc.map((d) => `${d} ${catalog.dataComponent(d)?.name ?? ''}`.trim()).join(', ')}`);
  if (opts.footer !== false) out.push(catalogFooter(catalog));
  return out.join('\n\n');
}

export function describeTactics(catalog: AttackCatalog, shortname: string, tactics: CatalogTactic[]): string {
  const lines = tactics.map((t) => {
    const former = t.shortname !== shortname ? ` (formerly \`${shortname}\`; now \`${t.shortname}\`)` : '';
    return `- [${t.id}](${tacticUrl(t.id)}) **${t.name}** — ${DOMAIN_LABEL[t.domain]}${former}`;
  });
  return [
    `**ATT&CK tactic \`${shortname}\`**`,
    lines.join('\n'),
    'Sigma tactic tags carry no domain: each technique is compared with the tactic of its own domain.',
    catalogFooter(catalog),
  ].join('\n\n');
}

export function tacticsNamed(catalog: AttackCatalog, shortname: string): CatalogTactic[] {
  const out: CatalogTactic[] = [];
  for (const d of ['enterprise-attack', 'mobile-attack', 'ics-attack'] as const)
    for (const id of catalog.tacticIds(d, shortname)) out.push(catalog.tacticById(id)!);
  return out;
}
