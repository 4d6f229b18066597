import pkg from '../../../package.json';
import { catalogVersionLine } from '../engine/attack/load';
import { kqlVersionLine } from '../engine/kql/version';

/** Extra lines for `--version` (e.g. the ATT&CK catalog version); data modules add theirs. */
export const VERSION_DETAILS: (() => string)[] = [catalogVersionLine, kqlVersionLine];

export const TOOL_VERSION: string = (pkg as { version: string }).version;

export function versionText(): string {
  return [`tripline ${TOOL_VERSION}`, ...VERSION_DETAILS.map((f) => f())].join('\n');
}
