import type { Fix } from '../../core/diagnostic';
import type { AttackCatalog } from '../../attack/catalog';
import type { MappedTag, RuleMapping } from '../../attack/mapping';
import { sentinelTacticName } from '../../attack/tags';
import { nearest, sameSpelling } from '../../util/nearest';
import type { Check, CheckContext } from '../check';
import { eachRule, replaceTag } from './common';
import { techniquesNamed } from './unknown-technique';

function allTacticNames(catalog: AttackCatalog): string[] {
  return [...new Set(catalog.data.tactics.filter((t) => t.order >= 0).map((t) => t.shortname))];
}

/** The rule is about Mobile when its logsource is Android/iOS or all its techniques are Mobile. */
function mobileRule(catalog: AttackCatalog, rule: RuleMapping): boolean {
  if (rule.domainHint === 'mobile-attack') return true;
  const domains = rule.techniques.map((t) => catalog.technique(t.parsed.techniqueId!)?.domain).filter(Boolean);
  return domains.length > 0 && domains.every((d) => d === 'mobile-attack');
}

function renamedTactic(ctx: CheckContext, catalog: AttackCatalog, rule: RuleMapping, tag: MappedTag): void {
  const short = tag.parsed.tactic!;
  const current = catalog.tactic('enterprise-attack', short);
  if (!current || current.shortname === short || rule.format !== 'sigma' || mobileRule(catalog, rule)) return;
  // A former name may now be several tactics (v19 split Defense Evasion into Stealth and Defense
  // Impairment): offer each, the one the rule's own techniques belong to first.
  const options = catalog.tacticIds('enterprise-attack', short).map((id) => catalog.tacticById(id)!.shortname);
  const used = new Set(rule.techniques.flatMap((x) => catalog.technique(x.parsed.techniqueId!)?.tactics ?? []));
  options.sort((a, b) => Number(used.has(b)) - Number(used.has(a)));
  const fixes: Fix[] = options.map((o, i) => ({ title: `Change to attack.${o}`, preferred: i === 0, edits: [replaceTag(tag, `attack.${o}`)] }));
  ctx.report({
    range: tag.item.range,
    severity: 'information',
    message: `The Enterprise tactic ${current.id} is now '${current.shortname}' (${current.name}) in ATT&CK ${catalog.version}; '${short}' is its former name${options.length > 1 ? ` and now covers ${options.map((o) => `'${o}'`).join(' and ')}` : ''}.`,
    fixes,
  });
}

export const tagFormat: Check = {
  id: 'attack/tag-format',
  defaultSeverity: 'warning',
  doc: "An ATT&CK tag spelled the old or a malformed way: `attack.resource_development` (underscores), `attack.T1102` or `Attack.t1102` (upper case), `attack.t1102_002`, a TA id instead of the tactic's name, a Sentinel tactic not in PascalCase. Tools compare tags exactly, so a misspelt tag is a lost mapping. Information for a tactic's former name (`attack.defense-evasion`, Stealth since v19). The fix rewrites the tag.",
  kinds: ['sigma', 'sentinel'],
  run(ctx) {
    eachRule(ctx, (rule, { catalog }) => {
      for (const tag of rule.tags) {
        const p = tag.parsed;
        if (p.canonical && p.formatIssue) {
          ctx.report({
            range: tag.item.range,
            ...(p.formatSeverity ? { severity: p.formatSeverity } : {}),
            message: `'${tag.item.value}' should be written '${p.canonical}': ${p.formatIssue}.`,
            fixes: [
              { title: `Change to ${p.canonical}`, preferred: true, safe: sameSpelling(tag.item.value, p.canonical), edits: [replaceTag(tag, p.canonical)] },
            ],
          });
          continue;
        }
        if (p.kind === 'tactic') {
          renamedTactic(ctx, catalog, rule, tag);
          continue;
        }
        if (p.kind === 'data-source') {
          ctx.report({
            range: tag.item.range,
            severity: 'information',
            message: `'${tag.item.value}' names an ATT&CK data source; MITRE deprecated data sources in ATT&CK v18 in favour of detection strategies and data components. Tag the technique the rule detects instead.`,
          });
          continue;
        }
        if (p.kind !== 'attack-other') continue;
        if (tag.list === 'tactics') {
          const guess = nearest(tag.item.value.toLowerCase().replace(/[\s_]+/g, '-'), allTacticNames(catalog), 3);
          if (guess) {
            const text = sentinelTacticName(guess);
            ctx.report({
              range: tag.item.range,
              message: `'${tag.item.value}' is not an ATT&CK tactic; did you mean ${text}?`,
              fixes: [{ title: `Change to ${text}`, preferred: true, edits: [replaceTag(tag, text)] }],
            });
          }
          continue;
        }
        if (tag.list === 'relevantTechniques') {
          ctx.report({ range: tag.item.range, message: `'${tag.item.value}' is not a technique id: write T1234 or T1234.001.` });
          continue;
        }
        const name = tag.item.value.slice(tag.item.value.indexOf('.') + 1).toLowerCase();
        // A technique written by name is attack/unknown-technique's, with the ids as fixes.
        if (techniquesNamed(catalog, name).length > 0 && !/^t\d{4}/.test(name)) continue;
        const guess = nearest(name.replace(/[\s_]+/g, '-'), allTacticNames(catalog), 3);
        const sub = /^t(\d{4})[._\-/](\d{1,2})$/.exec(name);
        const fixText = sub ? `attack.t${sub[1]}.${sub[2].padStart(3, '0')}` : guess ? `attack.${guess}` : undefined;
        ctx.report({
          range: tag.item.range,
          message: `'${tag.item.value}' is not an ATT&CK technique (attack.t1234[.001]), tactic, group (attack.g1234), software (attack.s1234) or campaign (attack.c1234) tag.${fixText ? ` Did you mean '${fixText}'?` : ''}`,
          fixes: fixText ? [{ title: `Change to ${fixText}`, preferred: true, edits: [replaceTag(tag, fixText)] }] : [],
        });
      }
    });
  },
};
