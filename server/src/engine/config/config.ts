import { CONFIG_FILE_NAMES } from '../../../../shared/protocol';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SEVERITIES, type Severity } from '../core/diagnostic';
import { PROFILE_NAMES, type ProfileName } from './profiles';

export type CheckSetting = Severity | 'off';

/**
 * Project configuration (`tripline.config.json`), the same file for the CLI and the editor.
 * Editor settings are merged over it by the language server.
 */
export interface TriplineConfig {
  /** The profile the file extends (`recommended` when absent): engine/config/profiles.ts. */
  extends?: ProfileName;
  /** Per diagnostic code: a severity, or `off`; wins over the profile. */
  checks: Record<string, CheckSetting>;
  domains: {
    /** The organisation's own domains and sanctioned services: never reported as too broad. */
    allowlist: string[];
  };
  samples: {
    /** Globs (relative to the config file or workspace) of sample telemetry for preview. */
    paths: string[];
    /** Use the samples shipped with Tripline too. */
    bundled: boolean;
    /** Share of baseline events above which an entry is reported as noisy. */
    noisyShare: number;
    /** Preview field-mapping profile: `auto` (per event) or a profile name (data/preview/field-profiles.json). */
    profile: string;
    /** Values of `|expand` placeholders for preview, e.g. {"Servers": ["srv*"]}. */
    placeholders: Record<string, string[]>;
    /** Event time fields for correlation windows, first found wins (default: UtcTime, @timestamp, TimeCreated...). */
    timeFields?: string[];
    /** Files or folders of Sigma filters (`filter:` rules) preview applies (relative to the config file). */
    filters?: string[];
  };
  attack: {
    /** Official ATT&CK STIX bundles (e.g. enterprise-attack-19.1.json) to use instead of the shipped catalog. */
    bundles: string[];
  };
  kql: {
    /** Extra tables, e.g. custom `_CL` tables: name → { column: type }. */
    tables: Record<string, Record<string, string>>;
  };
  /** Directory the config was read from; relative paths resolve against it. */
  baseDir?: string;
}

export function defaultConfig(): TriplineConfig {
  return {
    checks: {},
    domains: { allowlist: [] },
    samples: { paths: [], bundled: true, noisyShare: 0.01, profile: 'auto', placeholders: {} },
    attack: { bundles: [] },
    kql: { tables: {} },
  };
}

export class ConfigError extends Error {}

/** Column types accepted in `kql.tables` (Kusto's scalar types and their common aliases). */
const KQL_TYPES = [
  'string',
  'datetime',
  'date',
  'int',
  'int32',
  'long',
  'int64',
  'bigint',
  'real',
  'double',
  'float',
  'dynamic',
  'object',
  'bool',
  'boolean',
  'guid',
  'timespan',
  'decimal',
];

/** Merges a partial configuration (parsed JSON or editor settings) over a base, validating as it goes. */
export function mergeConfig(base: TriplineConfig, raw: unknown, origin: string): TriplineConfig {
  const out: TriplineConfig = JSON.parse(JSON.stringify(base)) as TriplineConfig;
  out.baseDir = base.baseDir;
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${origin}: the configuration must be a JSON object`);
  const r = raw as Record<string, unknown>;
  if (r.extends !== undefined) {
    if (typeof r.extends !== 'string' || !(PROFILE_NAMES as readonly string[]).includes(r.extends))
      throw new ConfigError(`${origin}: "extends" must be one of ${PROFILE_NAMES.join(', ')}`);
    out.extends = r.extends as ProfileName;
  }
  if (r.checks !== undefined) {
    if (typeof r.checks !== 'object' || r.checks === null || Array.isArray(r.checks))
      throw new ConfigError(`${origin}: "checks" must be an object of code → severity`);
    for (const [code, value] of Object.entries(r.checks as Record<string, unknown>)) {
      if (value === 'off' || (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value))) out.checks[code] = value as CheckSetting;
      else if (value === false) out.checks[code] = 'off';
      else throw new ConfigError(`${origin}: checks["${code}"] must be one of off, error, warning, information, hint`);
    }
  }
  const section = (name: string): Record<string, unknown> | undefined => {
    const v = r[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError(`${origin}: "${name}" must be an object`);
    return v as Record<string, unknown>;
  };
  const strings = (v: unknown, where: string): string[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new ConfigError(`${origin}: "${where}" must be a list of strings`);
    return v as string[];
  };
  const domains = section('domains');
  if (domains?.allowlist !== undefined) out.domains.allowlist = strings(domains.allowlist, 'domains.allowlist');
  const samples = section('samples');
  if (samples?.paths !== undefined) out.samples.paths = strings(samples.paths, 'samples.paths');
  if (samples?.bundled !== undefined) out.samples.bundled = samples.bundled !== false;
  if (samples?.noisyShare !== undefined) {
    if (typeof samples.noisyShare !== 'number' || samples.noisyShare <= 0 || samples.noisyShare > 1)
      throw new ConfigError(`${origin}: "samples.noisyShare" must be a number in (0, 1]`);
    out.samples.noisyShare = samples.noisyShare;
  }
  if (samples?.profile !== undefined) {
    if (typeof samples.profile !== 'string') throw new ConfigError(`${origin}: "samples.profile" must be a string ('auto' or a profile name)`);
    out.samples.profile = samples.profile;
  }
  if (samples?.placeholders !== undefined) {
    const p = samples.placeholders;
    if (typeof p !== 'object' || p === null || Array.isArray(p))
      throw new ConfigError(`${origin}: "samples.placeholders" must be an object of name → list of values`);
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) out.samples.placeholders[k] = strings(v, `samples.placeholders.${k}`);
  }
  if (samples?.timeFields !== undefined) out.samples.timeFields = strings(samples.timeFields, 'samples.timeFields');
  if (samples?.filters !== undefined) out.samples.filters = strings(samples.filters, 'samples.filters');
  const attack = section('attack');
  if (attack?.bundles !== undefined) out.attack.bundles = strings(attack.bundles, 'attack.bundles');
  const kql = section('kql');
  if (kql?.tables !== undefined) {
    if (typeof kql.tables !== 'object' || kql.tables === null || Array.isArray(kql.tables))
      throw new ConfigError(`${origin}: "kql.tables" must be an object of table name → { column: type }`);
    for (const [table, cols] of Object.entries(kql.tables as Record<string, unknown>)) {
      if (typeof cols !== 'object' || cols === null || Array.isArray(cols))
        throw new ConfigError(`${origin}: kql.tables["${table}"] must be an object of column → type, e.g. { "TimeGenerated": "datetime" }`);
      for (const [col, type] of Object.entries(cols as Record<string, unknown>)) {
        if (typeof type !== 'string' || !KQL_TYPES.includes(type.trim().toLowerCase()))
          throw new ConfigError(`${origin}: kql.tables["${table}"]["${col}"] must be a Kusto type (${KQL_TYPES.join(', ')}), not ${JSON.stringify(type)}`);
      }
    }
    out.kql.tables = kql.tables as Record<string, Record<string, string>>;
  }
  return out;
}

export function loadConfigFile(file: string): TriplineConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const base = defaultConfig();
  base.baseDir = dirname(resolve(file));
  return mergeConfig(base, raw, file);
}

/** Looks for a project config file from `dir` upwards. */
export function findConfigFile(dir: string): string | null {
  let d = resolve(dir);
  for (let i = 0; i < 64; i++) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = join(d, name);
      if (existsSync(p)) return p;
    }
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  return null;
}
