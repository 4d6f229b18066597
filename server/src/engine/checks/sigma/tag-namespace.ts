import type { Fix } from '../../core/diagnostic';
import type { Located } from '../../sigma/model';
import { nearest, sameSpelling } from '../../util/nearest';
import type { Check, CheckContext } from '../check';
import { innerRange } from './items';

/** Namespaces of the Sigma tags appendix (v2.1); `attack` is attack/tag-format's. */
const NAMESPACES = ['attack', 'car', 'cve', 'd3fend', 'detection', 'stp', 'tlp'];
const TLP = ['clear', 'green', 'amber', 'amber-strict', 'red'];
const DETECTION = ['dfir', 'emerging-threats', 'threat-hunting'];
const D3FEND_TACTICS = ['model', 'harden', 'detect', 'isolate', 'deceive', 'evict'];

interface Problem {
  message: string;
  canonical?: string;
}

function checkName(ns: string, name: string): Problem | null {
  switch (ns) {
    case 'cve': {
      if (/^\d{4}-\d{4,}$/.test(name)) return null;
      const m = /^(?:cve[-_.])?(\d{4})[-_.](\d{4,})$/i.exec(name);
      // cve.2021.44228 was the example of tags appendix v1; v2 and SigmaHQ write cve.2021-44228.
      const old = /^\d{4}\.\d{4,}$/.test(name) ? ' (the dotted form is the one of tags appendix v1)' : '';
      return { message: `CVE tags are written cve.YYYY-NNNN (e.g. cve.2021-44228)${old}.`, ...(m ? { canonical: `cve.${m[1]}-${m[2]}` } : {}) };
    }
    case 'car': {
      if (/^\d{4}-\d{2}-\d{3}$/.test(name)) return null;
      const m = /^(?:car-)?(\d{4})-(\d{2})-(\d{3})$/i.exec(name);
      return {
        message: 'CAR tags are the analytic id without "CAR-": car.YYYY-MM-NNN (e.g. car.2016-04-005).',
        ...(m ? { canonical: `car.${m[1]}-${m[2]}-${m[3]}` } : {}),
      };
    }
    case 'tlp':
      return oneOf('tlp', name, TLP, name.toLowerCase() === 'white' ? 'clear' : null);
    case 'detection':
      return oneOf('detection', name, DETECTION, null);
    case 'stp': {
      if (/^[1-5][auk]?$/.test(name)) return null;
      return {
        message: 'Summiting the Pyramid tags are stp.N or stp.N plus a, u or k (analytic robustness 1-5, event robustness).',
        ...(/^[1-5][AUK]$/.test(name) ? { canonical: `stp.${name.toLowerCase()}` } : {}),
      };
    }
    case 'd3fend':
      if (/^d3f?-[A-Za-z0-9-]+$/.test(name) || D3FEND_TACTICS.includes(name)) return null;
      return { message: 'D3FEND tags are d3fend.d3-<technique>, d3fend.d3f-<Artifact> or a D3FEND tactic (model, harden, detect, isolate, deceive, evict).' };
    default:
      return null;
  }
}

function oneOf(ns: string, name: string, allowed: string[], alias: string | null): Problem | null {
  if (allowed.includes(name)) return null;
  const lower = name.toLowerCase().replace(/_/g, '-');
  const guess = alias ?? (allowed.includes(lower) ? lower : nearest(lower, allowed, 3));
  return { message: `'${ns}.' tags are ${allowed.map((a) => `${ns}.${a}`).join(', ')}.`, ...(guess ? { canonical: `${ns}.${guess}` } : {}) };
}

function report(ctx: CheckContext, tag: Located<string>, message: string, canonical: string | undefined, severity?: 'information'): void {
  const inner = innerRange(ctx.file.index, tag.range);
  // Only case and punctuation change (`cve.2021.44228` → `cve.2021-44228`): the same tag.
  const safe = canonical !== undefined && sameSpelling(tag.value, canonical);
  const fixes: Fix[] = canonical && inner ? [{ title: `Change to ${canonical}`, preferred: true, safe, edits: [{ range: inner, newText: canonical }] }] : [];
  ctx.report({ range: tag.range, message: canonical ? `${message} Did you mean '${canonical}'?` : message, fixes, ...(severity ? { severity } : {}) });
}

function checkTag(ctx: CheckContext, tag: Located<string>): void {
  const v = tag.value.trim();
  if (v === '' || /\s/.test(v)) return; // sigma/invalid-value reports these
  const dot = v.indexOf('.');
  const ns = dot < 0 ? v : v.slice(0, dot);
  const name = dot < 0 ? '' : v.slice(dot + 1);
  const lowerNs = ns.toLowerCase();
  if (lowerNs === 'attack') return;
  if (!NAMESPACES.includes(lowerNs)) {
    // `cve-2021-44228`, `CVE.2021-44228`, `detections.dfir`: a known namespace, misspelt.
    const joined = /^(cve|car)-/i.exec(v) ? checkName(v.slice(0, 3).toLowerCase(), v) : null;
    if (joined?.canonical) return report(ctx, tag, `'${v}' is missing the namespace dot.`, joined.canonical);
    const near = nearest(lowerNs, NAMESPACES, lowerNs.length > 4 ? 2 : 1);
    if (near && dot > 0) return report(ctx, tag, `'${ns}' is not a Sigma tag namespace.`, `${near}.${name}`);
    return report(
      ctx,
      tag,
      `'${v}' is outside the Sigma tag namespaces (${NAMESPACES.join(', ')}); tools that read tags will ignore it.`,
      undefined,
      'information',
    );
  }
  if (ns !== lowerNs) return report(ctx, tag, 'Tag namespaces are lower case.', `${lowerNs}.${name}`);
  const problem = checkName(lowerNs, name);
  if (problem) report(ctx, tag, `'${v}' is malformed: ${problem.message}`, problem.canonical);
}

export const tagNamespace: Check = {
  id: 'sigma/tag-namespace',
  defaultSeverity: 'warning',
  doc: "A tag in a Sigma namespace written the wrong way: `cve.2021.44228` or `cve-2021-44228` (cve.YYYY-NNNN), `car.CAR-2016-04-005`, `tlp.white` (TLP 2.0: clear), `detection.threat_hunting`, `stp.7`, or an upper-case namespace. Tools match tags exactly, so a malformed tag is a lost one. Information for tags outside the namespaces of the specification (attack, car, cve, d3fend, detection, stp, tlp). ATT&CK tags are `attack/tag-format`'s. The fix rewrites the tag.",
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) for (const tag of rule.tags) checkTag(ctx, tag);
  },
};
