import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type FileReport } from '../engine/analyze';
import { ConfigError, defaultConfig, findConfigFile, loadConfigFile, mergeConfig, type TriplineConfig } from '../engine/config/config';

/**
 * Per-document analysis, cached by version so diagnostics, code actions, hover and symbols all
 * read the same parse. Requests for an older version never see a newer result and vice versa.
 */
export class AnalysisCache {
  private readonly reports = new Map<string, { version: number; report: Promise<FileReport> }>();
  private fileConfig: TriplineConfig = defaultConfig();
  private settings: unknown = {};
  private config: TriplineConfig = defaultConfig();
  private fileProblem: string | null = null;
  private settingsProblem: string | null = null;
  /** `tripline.enable: false` in the editor: keep the server up but report nothing. */
  enabled = true;
  private root: string | null = null;

  setWorkspaceRoot(rootUri: string | null): void {
    if (!rootUri?.startsWith('file:')) return;
    this.root = fileURLToPath(rootUri);
    this.reloadConfigFile();
  }

  /** Re-reads tripline.config.json (at start and whenever the file changes on disk). */
  reloadConfigFile(): void {
    if (!this.root) return;
    const found = findConfigFile(this.root);
    this.fileProblem = null;
    this.fileConfig = defaultConfig();
    if (found) {
      try {
        this.fileConfig = loadConfigFile(found);
      } catch (e) {
        this.fileProblem = (e as Error).message;
      }
    }
    this.rebuild();
  }

  setSettings(settings: unknown): void {
    this.settings = settings ?? {};
    this.rebuild();
  }

  private rebuild(): void {
    try {
      this.config = mergeConfig(this.fileConfig, this.settings, 'settings');
      this.settingsProblem = null;
    } catch (e) {
      this.settingsProblem = e instanceof ConfigError ? e.message : String(e);
      this.config = this.fileConfig;
    }
    this.reports.clear();
  }

  /** What is wrong with the configuration file or settings, if anything (shown to the user). */
  get configProblem(): string | null {
    return this.fileProblem ?? this.settingsProblem;
  }

  get current(): TriplineConfig {
    return this.config;
  }

  analyze(doc: TextDocument): Promise<FileReport> {
    const hit = this.reports.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.report;
    const report = analyzeText(uriToPath(doc.uri), doc.getText(), this.config);
    this.reports.set(doc.uri, { version: doc.version, report });
    return report;
  }

  forget(uri: string): void {
    this.reports.delete(uri);
  }
}

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  // Untitled and remote documents: keep the extension visible for format detection.
  return resolvePath('/', decodeURIComponent(uri.replace(/^[a-z-]+:/i, '')));
}
