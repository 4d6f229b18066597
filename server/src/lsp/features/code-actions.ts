import { CodeActionKind, type CodeAction, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rangesTouch } from '../../engine/index';
import { toLspDiagnostic } from '../convert';
import type { AnalysisCache } from '../state';

/** "Fix all safe problems in this file": what `editor.codeActionsOnSave` names to run `tripline check --fix` on save. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tripline`;

/** A kind the client asked for covers `kind` when it is the same or a parent (`source` covers `source.fixAll.tripline`). */
function wants(only: string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

async function fixAllAction(doc: TextDocument, cache: AnalysisCache): Promise<CodeAction | null> {
  const r = await cache.feature(doc, { op: 'fixAll' });
  if (!r?.edit) return null;
  return { title: `Fix all safe problems in this file (${r.fixes})`, kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: [r.edit] } } };
}

/** Quick fixes come from the engine's findings: the editor applies exactly what the CLI describes. */
export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    // Source actions only when asked for (Source Action menu, code actions on save), not in the light bulb.
    const all = only !== undefined && wants(only, FIX_ALL_KIND) ? await fixAllAction(doc, cache) : null;
    if (!wants(only, CodeActionKind.QuickFix)) return all ? [all] : [];
    const report = await cache.analyze(doc);
    const actions: CodeAction[] = [];
    // The fixes stay in the worker until asked for (SummaryDiagnostic): most cursor moves touch no fixable finding.
    const fixable = report.diagnostics.some((d) => d.fixable && rangesTouch(d.range, params.range));
    const found = fixable ? ((await cache.feature(doc, { op: 'quickFixes', range: params.range })) ?? []) : [];
    // Several findings on one entry can offer the same fix (e.g. "add to allowlist"): offer it once.
    const seen = new Set<string>();
    for (const { diagnostic: d, fixes } of found) {
      for (const fix of fixes) {
        const key = JSON.stringify([fix.title, fix.edits, fix.command ?? null]);
        if (seen.has(key)) continue;
        seen.add(key);
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toLspDiagnostic(d)], isPreferred: fix.preferred === true };
        if (fix.edits.length > 0) action.edit = { changes: { [doc.uri]: fix.edits } };
        if (fix.command) action.command = { title: fix.title, command: fix.command.id, arguments: fix.command.args };
        actions.push(action);
      }
    }
    if (all) actions.push(all);
    return actions;
  });
}
