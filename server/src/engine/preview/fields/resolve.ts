/**
 * Finds a Sigma field in one event: exact name, then case-insensitive, then dotted path, then the
 * EVTX flattening, then the logsource's renames (SigmaHQ's thor.yml: `Image` → `NewProcessName`
 * in 4688 events), then the event's field-mapping profile. Everything is computed lazily, once
 * per event, because most rules touch two or three fields.
 */
import type { TelemetryEvent } from '../types';
import { evtxRoot, flattenEvtx, type Flattened } from './evtx';
import { getPathWithKeys } from './path';
import { detectProfile, profileCandidates, type Profile } from './profiles';

interface Resolution {
  value: unknown;
  /** Dotted path of the field in the event, for highlighting. */
  path: string;
}

/** How profiles are chosen: per event from its shape (`auto`), or one forced by configuration. */
export interface ProfileChoice {
  forced: Profile | null;
}

export class EventView {
  private lowerKeys: Map<string, string> | undefined;
  private flat: Flattened | null | undefined;
  private flatLower: Map<string, string> | undefined;
  private profile: Profile | null | undefined;
  private shape: Shape | undefined;
  /** Field renames of the logsource entries this event satisfied. */
  renames: Record<string, string>[] = [];

  constructor(
    readonly event: TelemetryEvent,
    private readonly choice: ProfileChoice,
  ) {}

  /** The field's value; `undefined` when the event does not have it (JSON `null` stays `null`). */
  get(field: string): unknown {
    const ev = this.event;
    if (Object.prototype.hasOwnProperty.call(ev, field)) return ev[field];
    return this.resolve(field)?.value;
  }

  resolve(field: string): Resolution | undefined {
    const direct = this.direct(field);
    if (direct) return direct;
    for (const r of this.renames) {
      const to = r[field];
      if (to !== undefined) {
        const hit = this.direct(to);
        if (hit) return hit;
      }
    }
    const profile = this.currentProfile();
    if (profile) {
      for (const candidate of profileCandidates(profile, field)) {
        const hit = this.direct(candidate);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  currentProfile(): Profile | null {
    if (this.profile === undefined) this.profile = this.choice.forced ?? (this.shape ??= shapeOf(this.event)).profile;
    return this.profile;
  }

  /** Exact, case-insensitive, dotted and EVTX lookups, without renames or profiles. */
  direct(field: string): Resolution | undefined {
    const ev = this.event;
    if (Object.prototype.hasOwnProperty.call(ev, field)) return { value: ev[field], path: field };
    if (!this.lowerKeys) this.lowerKeys = (this.shape ??= shapeOf(ev)).loose;
    const ci = this.lowerKeys.get(field.toLowerCase());
    if (ci !== undefined) return { value: ev[ci], path: ci };
    if (field.includes('.')) {
      const hit = getPathWithKeys(ev, field);
      if (hit) return { value: hit.value, path: hit.keys.join('.') };
    }
    const flat = this.flattened();
    if (flat) {
      if (flat.values.has(field)) return { value: flat.values.get(field), path: flat.paths.get(field) ?? field };
      if (!this.flatLower) this.flatLower = looseKeys(flat.values.keys());
      const k = this.flatLower.get(field.toLowerCase());
      if (k !== undefined) return { value: flat.values.get(k), path: flat.paths.get(k) ?? k };
    }
    return undefined;
  }

  flattened(): Flattened | null {
    if (this.flat === undefined) {
      const root = evtxRoot(this.event);
      this.flat = root ? flattenEvtx(root, root === this.event ? '' : 'Event') : null;
    }
    return this.flat;
  }

  /** Every scalar in the event, as text: what keyword searches look through. */
  allText(): string[] {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (v === null || v === undefined) return;
      if (typeof v === 'string') out.push(v);
      else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) walk(x);
    };
    walk(this.event);
    return out;
  }
}

/**
 * Case-insensitive key lookup table. Keys with spaces are also found without them: the Sigma spec
 * names fields "as they appear in the log source" with spaces stripped (`Threat Name` → `ThreatName`).
 */
function looseKeys(keys: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of keys) {
    const l = k.toLowerCase();
    if (!out.has(l)) out.set(l, k);
  }
  for (const [l, k] of [...out]) {
    if (l.indexOf(' ') >= 0 || l.indexOf('\t') >= 0) {
      const squeezed = l.replace(/\s+/g, '');
      if (!out.has(squeezed)) out.set(squeezed, k);
    }
  }
  return out;
}

interface Shape {
  loose: Map<string, string>;
  profile: Profile | null;
}

/**
 * Events of one sample nearly always share their top-level keys, so the case-insensitive key table
 * and the detected profile are computed once per key list, not once per event. Profile detection
 * depends on top-level keys only (a dotted detect key's head is itself a detect key in the data).
 */
const SHAPES = new Map<string, Shape>();

let lastKeys: string[] = [];
let lastShape: Shape | null = null;

function shapeOf(ev: TelemetryEvent): Shape {
  const keys = Object.keys(ev);
  // Consecutive events usually have the very same keys (interned strings): compare, no join.
  if (lastShape && keys.length === lastKeys.length) {
    let same = true;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== lastKeys[i]) {
        same = false;
        break;
      }
    }
    if (same) return lastShape;
  }
  const sig = keys.join('\u0001');
  let shape = SHAPES.get(sig);
  if (!shape) {
    if (SHAPES.size >= 512) SHAPES.clear();
    shape = { loose: looseKeys(keys), profile: detectProfile(ev) };
    SHAPES.set(sig, shape);
  }
  lastKeys = keys;
  lastShape = shape;
  return shape;
}
