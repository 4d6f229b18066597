import { basename } from 'node:path';
import raw from '../../../../../data/sigmahq-filename-prefixes.json';
import type { SigmaRule } from '../../sigma/model';
import type { Check } from '../check';

interface PrefixEntry {
  prefix: string;
  category?: string;
  product?: string;
  service?: string;
}

const PREFIXES = (raw as { prefixes: PrefixEntry[] }).prefixes;
/** SigmaHQ: lower-case letters, digits and `_`, 10 to 90 characters before `.yml`, at least one `_`. */
const NAME = /^[a-z0-9_]{10,90}\.yml$/;

const key = (category = '', product = '', service = ''): string => `${category}|${product}|${service}`;
const BY_LOGSOURCE = new Map(PREFIXES.map((p) => [key(p.category, p.product, p.service), p.prefix]));

/** The prefix SigmaHQ expects for the rule's logsource: exact triple first, then the product alone. */
function expectedPrefix(rule: SigmaRule): string | undefined {
  const ls = rule.logsource;
  if (!ls) return undefined;
  const [c, p, s] = [ls.category?.value, ls.product?.value, ls.service?.value].map((v) => (typeof v === 'string' ? v : ''));
  return BY_LOGSOURCE.get(key(c, p, s)) ?? (p ? BY_LOGSOURCE.get(key('', p, '')) : undefined);
}

export const filenameConvention: Check = {
  id: 'sigma/filename-convention',
  defaultSeverity: 'warning',
  doc: "The file name does not follow SigmaHQ's convention: lower case, digits and `_` only, 10-90 characters, `.yml`, starting with the prefix of its log source (`proc_creation_win_` for Windows process creation, `net_connection_lnx_`, `win_security_`, `posh_ps_`...; `correlation_` for correlation rules). Only under the `sigmahq` profile (or when enabled in `checks`). Prefixes: `data/sigmahq-filename-prefixes.json`.",
  kinds: ['sigma'],
  run(ctx) {
    const name = basename(ctx.file.path);
    const first = ctx.file.sigma[0];
    if (!first) return;
    const at = { start: first.range.start, end: ctx.file.index.position(ctx.file.index.lineEnd(first.range.start.line)) };
    if (!NAME.test(name) || !name.includes('_')) {
      ctx.report({
        range: at,
        message: `'${name}' does not follow SigmaHQ's file naming: lower-case letters, digits and '_', 10 to 90 characters, ending in '.yml'.`,
      });
      return;
    }
    // A file holding several documents (a correlation and its rules) may mix log sources.
    if (ctx.file.sigma.length > 1) return;
    const expected = first.type === 'correlation' ? 'correlation_' : first.type === 'detection' ? expectedPrefix(first) : undefined;
    if (expected && !name.startsWith(expected))
      ctx.report({
        range: at,
        message: `SigmaHQ names ${first.type === 'correlation' ? 'correlation rules' : 'rules of this log source'} '${expected}...': '${name}' does not start with it.`,
      });
  },
};
