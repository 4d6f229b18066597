/** A structural problem in an EVTX file: the record or chunk it is found in is skipped, never the run. */
export class EvtxFormatError extends Error {}

/** Throws unless `[pos, pos + size)` lies inside `[0, end)`. */
export function need(pos: number, size: number, end: number, what: string): void {
  if (pos < 0 || size < 0 || pos + size > end)
    throw new EvtxFormatError(`${what} at offset ${pos} runs past the end of its data (${size} bytes needed, ${Math.max(0, end - pos)} left)`);
}
