import { analyzeText } from '../analyze';
import type { Diagnostic } from '../core/diagnostic';
import { LineIndex, type Range } from '../core/position';
import { defaultConfig, mergeConfig } from '../config/config';
import { SampleHitsService } from '../samples/hits-service';

/**
 * Sample hit counts for tests, shared by the test process as one Engine shares them across files
 * (indexing the bundled samples takes seconds): pass `{ sampleHits: TEST_SAMPLE_HITS }` to analyzeText.
 */
export const TEST_SAMPLE_HITS = new SampleHitsService();

/** Test helper: the diagnostics of one code for a text, with the text each range covers. */
export async function findings(text: string, code: string, opts: { path?: string; config?: unknown } = {}): Promise<(Diagnostic & { text: string })[]> {
  const config = mergeConfig(defaultConfig(), opts.config ?? {}, 'test');
  const report = await analyzeText(opts.path ?? 'rule.yml', text, config, undefined, undefined, undefined, { sampleHits: TEST_SAMPLE_HITS });
  const index = new LineIndex(text);
  return report.diagnostics.filter((d) => d.code === code).map((d) => ({ ...d, text: slice(index, d.range) }));
}

export function slice(index: LineIndex, range: Range): string {
  return index.text.slice(index.offset(range.start), index.offset(range.end));
}

/** Applies a fix's edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const index = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => index.offset(b.range.start) - index.offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, index.offset(e.range.start)) + e.newText + out.slice(index.offset(e.range.end));
  return out;
}

/** A minimal valid rule; tests replace parts of it. */
export function rule(detection: string, extra = ''): string {
  return `title: Test rule
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
status: test
description: test
author: tests
date: 2026-01-01
${extra}logsource:
    product: windows
    category: network_connection
detection:
${detection}
level: medium
`;
}
