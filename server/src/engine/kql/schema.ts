import type { TriplineConfig } from '../config/config';
import { readDataJson } from './data-file';
import { kusto, type KGlobals } from './library';

/**
 * Table and function schemas for semantic analysis, completion and hover: the generated files in
 * data/kql-schemas/ (Microsoft's Sentinel validation schemas, see the README there) plus the
 * project's own tables from `kql.tables` in tripline.config.json.
 */

interface KqlColumn {
  name: string;
  type: string;
  description?: string;
}

export interface KqlTable {
  name: string;
  columns: KqlColumn[];
  /** Where the schema comes from: a data file, or the configuration. */
  source: string;
}

interface KqlFunction {
  name: string;
  parameters: { name: string; type: string; required: boolean }[];
  columns: KqlColumn[];
  source: string;
}

interface KqlSchemas {
  /** Keyed by lower-case name: Kusto resolves table names case-sensitively, but suggestions should not. */
  tables: Map<string, KqlTable>;
  functions: Map<string, KqlFunction>;
}

interface TablesFile {
  tables: Record<string, { source: string; columns: ([string, string] | [string, string, string])[] }>;
}
interface FunctionsFile {
  functions: Record<string, { source: string; parameters: [string, string, boolean][]; columns: [string, string][] }>;
}

/** Kusto scalar types, for configuration values written in other spellings. */
const TYPE_NAMES: Record<string, string> = {
  string: 'string',
  datetime: 'datetime',
  date: 'datetime',
  int: 'int',
  int32: 'int',
  long: 'long',
  int64: 'long',
  bigint: 'long',
  real: 'real',
  double: 'real',
  float: 'real',
  dynamic: 'dynamic',
  object: 'dynamic',
  bool: 'bool',
  boolean: 'bool',
  guid: 'guid',
  timespan: 'timespan',
  decimal: 'decimal',
};

function kustoTypeName(t: string): string | null {
  return TYPE_NAMES[t.trim().toLowerCase()] ?? null;
}

/**
 * Columns Log Analytics adds to every table; Microsoft's validator adds them the same way
 * (see the corpus README: `TenantId`, `Type`, `_ResourceId`).
 */
const STANDARD_COLUMNS: KqlColumn[] = [
  { name: 'TenantId', type: 'string', description: 'Log Analytics workspace id (standard column).' },
  { name: 'Type', type: 'string', description: 'Name of the table the record belongs to (standard column).' },
  { name: '_ResourceId', type: 'string', description: 'Azure resource the record is associated with (standard column).' },
];

let builtin: KqlSchemas | null = null;

function loadBuiltin(): KqlSchemas {
  if (builtin) return builtin;
  // Loaded on first use: the table file is about 400 KB.
  const t = readDataJson<TablesFile>('kql-schemas/tables.json');
  const f = readDataJson<FunctionsFile>('kql-schemas/functions.json');
  const tables = new Map<string, KqlTable>();
  for (const [name, entry] of Object.entries(t.tables)) {
    const columns = entry.columns.map(([n, type, description]) => (description ? { name: n, type, description } : { name: n, type }));
    tables.set(name.toLowerCase(), { name, columns: withStandard(columns), source: `data/kql-schemas/tables.json (${entry.source})` });
  }
  const functions = new Map<string, KqlFunction>();
  for (const [name, entry] of Object.entries(f.functions)) {
    functions.set(name.toLowerCase(), {
      name,
      parameters: entry.parameters.map(([n, type, required]) => ({ name: n, type, required })),
      columns: entry.columns.map(([n, type]) => ({ name: n, type })),
      source: `data/kql-schemas/functions.json (${entry.source})`,
    });
  }
  builtin = { tables, functions };
  return builtin;
}

function withStandard(columns: KqlColumn[]): KqlColumn[] {
  const have = new Set(columns.map((c) => c.name.toLowerCase()));
  return [...columns, ...STANDARD_COLUMNS.filter((c) => !have.has(c.name.toLowerCase()))];
}

const cache = new Map<string, { schemas: KqlSchemas; globals?: KGlobals }>();

function entryFor(config: TriplineConfig): { schemas: KqlSchemas; globals?: KGlobals } {
  const key = JSON.stringify(config.kql.tables);
  let e = cache.get(key);
  if (e) return e;
  const base = loadBuiltin();
  const tables = new Map(base.tables);
  for (const [name, cols] of Object.entries(config.kql.tables)) {
    if (!cols || typeof cols !== 'object') continue;
    const columns = Object.entries(cols).map(([n, type]) => ({ name: n, type: (typeof type === 'string' && kustoTypeName(type)) || 'dynamic' }));
    tables.set(name.toLowerCase(), { name, columns: withStandard(columns), source: 'kql.tables in the configuration' });
  }
  e = { schemas: { tables, functions: base.functions } };
  if (cache.size > 8) cache.clear();
  cache.set(key, e);
  return e;
}

export function schemasFor(config: TriplineConfig): KqlSchemas {
  return entryFor(config).schemas;
}

function bracket(name: string): string {
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

function schemaText(columns: KqlColumn[]): string {
  return `(${columns.map((c) => `${bracket(c.name)}:${c.type}`).join(', ')})`;
}

const DEFAULTS: Record<string, string> = { string: '""', dynamic: 'dynamic(null)' };

/** The Kusto GlobalState for a configuration, built once per distinct `kql.tables`. */
export function globalsFor(config: TriplineConfig): KGlobals | null {
  const api = kusto();
  if (!api) return null;
  const e = entryFor(config);
  if (e.globals) return e.globals;
  const tables = [...e.schemas.tables.values()].map((t) => ({ name: t.name, columns: t.columns }));
  const functions = [...e.schemas.functions.values()].map((f) => ({
    name: f.name,
    // Every parameter gets a default: Sentinel's parser functions are called with any subset of them.
    parameters: `(${f.parameters.map((p) => `${p.name}:${p.type}=${DEFAULTS[p.type] ?? `${p.type}(null)`}`).join(', ')})`,
    body: `{ datatable${schemaText(f.columns)}[] }`,
  }));
  e.globals = api.globals(tables, functions);
  return e.globals;
}
