import type { CancellationToken, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * When each open document was last edited. What the editor draws beside the text (inlay hints,
 * CodeLenses) is answered once the user pauses: while typing, the editor keeps showing the previous
 * ones, moved with the text, instead of redrawing them on every keystroke — measured in the real
 * editor, those redraws cost more of each keystroke than Tripline's analysis.
 */
export class EditClock {
  private readonly lastEdit = new Map<string, number>();

  constructor(documents: TextDocuments<TextDocument>) {
    // Opening a document also fires a content change: only later changes are edits.
    const opening = new Set<string>();
    documents.onDidOpen((e) => opening.add(e.document.uri));
    documents.onDidChangeContent((e) => (opening.delete(e.document.uri) ? undefined : this.lastEdit.set(e.document.uri, Date.now())));
    documents.onDidClose((e) => this.lastEdit.delete(e.document.uri));
  }

  /** Resolves true once `uri` has gone `quietMs` without an edit (at once if it has); false if the request was cancelled first. */
  async quiet(uri: string, quietMs: number, token: CancellationToken): Promise<boolean> {
    for (;;) {
      const wait = (this.lastEdit.get(uri) ?? 0) + quietMs - Date.now();
      if (token.isCancellationRequested) return false;
      if (wait <= 0) return true;
      await new Promise((r) => setTimeout(r, Math.min(wait, 100)));
    }
  }
}
