import type { LanguageClient } from 'vscode-languageclient/node';
import type { CoverageTree } from './coverage/tree';
import type { PreviewState } from './preview/panel';
import type { ProblemsByCheck } from './problems/tree';
import type { PreviewResult } from './protocol';
import type { TriplineStatus } from './status';
import type { WorkspaceChecker } from './commands/check-workspace';

/** What `activate` returns: other extensions and the end-to-end suite read state through it. */
export interface TriplineApi {
  client: LanguageClient;
  coverage: CoverageTree;
  status: TriplineStatus;
  workspaceChecker: WorkspaceChecker;
  /** The result shown in the preview panel most recently. */
  lastPreview(): PreviewResult | undefined;
  previewPanelOpen(): boolean;
  /** Resolves with the number of matched events the panel shows, once its webview has rendered. */
  previewRendered(): Promise<number>;
  /** Whether the panel shows the rule's latest result, is recomputing it, or is out of date. */
  previewState(): PreviewState;
  problems: ProblemsByCheck;
  statusVisible(): boolean;
  /** Findings the last "Check All Rules" run still shows. */
  workspaceProblems(): number;
}
