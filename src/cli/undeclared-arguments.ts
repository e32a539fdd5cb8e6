/**
 * What a command was given that it does not declare, as problems of its own `check`: yargs'
 * strict mode would refuse them first and alone, hiding every other problem with the options.
 */
import type { Argv } from 'yargs';
import { quoteValue } from '../scenario/quote-option.js';

/** The positionals a command takes, to word a problem with more of them. */
export interface PositionalArity {
  /** The command as typed: `run`. */
  command: string;
  /** Its positionals' name (a yargs positional) when it has some: `file`, `kind`. */
  name?: string;
  /** What it takes, as the message says it: `one scenario file`, `no argument`. */
  takes: string;
}

/** The part of yargs' options a check needs: the declared keys and their aliases. */
interface DeclaredOptions {
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
}

/**
 * Turns off yargs' strict mode for a command, whose check then reports undeclared arguments
 * beside its other problems (see undeclaredArgumentProblems). The top level stays strict, so an
 * unknown command is still refused there.
 */
export function lenient<T>(yargs: Argv<T>): Argv<T> {
  return yargs.strict(false);
}

/**
 * The arguments a command does not declare, each kind a line: the unknown options in yargs' words
 * (`Unknown arguments: foo-bar, fooBar, x`, which main names as written: `--foo-bar, -x`), then
 * the positionals past what the command takes (`run takes one scenario file, got 2: 'a.yaml',
 * 'b.yaml'`). Empty when there is none.
 * @param options the second argument yargs passes a check (its declared options, though its
 * types call it aliases).
 */
export function undeclaredArgumentProblems(
  argv: Readonly<Record<string, unknown>>,
  options: unknown,
  arity: PositionalArity,
): string[] {
  const problems: string[] = [];
  const unknown = unknownOptions(argv, options as DeclaredOptions);
  if (unknown.length > 0)
    problems.push(`Unknown argument${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`);
  // yargs puts what the positionals do not take after the command's name in `_`.
  const extra = ((argv._ as unknown[] | undefined) ?? []).slice(1).map(String);
  if (extra.length > 0) {
    const declared =
      arity.name === undefined ? [] : [argv[arity.name]].flat().filter((value) => value !== undefined);
    const given = [...declared.map(String), ...extra];
    problems.push(
      `${arity.command} takes ${arity.takes}, got ${given.length}: ${given.map(quoteValue).join(', ')}`,
    );
  }
  return problems;
}

/** The keys of `argv` no option declares, as yargs names them (without dashes). */
function unknownOptions(argv: Readonly<Record<string, unknown>>, options: DeclaredOptions): string[] {
  const known = new Set(['_', '$0']);
  for (const key of Object.keys(options.key)) {
    // yargs gives a dashed option its camelCase twin too: `max-events` and `maxEvents`.
    for (const name of [key, ...(options.alias[key] ?? [])]) known.add(name).add(camelCase(name));
  }
  return Object.keys(argv).filter((key) => !known.has(key));
}

function camelCase(name: string): string {
  return name.replace(/-+([^-])/g, (_, letter: string) => letter.toUpperCase());
}
