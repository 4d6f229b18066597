import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAMES, EFFECTIVE_CONFIG_REQUEST, type EffectiveConfigResult } from '../../../../shared/protocol';
import type { TriplineConfig } from '../../engine/index';
import type { AnalysisCache } from '../state';

/** The configuration as `tripline check --config FILE` reads it: paths made absolute, no base folder. */
function configForCli(config: TriplineConfig): Record<string, unknown> {
  const base = config.baseDir;
  const absolute = (p: string): string => (isAbsolute(p) || !base ? p : join(base, p));
  // The profile is shown (and passed to the CLI) even when the file does not name one.
  return {
    ...config,
    extends: config.extends ?? 'recommended',
    baseDir: undefined,
    samples: { ...config.samples, paths: config.samples.paths.map(absolute) },
    attack: { ...config.attack, bundles: config.attack.bundles.map(absolute) },
  };
}

/**
 * `tripline/effectiveConfig`: what the server checks with, so Check Workspace (which runs the CLI)
 * judges exactly as the editor does, and the allowlist fix knows where the project file is. The
 * client never merges configuration itself.
 */
export function registerEffectiveConfig(connection: Connection, cache: AnalysisCache): void {
  connection.onRequest(EFFECTIVE_CONFIG_REQUEST, (): EffectiveConfigResult => {
    const config = cache.current;
    const base = config.baseDir;
    const configFile = base ? (CONFIG_FILE_NAMES.map((n) => join(base, n)).find((p) => existsSync(p)) ?? null) : null;
    return { config: configForCli(config), configFile };
  });
}
