import { readDataJson } from './data-file';

/** `tripline --version` line: the KQL parser's version and the schemas shipped, without loading the parser. */
export function kqlVersionLine(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require('@kusto/language-service-next/package.json') as { version: string };
  let tables: string;
  try {
    tables = String(Object.keys(readDataJson<{ tables: Record<string, unknown> }>('kql-schemas/tables.json').tables).length);
  } catch {
    tables = 'no';
  }
  return `KQL parser Kusto.Language (@kusto/language-service-next ${pkg.version}), ${tables} table schemas from Azure-Sentinel's KQL validation`;
}
