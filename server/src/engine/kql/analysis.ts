import type { TriplineConfig } from '../config/config';
import type { SourceFile } from '../document/source';
import { defaultConfig } from '../config/config';
import { kusto, kustoLoadError, kustoTimings, type KCode, type KDiagnostic, type KList } from './library';
import { globalsFor } from './schema';
import { kqlSegments, type KqlSegment } from './segments';
import { toPlainTree, type KqlNode } from './tree';

/** One diagnostic from Kusto.Language, offsets in the query text. */
interface KqlProblem {
  code: string;
  message: string;
  start: number;
  length: number;
  severity: string;
}

export interface KqlQuery {
  segment: KqlSegment;
  /** Parser diagnostics (`kql/syntax`). */
  syntax: KqlProblem[];
  /** Semantic diagnostics against the schemas (errors only; syntax ones excluded). */
  semantic: KqlProblem[];
  code: KCode;
  root: KqlNode;
}

export interface KqlFileAnalysis {
  queries: KqlQuery[];
  /** Set when the KQL library could not be loaded: checks report it once instead of silence. */
  error?: string;
}

function problems(list: KList<KDiagnostic> | null): KqlProblem[] {
  const out: KqlProblem[] = [];
  if (!list) return out;
  for (let i = 0; i < list.Count; i++) {
    const d = list.getItem(i);
    out.push({ code: d.Code, message: d.Message, start: d.HasLocation ? d.Start : 0, length: d.HasLocation ? d.Length : 0, severity: d.Severity });
  }
  return out;
}

/**
 * The last analyses by query text and schemas: editing a Sentinel rule's other fields, or asking
 * for hover and completion on an unchanged query, does not analyse the KQL again.
 */
const recent = new Map<string, Omit<KqlQuery, 'segment'>>();
// A .kql file may hold dozens of queries; editing one must not re-analyse the others.
const RECENT_MAX = 64;

/** Parses and analyses one query (synchronous: the library must be loadable). */
function analyzeQuery(segment: KqlSegment, config: TriplineConfig): KqlQuery | null {
  const api = kusto();
  const globals = globalsFor(config);
  if (!api || !globals) return null;
  const key = `${JSON.stringify(config.kql.tables)}\u0000${segment.text}`;
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
    return { ...hit, segment };
  }
  const code = api.parseAndAnalyze(segment.text, globals);
  const syntax = problems(code.GetSyntaxDiagnostics());
  const seen = new Set(syntax.map((p) => `${p.code}@${p.start}`));
  const semantic = problems(code.GetDiagnostics()).filter((p) => p.severity === 'Error' && !seen.has(`${p.code}@${p.start}`));
  const result = { syntax, semantic, code, root: toPlainTree(api, code.Syntax) };
  recent.set(key, result);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string);
  return { ...result, segment };
}

function analyzeKqlFile(file: SourceFile, config: TriplineConfig): KqlFileAnalysis {
  const segments = kqlSegments(file);
  if (segments.length === 0) return { queries: [] };
  const queries: KqlQuery[] = [];
  try {
    for (const s of segments) {
      const q = analyzeQuery(s, config);
      if (!q) return { queries: [], error: kustoLoadError() ?? 'the KQL parser is not available' };
      queries.push(q);
    }
  } catch (e) {
    // A missing schema file or a library failure must not take the other checks down.
    return { queries: [], error: (e as Error).message };
  }
  return { queries };
}

/** The analysis a preparer attached to the file (none for files that hold no KQL). */
export function kqlOf(file: SourceFile): KqlFileAnalysis | undefined {
  return file.slots.kql;
}

/**
 * The preparer: KQL and Sentinel files get their queries parsed before checks run, so checks,
 * hover and completion stay synchronous.
 */
export async function prepareKql(file: SourceFile, config: TriplineConfig): Promise<void> {
  if (file.kind !== 'kql' && file.kind !== 'sentinel') return;
  file.slots.kql = analyzeKqlFile(file, config);
}

/**
 * Background warm-up for long-running front ends: loads Kusto.Language, pays its first parse and
 * builds the default schemas, so the first KQL file opened does not wait for them. Returns a line
 * for the server log.
 */
export async function warmUpKql(delayMs = 250): Promise<string> {
  await new Promise((r) => setTimeout(r, delayMs));
  const t0 = performance.now();
  if (!kusto()) return `tripline: KQL parser unavailable: ${kustoLoadError()}`;
  globalsFor(defaultConfig());
  const { loadMs, firstParseMs } = kustoTimings();
  return `tripline: KQL parser ready in ${Math.round(performance.now() - t0)} ms (load ${Math.round(loadMs)} ms, first parse ${Math.round(firstParseMs)} ms, schemas ${Math.round(performance.now() - t0 - loadMs - firstParseMs)} ms)`;
}
