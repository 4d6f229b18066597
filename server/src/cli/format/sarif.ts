import { relative, sep } from 'node:path';
import { ALL_CHECKS, type CheckedFile, type Severity } from '../../engine/index';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function uri(path: string): string {
  const rel = relative(process.cwd(), path);
  const p = rel.startsWith('..') ? path : rel;
  return p.split(sep).map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0 as GitHub code scanning accepts it: 1-based regions, relative URIs, rule metadata. */
export function formatSarif(files: CheckedFile[], version: string): string {
  const codes = new Set<string>(ALL_CHECKS.map((c) => c.id));
  for (const f of files) for (const d of f.diagnostics) codes.add(d.code);
  const ruleIds = [...codes].sort();
  const rules = ruleIds.map((id) => {
    const check = ALL_CHECKS.find((c) => c.id === id);
    return {
      id,
      name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
      shortDescription: { text: check ? check.doc.split(/(?<=\.)\s/)[0] : id },
      fullDescription: { text: check?.doc ?? id },
      defaultConfiguration: { level: LEVEL[check?.defaultSeverity ?? 'warning'] },
      help: { text: check?.doc ?? id },
    };
  });
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIds.indexOf(d.code),
      level: LEVEL[d.severity],
      message: { text: d.message },
      // One result per code; a finding led by another on the same entry says which (and where).
      ...(d.relatedTo
        ? {
            properties: { relatedTo: d.relatedTo },
            relatedLocations: [
              {
                id: 0,
                message: { text: `leading finding: ${d.relatedTo}` },
                physicalLocation: {
                  artifactLocation: { uri: uri(f.path), uriBaseId: '%SRCROOT%' },
                  region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1 },
                },
              },
            ],
          }
        : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uri(f.path), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: Math.max(d.range.end.character + 1, d.range.end.line === d.range.start.line ? d.range.start.character + 2 : 1),
            },
          },
        },
      ],
    })),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Tripline', version, semanticVersion: version, informationUri: 'https://github.com/tripline/tripline', rules } },
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file://' + process.cwd().split(sep).map(encodeURIComponent).join('/') + '/' } },
          results,
        },
      ],
    },
    null,
    2,
  );
}
