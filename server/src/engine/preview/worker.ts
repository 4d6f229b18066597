/**
 * Worker-thread entry (bundled as dist/preview-worker.js): runs one scan off the caller's thread
 * and streams results back. The caller's watchdog reads the shared probe and terminates this
 * worker if one `|re` runs past the per-event budget (worker-client.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileRule } from './compile/rule';
import { setProbe } from './compile/probe';
import { ruleFromText, type RuleText } from './rule-input';
import { entryStats, scan } from './scan';
import type { SampleSource } from './types';

export interface WorkerInput {
  rule: RuleText;
  samples: SampleSource[];
  limit: number;
  profile?: string;
  placeholders?: Record<string, string[]>;
  entryStats?: boolean;
  strict?: boolean;
  includeEvents?: boolean;
  resume?: { source: number; afterIndex: number };
  disabledRegexes: number[];
  bytesTotal: number;
  probe: SharedArrayBuffer;
}

async function run(input: WorkerInput): Promise<void> {
  const port = parentPort;
  if (!port) return;
  setProbe(new Int32Array(input.probe));
  let compiled;
  try {
    compiled = compileRule(ruleFromText(input.rule), { placeholders: input.placeholders, disabledRegexes: new Set(input.disabledRegexes) });
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error).message, compile: true });
    return;
  }
  let sent = 0;
  const outcome = await scan(
    compiled,
    input.samples,
    {
      match: (m) => {
        if (sent++ < input.limit) port.postMessage({ type: 'match', match: m });
      },
      skipped: (s) => port.postMessage({ type: 'skipped', skipped: s }),
      progress: (p) => port.postMessage({ type: 'progress', progress: p }),
      unit: (ordinal, source) => port.postMessage({ type: 'unit', ordinal, source }),
    },
    {
      profile: input.profile,
      entryStats: input.entryStats,
      strict: input.strict,
      includeEvents: input.includeEvents,
      resume: input.resume,
      bytesTotal: input.bytesTotal,
      limit: input.limit,
    },
  );
  port.postMessage({
    type: 'done',
    outcome: {
      scanned: outcome.scanned,
      matched: outcome.matched,
      sources: outcome.sources,
      warnings: [...compiled.warnings, ...outcome.warnings],
      rangeLines: outcome.rangeLines,
    },
    entryStats: outcome.entryHits ? entryStats(compiled, outcome.entryHits) : undefined,
  });
}

if (parentPort && workerData) {
  run(workerData as WorkerInput).catch((e: unknown) => parentPort?.postMessage({ type: 'error', message: (e as Error).message, compile: false }));
}
