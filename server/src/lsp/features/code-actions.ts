import { CodeActionKind, type CodeAction, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../../engine/index';
import { toLspDiagnostic } from '../convert';
import type { AnalysisCache } from '../state';

const overlaps = (a: Range, b: Range): boolean =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) || b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

/** Quick fixes come from the engine's findings: the editor applies exactly what the CLI describes. */
export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const report = await cache.analyze(doc);
    const actions: CodeAction[] = [];
    // Several findings on one entry can offer the same fix (e.g. "add to allowlist"): offer it once.
    const seen = new Set<string>();
    for (const d of report.diagnostics) {
      if (!d.fixes || !overlaps(d.range, params.range)) continue;
      for (const fix of d.fixes) {
        const key = JSON.stringify([fix.title, fix.edits, fix.command ?? null]);
        if (seen.has(key)) continue;
        seen.add(key);
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toLspDiagnostic(d)], isPreferred: fix.preferred === true };
        if (fix.edits.length > 0) action.edit = { changes: { [doc.uri]: fix.edits } };
        if (fix.command) action.command = { title: fix.title, command: fix.command.id, arguments: fix.command.args };
        actions.push(action);
      }
    }
    return actions;
  });
}
