import type { CancellationToken, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * When each open document was last edited: a CodeLens that may scan the samples is computed once
 * the user pauses, not for every keystroke (the editor asks again after each change).
 */
export class EditClock {
  private readonly lastEdit = new Map<string, number>();

  /** `onEdit` hears each edit (not the opening of a document) as it comes. */
  constructor(documents: TextDocuments<TextDocument>, onEdit: () => void = () => {}) {
    // Opening a document also fires a content change: only later changes are edits.
    const opening = new Set<string>();
    documents.onDidOpen((e) => opening.add(e.document.uri));
    documents.onDidChangeContent((e) => {
      if (opening.delete(e.document.uri)) return;
      this.lastEdit.set(e.document.uri, Date.now());
      onEdit();
    });
    documents.onDidClose((e) => this.lastEdit.delete(e.document.uri));
  }

  /** The document has gone `quietMs` without an edit (or was never edited). */
  quietNow(uri: string, quietMs: number): boolean {
    return (this.lastEdit.get(uri) ?? 0) + quietMs <= Date.now();
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
