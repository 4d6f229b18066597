import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeText } from '../engine/analyze';
import type { Diagnostic } from '../engine/core/diagnostic';
import { defaultConfig, findConfigFile, loadConfigFile } from '../engine/config/config';
import { domainEntries } from '../engine/domains/extractors';
import { describeMatch } from '../engine/domains/matching';
import { suffixInfo } from '../engine/domains/psl';
import { lookupService } from '../engine/webservices/catalog';
import { InputError, readRuleFile } from '../engine/workspace/files';
import { parseArgs, single, UsageError } from './args';

interface DomainRow {
  value: string;
  line: number;
  character: number;
  field: string;
  modifiers: string[];
  fieldKind: string;
  match: string;
  host: string | null;
  matches: string;
  service: string | null;
  category: string | null;
  multiTenant: 'subdomain' | 'path' | false | null;
  publicSuffix: string | null;
  registrableDomain: string | null;
  context: { polarity: string; narrowedBy: string[]; container?: string };
  verdict: { code: string; severity: string; message: string }[];
}

/**
 * `tripline domains RULE [--format text|json] [--config FILE]`: every host, domain or URL entry of
 * a rule with what it really matches, its catalog service and the domains/* diagnostics on it —
 * the same diagnostics `tripline check` prints.
 */
export async function runDomains(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['format', 'config'], flags: [] });
  const format = single(args, 'format') ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json, not '${format}'`);
  if (args.positional.length !== 1) throw new UsageError('tripline domains takes exactly one RULE file');
  const path = args.positional[0];
  const explicit = single(args, 'config');
  const found = explicit ?? findConfigFile(resolve(path));
  const config = found ? loadConfigFile(found) : defaultConfig();
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (isDir) throw new UsageError(`${path} is a folder; tripline domains takes one rule file`);
  const read = readRuleFile(path);
  if (read.unreadable) throw new InputError(`${path}: ${read.unreadable}`);
  const report = await analyzeText(path, read.text, config, undefined, read);
  const rows = domainRows(report.file, report.diagnostics);
  if (format === 'json') await writeOut(JSON.stringify({ rule: path, kind: report.kind, entries: rows }, null, 2) + '\n');
  else await writeOut(formatDomainTable(path, rows) + '\n');
  return 0;
}

const key = (d: { range: { start: { line: number; character: number } } }): string => `${d.range.start.line}:${d.range.start.character}`;

function domainRows(file: Parameters<typeof domainEntries>[0], diagnostics: Diagnostic[]): DomainRow[] {
  const byStart = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.code.startsWith('domains/')) continue;
    const l = byStart.get(key(d)) ?? [];
    l.push(d);
    byStart.set(key(d), l);
  }
  return domainEntries(file).map((e) => {
    const svc = e.host && !e.ip ? lookupService(e.host) : null;
    const info = e.host && !e.ip ? suffixInfo(e.host) : null;
    return {
      value: e.value,
      line: e.range.start.line,
      character: e.range.start.character,
      field: e.field,
      modifiers: e.modifiers,
      fieldKind: e.fieldKind,
      match: e.match,
      host: e.host,
      matches: describeMatch(e),
      service: svc?.service.name ?? null,
      category: svc?.service.category ?? null,
      multiTenant: svc ? svc.service.multiTenant : null,
      publicSuffix: info?.publicSuffix ?? null,
      registrableDomain: info?.registrableDomain ?? null,
      context: e.context,
      verdict: (byStart.get(key(e)) ?? []).map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
    };
  });
}

function cell(s: string, width: number): string {
  return s.length > width ? s.slice(0, width - 1) + '…' : s.padEnd(width);
}

function formatDomainTable(path: string, rows: DomainRow[]): string {
  if (rows.length === 0) return `${path}: no host, domain or URL entries`;
  const head = `${'line'.padEnd(6)}${cell('entry', 30)} ${cell('field', 30)} ${cell('matches', 52)} ${cell('service / category', 34)} verdict`;
  const out = [`${path}: ${rows.length} domain entr${rows.length === 1 ? 'y' : 'ies'}`, head];
  for (const r of rows) {
    const field = [r.field || 'keyword', ...r.modifiers].join('|');
    const svc = r.service ? `${r.service} (${r.category})` : r.publicSuffix && r.host === r.publicSuffix ? 'public suffix' : '-';
    const verdict = r.verdict.length === 0 ? 'ok' : r.verdict.map((v) => `${v.code.replace('domains/', '')} (${v.severity})`).join(', ');
    out.push(`${String(r.line + 1).padEnd(6)}${cell(r.value, 30)} ${cell(field, 30)} ${cell(r.matches, 52)} ${cell(svc, 34)} ${verdict}`);
  }
  return out.join('\n');
}

function writeOut(text: string): Promise<void> {
  return new Promise((res) => {
    if (process.stdout.write(text)) res();
    else process.stdout.once('drain', () => res());
  });
}
