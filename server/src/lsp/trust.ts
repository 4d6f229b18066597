/**
 * Workspace trust as the client reports it. VS Code's extension sends it in
 * `initializationOptions` and again with `tripline/workspaceTrust` when it changes. Other editors
 * that say nothing get a trusted workspace whose configured paths stay inside the workspace folder.
 */
export const TRUST_NOTIFICATION = 'tripline/workspaceTrust';

export interface InitOptions {
  /** The user trusts the workspace (false: Restricted Mode). */
  workspaceTrusted?: boolean;
  /** The user's own setting (never a workspace's) lets configured paths leave the workspace folder. */
  allowPathsOutsideWorkspace?: boolean;
  /** Longest analysis of one document, in milliseconds (tests and slow machines). */
  analysisBudgetMs?: number;
  /** Number of analysis worker threads. */
  analysisWorkers?: number;
  /** A folder the client owns (VS Code: the extension's global storage) where sample indexes are kept between sessions. */
  storagePath?: string;
}

export function trustFrom(o: InitOptions | null | undefined): { trusted: boolean; allowOutside: boolean } {
  return { trusted: o?.workspaceTrusted !== false, allowOutside: o?.allowPathsOutsideWorkspace === true };
}
