/**
 * The command table's shape: each command declares its positional arguments and options once;
 * argument parsing, value checks and `--help` are all generated from these entries.
 */
import { parseArgs, single, UsageError, type ParsedArgs } from './args';

interface OptionSpec {
  name: string;
  /** Placeholder of the value (`FILE`, `N`); a flag has neither this nor `choices`. */
  value?: string;
  /** The only values accepted (checked before the command runs). */
  choices?: readonly string[];
  /** Takes several values (`--samples a b c`); may also be repeated. */
  multi?: boolean;
  /** Must be given (shown without brackets). */
  required?: boolean;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** Positional arguments as the synopsis shows them (`[PATH...]`, `RULE`). */
  args: string;
  summary: string;
  options: readonly OptionSpec[];
  /** Extra lines of help (defaults, formats). */
  notes?: readonly string[];
  /** Arguments are passed through unparsed (the language server tolerates its clients' extra flags). */
  passThrough?: boolean;
  run(args: ParsedArgs, argv: readonly string[]): Promise<number>;
}

const takesValue = (o: OptionSpec): boolean => o.value !== undefined || o.choices !== undefined;

const orList = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);

/** Parses a command's arguments by its table entry and checks the enumerated values. */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const values = spec.options.filter((o) => takesValue(o) && !o.multi).map((o) => o.name);
  const multi = spec.options.filter((o) => takesValue(o) && o.multi).map((o) => o.name);
  const flags = spec.options.filter((o) => !takesValue(o)).map((o) => o.name);
  const args = parseArgs([...argv], { values, multi, flags });
  for (const o of spec.options) {
    if (!o.choices) continue;
    const v = single(args, o.name);
    if (v !== undefined && !o.choices.includes(v)) throw new UsageError(`--${o.name} must be ${orList(o.choices)}, not '${v}'`);
  }
  return args;
}

function optionSynopsis(o: OptionSpec): string {
  const value = o.choices ? o.choices.join('|') : (o.value ?? '');
  const text = `--${o.name}${value ? ` ${value}` : ''}${o.multi ? '...' : ''}`;
  return o.required ? text : `[${text}]`;
}

function synopsis(spec: CommandSpec): string {
  return ['tripline', spec.name, spec.args, ...spec.options.map(optionSynopsis)].filter((s) => s !== '').join(' ');
}

/** `tripline --help`: every command with all its options, then how to get one command's details. */
export function generalHelp(commands: readonly CommandSpec[]): string {
  const lines = ['usage: tripline <command> [options]', '  tripline --version', ...commands.map((c) => `  ${synopsis(c)}`), '', 'commands:'];
  const width = Math.max(...commands.map((c) => c.name.length));
  for (const c of commands) lines.push(`  ${c.name.padEnd(width)}  ${c.summary}`);
  lines.push('', "'tripline help COMMAND' (or 'tripline COMMAND --help') describes each option.");
  return lines.join('\n');
}

/** `tripline help COMMAND`: its synopsis, summary and every option with its description. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`usage: ${synopsis(spec)}`, '', spec.summary];
  if (spec.options.length > 0) {
    lines.push('', 'options:');
    const heads = spec.options.map((o) => `--${o.name}${o.choices ? ` ${o.choices.join('|')}` : o.value ? ` ${o.value}` : ''}${o.multi ? '...' : ''}`);
    const width = Math.max(...heads.map((h) => h.length));
    spec.options.forEach((o, i) => lines.push(`  ${heads[i].padEnd(width)}  ${o.help}`));
  }
  for (const n of spec.notes ?? []) lines.push('', n);
  return lines.join('\n');
}
