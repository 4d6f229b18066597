import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { Diagnostic, Severity } from '../engine/index';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What the editor is shown of a finding (its fixes travel separately, as code actions). */
type Finding = Omit<Diagnostic, 'fixes'>;

export function toLspDiagnostic(d: Finding): LspDiagnostic {
  return { range: d.range, severity: SEVERITY[d.severity], code: d.code, source: 'tripline', message: d.message };
}

/**
 * The diagnostics an editor shows: one per entry. A finding linked to a leader (`relatedTo`) is not
 * published on its own; it appears in the leader's related information, so the entry gets one squiggle.
 */
export function toLspDiagnostics(ds: readonly Finding[], uri: string): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  const leaders = new Map<string, LspDiagnostic>();
  const key = (d: Finding): string => `${d.code}@${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}`;
  for (const d of ds) {
    if (d.relatedTo) continue;
    const l = toLspDiagnostic(d);
    leaders.set(key(d), l);
    out.push(l);
  }
  for (const d of ds) {
    if (!d.relatedTo) continue;
    const lead = leaders.get(key({ ...d, code: d.relatedTo }));
    if (!lead) {
      out.push(toLspDiagnostic(d));
      continue;
    }
    (lead.relatedInformation ??= []).push({ location: { uri, range: d.range }, message: `Also ${d.code} (${d.severity}): ${d.message}` });
  }
  return out;
}
