import { previewInContext, previewInWorker, type PreviewOptions, type PreviewResult, type RuleFileText, type SampleSource } from '../preview';
import { sampleFingerprint, textHash } from './fingerprint';

interface CachedPreviewRequest {
  ruleText: string;
  rulePath: string;
  /** YAML document of the rule; -1 for the file's first detection rule. */
  docIndex: number;
  samples: SampleSource[];
  limit: number;
  signal?: AbortSignal;
  onProgress?: PreviewOptions['onProgress'];
  /** Other rule files: the rules a correlation names, Sigma filters (ruleContextFiles). */
  context?: RuleFileText[];
  timeFields?: string[];
  /** Field-mapping profile and `|expand` placeholders (configuration, or the command line). */
  profile?: string;
  placeholders?: Record<string, string[]>;
}

/**
 * Preview results, cached per rule content and sample file versions (one cache per Engine): the CodeLens,
 * the preview command and repeated requests for an unchanged rule reuse one evaluation; editing the
 * rule or touching a sample file (size or mtime) computes a new one. Runs in the preview worker.
 */
export class PreviewCache {
  private readonly done = new Map<string, PreviewResult>();
  private readonly running = new Map<string, Promise<PreviewResult>>();

  constructor(private readonly capacity = 24) {}

  key(r: CachedPreviewRequest): string {
    const context = r.context && r.context.length > 0 ? textHash(JSON.stringify([r.context, r.timeFields ?? null])) : '';
    const mapping = r.profile || r.placeholders ? textHash(JSON.stringify([r.profile ?? null, r.placeholders ?? null])) : '';
    return `${textHash(r.ruleText)}:${r.docIndex}:${r.limit}:${sampleFingerprint(r.samples)}:${context}:${mapping}`;
  }

  /** A finished result for the request, without running anything. */
  peek(r: CachedPreviewRequest): PreviewResult | undefined {
    return this.done.get(this.key(r));
  }

  async run(r: CachedPreviewRequest): Promise<PreviewResult> {
    const key = this.key(r);
    const hit = this.done.get(key);
    if (hit) {
      // Most recently used last.
      this.done.delete(key);
      this.done.set(key, hit);
      return hit;
    }
    const inFlight = this.running.get(key);
    if (inFlight) {
      const shared = await inFlight;
      if (!shared.cancelled) return shared;
    }
    // In context: a correlation evaluates the rules it names, a detection rule gets its filters.
    const input = { ruleText: r.ruleText, rulePath: r.rulePath, docIndex: r.docIndex >= 0 ? r.docIndex : undefined };
    const work = previewInContext(input, r.samples, { run: previewInWorker, context: r.context, timeFields: r.timeFields, limit: r.limit, signal: r.signal, onProgress: r.onProgress, profile: r.profile, placeholders: r.placeholders });
    this.running.set(key, work);
    try {
      const result = await work;
      if (!result.cancelled) {
        this.done.set(key, result);
        while (this.done.size > this.capacity) this.done.delete(this.done.keys().next().value as string);
      }
      return result;
    } finally {
      if (this.running.get(key) === work) this.running.delete(key);
    }
  }
}
