/**
 * `tripline preview` for KQL files and Sentinel rules: the CLI side of engine/kql/preview. The
 * Sigma preview command (preview.ts) hands these files over through one dispatch line.
 */
import { loadSource } from '../engine/document/source';
import { formatKqlPreviewText, KqlPreviewError, kqlPreviewJson, previewKql } from '../engine/kql/preview';
import type { SampleSource } from '../engine/preview';
import { InputError } from '../engine/workspace/files';
import { writeOut } from './main';

/** A `.kql`/`.csl` file or a Sentinel YAML rule: previewed by the KQL evaluator. */
export function isKqlRule(path: string, text: string): boolean {
  const kind = loadSource(path, text).kind;
  return kind === 'kql' || kind === 'sentinel';
}

export async function runKqlPreview(rulePath: string, ruleText: string, samples: SampleSource[], opts: { format: string; limit: number; clock?: string }): Promise<number> {
  let result;
  try {
    result = await previewKql(rulePath, ruleText, samples, { limit: opts.limit, clock: opts.clock });
  } catch (e) {
    if (e instanceof KqlPreviewError) throw new InputError(`${rulePath}:${e.line + 1}:${e.character + 1}: ${e.message}`);
    throw e;
  }
  await writeOut(opts.format === 'json' ? JSON.stringify(kqlPreviewJson(result)) + '\n' : formatKqlPreviewText(result));
  return 0;
}
