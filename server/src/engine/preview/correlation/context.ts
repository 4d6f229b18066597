/**
 * Which other rule files a preview reads, the same for the CLI and the editor: the paths the user
 * names (the CLI's `--rules`), the filter files and folders of `samples.filters`, and — for a file
 * holding a correlation or filter rule, when no paths are named — the rule's own folder
 * (recursively), where the rules a correlation names usually live.
 */
import { dirname, resolve } from 'node:path';
import type { TriplineConfig } from '../../config/config';
import { collectRuleFiles, readRuleFile } from '../../workspace/files';
import type { RuleFileText } from './library';
import { hasMetaRules } from './in-context';

/** Folders larger than this are not read for context (a whole rule repository is too much per preview). */
const MAX_CONTEXT_FILES = 5000;

export function ruleContextFiles(rulePath: string, ruleText: string, config: TriplineConfig, named: readonly string[] = []): RuleFileText[] {
  const paths = [...named];
  for (const f of config.samples.filters ?? []) paths.push(resolve(config.baseDir ?? '.', f));
  if (named.length === 0 && hasMetaRules(ruleText)) paths.push(dirname(resolve(rulePath)));
  if (paths.length === 0) return [];
  const self = resolve(rulePath);
  let files: string[];
  try {
    files = collectRuleFiles(paths);
  } catch (e) {
    // The editor must not fail a preview for a configured folder that is gone; the CLI reports it.
    if (named.length > 0) throw e;
    files = [];
  }
  return files
    .filter((p) => /\.ya?ml$/i.test(p) && resolve(p) !== self)
    .slice(0, MAX_CONTEXT_FILES)
    .map((path) => ({ path, text: readRuleFile(path).text }));
}
