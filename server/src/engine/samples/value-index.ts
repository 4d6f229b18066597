import { LOGSOURCE_ENTRIES, readSample, type SampleSource } from '../preview';
import { EventView } from '../preview/fields/resolve';

/**
 * The distinct values of a few fields across the sample telemetry, counted per "logsource group"
 * (events that agree on EventID, Channel... — everything logsource filtering reads). Counting an
 * entry's hits then means testing each distinct value once, not re-reading every event: this is
 * what lets `tripline check` report `domains/noisy-in-samples` for thousands of rules in one
 * pass over the samples, and what the inlay hints and hovers show.
 *
 * Field values are found the way the preview finds them (exact, case-insensitive, dotted, EVTX
 * flattening, field-mapping profiles), so `DestinationHostname` counts Sysmon, Defender
 * (`RemoteUrl`) and proxy (`cs-host`) events alike.
 */

interface Counts {
  /** Events not labelled as attack: the baseline a noisy entry is judged against. */
  baseline: number;
  /** Events labelled as attack activity (bundled samples only). */
  attack: number;
}

interface ValueStats extends Counts {
  /** The events (ids into `SampleIndex.eventText`) holding this value, in reading order. */
  ids: number[];
}

interface FieldStats {
  /** Events of the group that carry the field. */
  present: Counts;
  values: Map<string, ValueStats>;
}

export interface IndexGroup {
  key: string;
  /** The logsource fields' values shared by the group's events (absent fields are undefined; several values: an array). */
  logsource: Record<string, unknown>;
  events: Counts;
  /** The group's events (ids into `SampleIndex.eventText`), in reading order. */
  ids: number[];
  /** The field-mapping profile the group's events were detected as (null: none); part of the key. */
  profile: string | null;
  /** Every name a field can be found under in the group's events (see SampleIndex.known), lower case. */
  names: Set<string>;
  /** Keyed by field name in lower case. */
  fields: Map<string, FieldStats>;
}

/** Fields read by logsource filtering (SigmaHQ's mapping): the group key. */
const LOGSOURCE_FIELDS: string[] = [...new Set(['Channel', ...LOGSOURCE_ENTRIES.flatMap((e) => Object.keys(e.conditions ?? {}))])];

/** Host- and URL-bearing fields (and the command line, where URLs often sit), indexed up front. */
export const DEFAULT_INDEX_FIELDS = [
  'DestinationHostname', 'QueryName', 'cs-host', 'r-dns', 'c-uri', 'cs-uri', 'url', 'RemoteUrl', 'query', 'host',
  'dns.question.name', 'url.domain', 'url.full', 'url.original', 'destination.domain', 'ServerName', 'CommandLine',
];

const bump = (c: Counts, attack: boolean): void => {
  if (attack) c.attack++;
  else c.baseline++;
};

function texts(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' || typeof x === 'number' ? [String(x)] : []));
  return [];
}

const PARSED_CACHE = 4096;

/**
 * Everything an index learnt from the samples, as plain data (Maps, Sets, arrays: what
 * `v8.serialize` keeps): written by index-store.ts so the next session starts with it.
 */
export interface IndexSnapshot {
  groups: Map<string, IndexGroup>;
  fields: Set<string>;
  events: Counts;
  eventText: string[];
  eventAttack: boolean[];
  unreadable: number;
  problems: string[];
  known: Set<string>;
}

export class SampleIndex {
  readonly groups = new Map<string, IndexGroup>();
  /** Lower-case names of the fields indexed so far. */
  readonly fields = new Set<string>();
  events: Counts = { baseline: 0, attack: 0 };
  /**
   * Every readable event as JSON text, by id (reading order), and whether it is a labelled attack:
   * the whole rule is evaluated on the few events an entry's values point at, without reading the
   * samples again. Text, not objects: a third of the memory, parsed only for candidates.
   */
  readonly eventText: string[] = [];
  readonly eventAttack: boolean[] = [];
  /** Records or whole sources that could not be read. */
  readonly problems: string[] = [];
  /** Records that could not be read (what the preview lists as skipped events). */
  unreadable = 0;
  private counted = false;

  constructor(
    readonly sources: SampleSource[],
    private readonly attack: Map<string, Set<number>>,
  ) {}

  /**
   * Every name a field could be found under in the samples (keys at any depth, dotted paths, EVTX
   * data names, names the events' profiles map), lower case: a field outside it is absent from
   * every event, so indexing it needs no pass over the samples.
   */
  private readonly known = new Set<string>();

  private readonly parsed = new Map<number, Record<string, unknown>>();

  /** The first pass is done (or a snapshot was restored): events and groups are known. */
  get ready(): boolean {
    return this.counted;
  }

  /** What this index holds after its first pass (see IndexSnapshot); null before it. */
  snapshot(): IndexSnapshot | null {
    if (!this.counted) return null;
    return {
      groups: this.groups,
      fields: this.fields,
      events: this.events,
      eventText: this.eventText,
      eventAttack: this.eventAttack,
      unreadable: this.unreadable,
      problems: this.problems,
      known: this.known,
    };
  }

