import pkg from '../../../package.json';

/** Tripline's version, from package.json: the CLI prints it, the language server reports it. */
export const TOOL_VERSION: string = (pkg as { version: string }).version;
