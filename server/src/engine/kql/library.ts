/**
 * The one place that touches Microsoft's Kusto.Language (the `@kusto/language-service-next` Bridge.NET
 * build). It is large (about 5 MB of script) and its first parse builds the whole grammar, so it
 * is loaded once, on demand, never at import.
 *
 * The interfaces below describe only the members Tripline uses, so the rest of the engine stays
 * typed and the library's `any`s do not leak.
 */

export interface KList<T> {
  Count: number;
  getItem(index: number): T;
}

export interface KDiagnostic {
  Code: string;
  Message: string;
  Start: number;
  Length: number;
  /** "Error", "Warning", "Suggestion", "Information" */
  Severity: string;
  HasLocation: boolean;
}

export interface KElement {
  Kind: number;
  IsToken: boolean;
  IsMissing: boolean;
  TextStart: number;
  End: number;
  ChildCount: number;
  NameInParent: string | null;
  GetChild(index: number): KElement | null;
  /** Tokens only. */
  Text?: string;
  /** Tokens only: a string literal's value with quotes and escapes resolved. */
  ValueText?: string;
}

interface KSymbol {
  Name: string;
}

interface KColumn extends KSymbol {
  Type: KSymbol;
}

interface KTable extends KSymbol {
  Columns: KList<KColumn>;
}

export interface KCode {
  Syntax: KElement;
  GetDiagnostics(): KList<KDiagnostic>;
  GetSyntaxDiagnostics(): KList<KDiagnostic>;
  GetColumnsInScope(position: number): KTable | null;
}

/** Opaque handle on a Kusto GlobalState (schemas known to semantic analysis). */
export interface KGlobals {
  readonly __kustoGlobals: true;
}

export interface KustoApi {
  parse(text: string): KCode;
  parseAndAnalyze(text: string, globals: KGlobals): KCode;
  kindName(kind: number): string;
  /** Builds a GlobalState with one database holding these tables (Kusto scalar type names) and functions. */
  globals(tables: { name: string; columns: { name: string; type: string }[] }[], functions: { name: string; parameters: string; body: string }[]): KGlobals;
}

interface RawKusto {
  KustoCode: { Parse(text: string): KCode; ParseAndAnalyze(text: string, globals: unknown): KCode };
  GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
  Syntax: { SyntaxKind: Record<string, unknown> };
  Symbols: {
    TableSymbol: { $ctor4: new (name: string, columns: unknown[]) => unknown };
    ColumnSymbol: new (name: string, type: unknown, description: string | null, originalColumns: null, source: null, examples: null) => unknown;
    ScalarTypes: Record<string, unknown>;
    FunctionSymbol: { $ctor16: new (name: string, parameterList: string, body: string, description: string | null) => unknown };
    DatabaseSymbol: { $ctor3: new (name: string, alternateName: string | null, members: unknown[], isOpen: boolean) => unknown };
  };
}

let api: KustoApi | null = null;
let loadError: string | null = null;
let loadMs = 0;
let firstParseMs = 0;

function load(): KustoApi {
  const t0 = performance.now();
  // Both files are Bridge.NET scripts that register themselves on the global object.
  /* eslint-disable @typescript-eslint/no-require-imports -- side effects only, loaded on first use */
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const raw = (globalThis as unknown as { Kusto?: { Language?: RawKusto } }).Kusto?.Language;
  if (!raw?.KustoCode) throw new Error('Kusto.Language did not register itself');
  const names = new Map<number, string>();
  for (const [k, v] of Object.entries(raw.Syntax.SyntaxKind)) if (typeof v === 'number') names.set(v, k);
  const S = raw.Symbols;
  const made: KustoApi = {
    parse: (text) => raw.KustoCode.Parse(text),
    parseAndAnalyze: (text, globals) => raw.KustoCode.ParseAndAnalyze(text, globals),
    kindName: (kind) => names.get(kind) ?? `Kind${kind}`,
    globals(tables, functions) {
      // Symbols built directly: parsing a `(col:type, ...)` schema text per table costs 20 times more.
      const types: Record<string, unknown> = {
        string: S.ScalarTypes.String,
        datetime: S.ScalarTypes.DateTime,
        int: S.ScalarTypes.Int,
        long: S.ScalarTypes.Long,
        real: S.ScalarTypes.Real,
        dynamic: S.ScalarTypes.Dynamic,
        bool: S.ScalarTypes.Bool,
        guid: S.ScalarTypes.Guid,
        timespan: S.ScalarTypes.TimeSpan,
        decimal: S.ScalarTypes.Decimal,
      };
      const members: unknown[] = tables.map(
        (t) =>
          new S.TableSymbol.$ctor4(
            t.name,
            t.columns.map((c) => new S.ColumnSymbol(c.name, types[c.type] ?? S.ScalarTypes.Dynamic, null, null, null, null)),
          ),
      );
      for (const f of functions) members.push(new S.FunctionSymbol.$ctor16(f.name, f.parameters, f.body, null));
      const db = new S.DatabaseSymbol.$ctor3('tripline', null, members, false);
      return raw.GlobalState.Default.WithDatabase(db) as KGlobals;
    },
  };
  loadMs = performance.now() - t0;
  // The first parse builds Kusto's grammar (the slow part): pay it here, once, not on a user's query.
  const t1 = performance.now();
  made.parse('T | where a == 1 | project a');
  firstParseMs = performance.now() - t1;
  return made;
}

/** The library, loading it on first use (synchronous; about 1–3 s the first time). */
export function kusto(): KustoApi | null {
  if (api || loadError) return api;
  try {
    api = load();
  } catch (e) {
    loadError = `the KQL parser (@kusto/language-service-next) could not be loaded: ${(e as Error).message}`;
  }
  return api;
}

export function kustoLoadError(): string | null {
  return loadError;
}

/** Load and first-parse timings, for `--version`, logs and the benchmark. */
export function kustoTimings(): { loadMs: number; firstParseMs: number } {
  return { loadMs, firstParseMs };
}
