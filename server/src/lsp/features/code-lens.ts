import type { CodeLens, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PreviewError, type PreviewResult, type SampleCount } from '../../engine/index';
import { uriToPath, type AnalysisCache } from '../state';
import type { EditClock } from '../typing';
import { abortOn, DEFAULT_PREVIEW_LIMIT } from './preview';

/** The client command that opens the preview panel (client/src/extension.ts). */
const PREVIEW_COMMAND = 'tripline.previewMatches';
const PICK_SAMPLES_COMMAND = 'tripline.pickSamples';

interface LensData {
  uri: string;
  docIndex: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * A lens may evaluate the rule over every sample event (seconds of CPU on a big sample set): while
 * the user types, each keystroke would start a scan that the next one cancels, and on a busy
 * machine those scans slow the keystrokes down. Resolving waits until the rule has been left
 * alone this long.
 */
export const LENS_QUIET_MS = 800;

/** "▶ 3 matches in 12,400 events" (and what could not be read). */
export function countTitle(c: SampleCount): string {
  const head = c.matched === 0 ? '▶ no matches' : `▶ ${fmt(c.matched)} match${c.matched === 1 ? '' : 'es'}`;
  return `${head} in ${fmt(c.scanned)} event${c.scanned === 1 ? '' : 's'}${c.unreadable > 0 ? ` (${fmt(c.unreadable)} unreadable)` : ''}`;
}

/** The title of a preview's result: its counts, or "▶ 2 correlations (…)" for a correlation rule. */
export function lensTitle(r: PreviewResult): string {
  const unread = r.skipped.filter((s) => s.index >= 0).length;
  if (r.correlations) {
    const n = r.correlations.length;
    return `▶ ${n === 0 ? 'no' : fmt(n)} correlation${n === 1 ? '' : 's'} (${fmt(r.matched)} matched events in ${fmt(r.scanned)})${unread > 0 ? ` (${fmt(unread)} unreadable)` : ''}`;
  }
  return countTitle({ matched: r.matched, scanned: r.scanned, unreadable: unread });
}

/**
 * A CodeLens above each Sigma detection rule with its match count on the sample telemetry. Lenses
 * are listed at once and resolved lazily (the evaluation runs in the preview worker and is cached
 * per rule content and sample file versions); clicking one opens the preview panel.
 */
export function registerCodeLens(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache, edits: EditClock): void {
  connection.onCodeLens(async (params, token): Promise<CodeLens[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !cache.enabled) return [];
    const analysis = await cache.analyze(doc);
    // Right after an edit the list comes at once, unresolved (resolve waits for the pause). When
    // the rule has been left alone and the sample index can count it (milliseconds), the lens
    // comes whole: no resolve round trip, nothing drawn twice.
    const settled = edits.quietNow(doc.uri, LENS_QUIET_MS);
    const signal = abortOn(token).signal;
    return Promise.all(
      analysis.lenses.map(async (l): Promise<CodeLens> => {
        const range = { start: { line: l.line, character: 0 }, end: { line: l.line, character: 0 } };
        const data: LensData = { uri: doc.uri, docIndex: l.docIndex };
        const counted = settled ? await cache.feature(doc, { op: 'sampleCount', docIndex: l.docIndex }, signal) : null;
        return counted ? { range, data, command: { title: countTitle(counted), command: PREVIEW_COMMAND, arguments: [doc.uri] } } : { range, data };
      }),
    );
  });

  connection.onCodeLensResolve(async (lens, token): Promise<CodeLens> => {
    const data = lens.data as LensData;
    const unresolved = { ...lens, command: { title: '▶ Preview matches', command: PREVIEW_COMMAND, arguments: [data.uri] } };
    if (!(await edits.quiet(data.uri, LENS_QUIET_MS, token))) return unresolved;
    const doc = documents.get(data.uri);
    if (!doc) return { ...lens, command: { title: '▶ Preview matches', command: PREVIEW_COMMAND, arguments: [data.uri] } };
    // The analysis worker's sample index answers most rules in milliseconds; the rest (index still
    // being read, correlations, filters...) take the preview's path, which the panel shares.
    const counted = await cache.feature(doc, { op: 'sampleCount', docIndex: data.docIndex }, abortOn(token).signal);
    if (counted) return { ...lens, command: { title: countTitle(counted), command: PREVIEW_COMMAND, arguments: [data.uri] } };
    if (token.isCancellationRequested) return unresolved;
    try {
      // Lenses are only on Sigma rules; the preview path (and its cache) is the panel's.
      const outcome = await cache.engine.preview(
        { path: uriToPath(doc.uri), text: doc.getText(), kind: 'sigma' },
        { limit: DEFAULT_PREVIEW_LIMIT, docIndex: data.docIndex, signal: abortOn(token).signal },
      );
      if (outcome.kind !== 'sigma') return { ...lens, command: { title: '▶ Preview matches', command: PREVIEW_COMMAND, arguments: [data.uri] } };
      const { result, noSamples } = outcome;
      if (noSamples) return { ...lens, command: { title: '▶ Preview: choose sample telemetry…', command: PICK_SAMPLES_COMMAND, arguments: [] } };
      const title = result.cancelled ? '▶ Preview matches' : lensTitle(result);
      return { ...lens, command: { title, command: PREVIEW_COMMAND, arguments: [data.uri] } };
    } catch (e) {
      if (token.isCancellationRequested) return { ...lens, command: { title: '▶ Preview matches', command: PREVIEW_COMMAND, arguments: [data.uri] } };
      const why = e instanceof PreviewError ? e.message : `preview failed: ${(e as Error).message}`;
      return {
        ...lens,
        command: { title: `▶ Preview unavailable: ${why.length > 80 ? `${why.slice(0, 77)}…` : why}`, command: PREVIEW_COMMAND, arguments: [data.uri] },
      };
    }
  });
}
