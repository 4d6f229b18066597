/**
 * Shared-memory probe the worker's watchdog reads: which event is being evaluated and which regex
 * is running. Writing two integers costs nothing; without a probe (in-process use) it is a no-op.
 */
export const PROBE_SOURCE = 0;
export const PROBE_INDEX = 1;
export const PROBE_REGEX = 2;
export const PROBE_SCANNED = 3;
export const PROBE_MATCHED = 4;
export const PROBE_SLOTS = 5;

let probe: Int32Array | null = null;

export function setProbe(p: Int32Array | null): void {
  probe = p;
}

export function getProbe(): Int32Array | null {
  return probe;
}

export function enterRegex(id: number): void {
  if (probe) probe[PROBE_REGEX] = id;
}

export function leaveRegex(): void {
  if (probe) probe[PROBE_REGEX] = -1;
}
