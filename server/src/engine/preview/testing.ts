/** Test helpers for the preview engine: a rule from a detection snippet, one-event matching. */
import { compilePreview, matchEvent } from './index';
import type { CompiledRule } from './compile/rule';
import type { TelemetryEvent } from './types';

/** A detection rule around `detection` (indented by four spaces), with a logsource that maps to nothing. */
export function ruleText(detection: string, logsource = '    product: testproduct\n    category: testcategory'): string {
  return `title: Preview test\nid: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11\nstatus: test\nlogsource:\n${logsource}\ndetection:\n${detection}\nlevel: medium\n`;
}

export function compileDetection(detection: string, options: { placeholders?: Record<string, string[]>; logsource?: string } = {}): CompiledRule {
  return compilePreview({ ruleText: ruleText(detection, options.logsource), rulePath: 'test.yml' }, { placeholders: options.placeholders });
}

/** Whether `detection` matches `event`. */
export function hits(
  detection: string,
  event: TelemetryEvent,
  options: { placeholders?: Record<string, string[]>; logsource?: string; profile?: string } = {},
): boolean {
  return matchEvent(compileDetection(detection, options), event, options.profile).matched;
}

/** Which of `events` a detection matches (their indexes). */
export function which(
  detection: string,
  events: TelemetryEvent[],
  options: { placeholders?: Record<string, string[]>; logsource?: string; profile?: string } = {},
): number[] {
  const rule = compileDetection(detection, options);
  return events.flatMap((e, i) => (matchEvent(rule, e, options.profile).matched ? [i] : []));
}
