import { catalogVersionLine, kqlVersionLine, TOOL_VERSION } from '../engine/index';

/** Extra lines for `--version` (e.g. the ATT&CK catalog version); data modules add theirs. */
const VERSION_DETAILS: (() => string)[] = [catalogVersionLine, kqlVersionLine];

export function versionText(): string {
  return [`tripline ${TOOL_VERSION}`, ...VERSION_DETAILS.map((f) => f())].join('\n');
}