  /** Takes over a snapshot of the same samples (read back from disk) instead of a first pass. */
  restore(s: IndexSnapshot): void {
    if (this.counted) throw new Error('restore() is for an index that has not read its samples yet');
    for (const [k, g] of s.groups) this.groups.set(k, g);
    for (const f of s.fields) this.fields.add(f);
    for (const k of s.known) this.known.add(k);
    this.events = { ...s.events };
    this.unreadable = s.unreadable;
    // Loops, not push(...xs): a million events would overflow the argument list.
    for (const t of s.eventText) this.eventText.push(t);
    for (const a of s.eventAttack) this.eventAttack.push(a);
    for (const p of s.problems) this.problems.push(p);
    this.counted = true;
  }

  /** The event with this id, parsed (a small cache: the same popular events serve many entries). */
  event(id: number): Record<string, unknown> {
    let e = this.parsed.get(id);
    if (!e) {
      e = JSON.parse(this.eventText[id]) as Record<string, unknown>;
      if (this.parsed.size >= PARSED_CACHE) this.parsed.delete(this.parsed.keys().next().value as number);
      this.parsed.set(id, e);
    }
    return e;
  }

  /** Fields among `names` not indexed yet. */
  missing(names: string[]): string[] {
    const out = new Map<string, string>();
    for (const n of names) {
      const l = n.toLowerCase();
      if (!n || this.fields.has(l)) continue;
      if (this.counted && !this.known.has(l)) {
        // Absent from every event: indexed as empty without reading the samples again.
        this.fields.add(l);
        continue;
      }
      out.set(l, n);
    }
    return [...out.values()];
  }

  private learnNames(view: EventView, group: IndexGroup): void {
    const add = (name: string): void => {
      this.known.add(name);
      group.names.add(name);
    };
    const walk = (o: Record<string, unknown>, prefix: string, depth: number): void => {
      for (const [k, v] of Object.entries(o)) {
        const l = k.toLowerCase();
        add(l);
        if (prefix) add(prefix + l);
        if (depth < 4 && v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, `${prefix}${l}.`, depth + 1);
      }
    };
    walk(view.event, '', 0);
    const flat = view.flattened();
    if (flat) for (const k of flat.values.keys()) add(k.toLowerCase());
    const profile = view.currentProfile();
    if (profile) for (const k of Object.keys(profile.fields)) add(k.toLowerCase());
  }

  /** One pass over the samples indexing `names` (the first pass also counts events per group). */
  async add(names: string[], signal?: AbortSignal): Promise<void> {
    const wanted = this.counted ? this.missing(names) : [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
    if (this.counted && wanted.length === 0) return;
    const countEvents = !this.counted;
    let skipped = 0;
    let id = -1;
    for (const src of this.sources) {
      const attackSet = src.path ? this.attack.get(src.path) : undefined;
      try {
        for await (const item of readSample(src, signal)) {
          if (signal?.aborted) throw new Error('cancelled');
          if (item.kind !== 'event') {
            skipped++;
            if (countEvents && item.index >= 0) this.unreadable++;
            continue;
          }
          const isAttack = attackSet?.has(item.index) ?? false;
          id++;
          const view = new EventView(item.event, { forced: null });
          const ls: Record<string, unknown> = {};
          const keyParts: string[] = [];
          for (const f of LOGSOURCE_FIELDS) {
            const v = view.get(f);
            const ts = v === undefined || v === null ? [] : texts(v);
            // Every value (logsource filtering admits an event when any of them is allowed).
            if (ts.length > 0) ls[f] = ts.length === 1 ? ts[0] : ts;
            keyParts.push(ts.join('\u0001').toLowerCase());
          }
          const profile = view.currentProfile()?.name ?? null;
          keyParts.push(profile ?? '');
          const key = keyParts.join('\u0000');
          let group = this.groups.get(key);
          if (!group) {
            group = { key, logsource: ls, events: { baseline: 0, attack: 0 }, ids: [], profile, names: new Set(), fields: new Map() };
            this.groups.set(key, group);
          }
          if (countEvents) {
            this.eventText.push(JSON.stringify(item.event));
            this.eventAttack.push(isAttack);
            group.ids.push(id);
            this.learnNames(view, group);
            bump(group.events, isAttack);
            bump(this.events, isAttack);
          }
          for (const name of wanted) {
            const values = texts(view.get(name));
            if (values.length === 0) continue;
            const lower = name.toLowerCase();
            let stats = group.fields.get(lower);
            if (!stats) {
              stats = { present: { baseline: 0, attack: 0 }, values: new Map() };
              group.fields.set(lower, stats);
            }
            bump(stats.present, isAttack);
            for (const v of values) {
              let c = stats.values.get(v);
              if (!c) {
                c = { baseline: 0, attack: 0, ids: [] };
                stats.values.set(v, c);
              }
              bump(c, isAttack);
              if (c.ids[c.ids.length - 1] !== id) c.ids.push(id);
            }
          }
        }
      } catch (e) {
        if (signal?.aborted) throw e;
        this.problems.push(`${src.source}: ${(e as Error).message}`);
      }
    }
    if (countEvents && skipped > 0) this.problems.push(`${skipped} unreadable sample records`);
    this.counted = true;
    for (const n of wanted) this.fields.add(n.toLowerCase());
  }
}
