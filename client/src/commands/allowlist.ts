import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAMES } from '../protocol';

interface AllowlistResult {
  domain: string;
  /** The config file written, or `settings` when the workspace setting was updated. */
  target: string;
}

/**
 * `tripline.addToAllowlist` (used by the domains quick fix "Allow <domain>"): records a domain the
 * organisation owns or sanctions so it is never reported as too broad. Writes the project's
 * tripline.config.json when there is one — it is shared with CI — otherwise the setting.
 */
export async function addToAllowlist(domain?: unknown): Promise<AllowlistResult | undefined> {
  let value = typeof domain === 'string' ? domain : undefined;
  value ??= await vscode.window.showInputBox({
    title: 'Tripline: add a domain to the allowlist',
    placeHolder: 'corp.example.com',
    validateInput: (v) => (/^[a-z0-9*.-]+$/i.test(v.trim()) ? undefined : 'A domain name, e.g. corp.example.com'),
  });
  if (!value) return undefined;
  const entry = value.trim().toLowerCase();
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  const configFile = folder ? CONFIG_FILE_NAMES.map((n) => join(folder.uri.fsPath, n)).find((p) => existsSync(p)) : undefined;
  if (configFile) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      void vscode.window.showErrorMessage(`Tripline: ${configFile} is not valid JSON (${(e as Error).message}); the allowlist was not changed.`);
      return undefined;
    }
    const domains = (typeof json.domains === 'object' && json.domains !== null ? json.domains : {}) as Record<string, unknown>;
    const list = Array.isArray(domains.allowlist) ? (domains.allowlist as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    if (!list.includes(entry)) list.push(entry);
    json.domains = { ...domains, allowlist: list };
    writeFileSync(configFile, JSON.stringify(json, null, 2) + '\n');
    void vscode.window.setStatusBarMessage(`Tripline: ${entry} added to the allowlist in ${vscode.workspace.asRelativePath(configFile)}`, 4000);
    return { domain: entry, target: configFile };
  }
  const cfg = vscode.workspace.getConfiguration('tripline.domains');
  const list = cfg.get<string[]>('allowlist', []);
  if (!list.includes(entry)) await cfg.update('allowlist', [...list, entry], folder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  void vscode.window.setStatusBarMessage(`Tripline: ${entry} added to the allowlist setting`, 4000);
  return { domain: entry, target: 'settings' };
}
