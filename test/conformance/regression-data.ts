/**
 * SigmaHQ's regression data (../shared/corpus/sigmahq/regression_data): each folder's info.yml
 * names a rule id and the expected match count; the events sit beside it. The rule file is found
 * by id across the corpus's rules* folders, as SigmaHQ's regression runner resolves it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { sharedPath } from '../shared-data';

/** The SigmaHQ corpus folder; call only from tests that skip without the shared data. */
export const sigmahqDir = (): string => sharedPath('corpus', 'sigmahq');

export interface RegressionCase {
  folder: string;
  ruleId: string;
  rulePath: string | undefined;
  matchCount: number;
  /** Event files of the case (the original .evtx, its JSON export, plain text). */
  files: string[];
}

function walk(dir: string, visit: (path: string) => void): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, visit);
    else visit(p);
  }
}

function ruleIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const name of readdirSync(sigmahqDir())) {
    if (!name.startsWith('rules')) continue;
    walk(join(sigmahqDir(), name), (p) => {
      if (!/\.ya?ml$/.test(p)) return;
      const m = /^id:\s*['"]?([0-9a-fA-F-]{36})/m.exec(readFileSync(p, 'utf8'));
      if (m && !index.has(m[1].toLowerCase())) index.set(m[1].toLowerCase(), p);
    });
  }
  return index;
}

export function regressionCases(): RegressionCase[] {
  const rules = ruleIndex();
  const cases: RegressionCase[] = [];
  walk(join(sigmahqDir(), 'regression_data'), (p) => {
    if (!p.endsWith('info.yml')) return;
    const info = parse(readFileSync(p, 'utf8')) as { rule_metadata?: { id?: string }[]; regression_tests_info?: { match_count?: number }[] };
    const ruleId = String(info.rule_metadata?.[0]?.id ?? '').toLowerCase();
    const folder = join(p, '..');
    const files = readdirSync(folder)
      .filter((f) => f !== 'info.yml')
      .sort()
      .map((f) => join(folder, f));
    const counts = (info.regression_tests_info ?? []).map((t) => t.match_count).filter((n): n is number => typeof n === 'number');
    cases.push({ folder, ruleId, rulePath: rules.get(ruleId), matchCount: counts.length ? Math.max(...counts) : 1, files });
  });
  return cases.sort((a, b) => a.folder.localeCompare(b.folder));
}
