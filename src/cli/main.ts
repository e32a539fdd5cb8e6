import yargs from 'yargs';
import { QUOTED_VALUE_LIMIT, quoteValue } from '../scenario/quote-option.js';
import { compareCommand } from './compare-command.js';
import { listCommand } from './list-command.js';
import { expects } from './option-values.js';
import { runCommand } from './run-command.js';
import { schemaCommand } from './schema-command.js';
import { sweepCommand } from './sweep-command.js';
import { validateCommand } from './validate-command.js';

/** A command line yargs could not accept; stops parsing before any handler runs. */
class UsageError extends Error {}

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const;

/** Where the CLI writes; tests pass their own to capture output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress is shown only then). */
  isTerminal: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTerminal: Boolean(process.stderr.isTTY),
};

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit code: 0 success,
 * 2 bad input or usage, 1 internal error. Never calls process.exit.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const run = runCommand(io, setExit);
  const compare = compareCommand(io, setExit);
  const sweep = sweepCommand(io, setExit);
  const validate = validateCommand(io, setExit);
  const schema = schemaCommand(io, setExit);
  const list = listCommand(io, setExit);
  // As typed: the first word of each module's `command` (`run <file>`).
  const names = [run, compare, sweep, validate, schema, list].map(
    (command) => String(command.command).split(' ')[0],
  );
  try {
    await yargs(argv)
      // Off, so that an unknown `--no-such` is reported as written, not as yargs' negation of
      // an unknown `such`; the one negative option, --no-charts, is an option of its own.
      .parserConfiguration({ 'boolean-negation': false })
      .scriptName('msgsim')
      .usage(
        '$0 <command> [options]\n\nDeterministic simulator of message passing: throughput, latency, availability.',
      )
      .command(run)
      .command(compare)
      .command(sweep)
      .command(validate)
      .command(schema)
      .command(list)
      .demandCommand(1, `give a command: ${oneOf(names)}`)
      .strict()
      .recommendCommands()
      .help()
      .version()
      .exitProcess(false)
      .fail((message, error) => {
        // yargs reports its own usage errors as YError; anything else came from a handler.
        // A UsageError thrown here once comes back through `fail` again; pass it on.
        if (error instanceof UsageError || (error && error.name !== 'YError')) throw error;
        throw new UsageError(message ?? error?.message ?? 'bad usage');
      })
      .parseAsync();
  } catch (error) {
    // A command's `check` failure reaches here as the bare message string: a problem per line.
    if (error instanceof UsageError || typeof error === 'string') {
      const message = error instanceof UsageError ? error.message : error;
      const lines = usageLines(message, argv, names, error instanceof UsageError).map(
        (line) => `msgsim: ${line}\n`,
      );
      io.stderr(`${lines.join('')}Run 'msgsim --help' for usage.\n`);
      return EXIT.badInput;
    }
    io.stderr(`msgsim: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.internal;
  }
  return exitCode;
}

/**
 * yargs quotes what was given whole (`Unknown argument: ...`, `Given: "..."`); a word longer than
 * QUOTED_VALUE_LIMIT (a pasted file, say) is shortened to its start, `…`, and its length, as
 * msgsim's own messages quote long values. yargs' own words are never that long.
 */
function shortenLongWords(message: string): string {
  const longWord = new RegExp(`([^\\s,"]{${QUOTED_VALUE_LIMIT + 1},})("?)`, 'g');
  return message.replace(longWord, (_, word: string, quote: string) => {
    const characters = Array.from(word);
    if (characters.length <= QUOTED_VALUE_LIMIT) return `${word}${quote}`;
    const start = characters.slice(0, QUOTED_VALUE_LIMIT).join('');
    return `${start}…${quote} (${characters.length} characters in all)`;
  });
}

/**
 * yargs' "Not enough arguments following: seed" for an option given without its value: named
 * and worded as msgsim's own messages about the option's value (`--seed expects a whole number
 * from 0 to 9007199254740991, got nothing`), saying what stands where the value should (the next
 * option, or the end of the command line). Any other message passes unchanged.
 */
function missingValueWorded(message: string, argv: readonly string[]): string {
  const name = /^Not enough arguments following: (.+)$/.exec(message)?.[1];
  if (name === undefined) return message;
  const at = argv.findIndex(
    (arg, index) => arg === `--${name}` && (index + 1 === argv.length || argv[index + 1].startsWith('-')),
  );
  const next = at < 0 ? undefined : argv[at + 1];
  const where = next === undefined ? 'it ends the command line' : `${next.split('=')[0]} follows it`;
  return `${expects(name)}, got nothing (${where})`;
}

/**
 * A usage error's problems, a line each, in msgsim's words: yargs' own (unknown arguments and
 * commands, a missing value) named as written, long words shortened. `fromYargs`: the message is
 * yargs' (through `fail`), not a command check's, whose lines but the unknown arguments are
 * msgsim's own and quote long values shortened already.
 */
function usageLines(
  message: string,
  argv: readonly string[],
  commands: readonly string[],
  fromYargs: boolean,
): string[] {
  return message
    .split('\n')
    .flatMap((line) => unknownCommandWorded(line, argv, commands))
    .map((line) =>
      fromYargs || /^Unknown arguments?: /.test(line)
        ? shortenLongWords(missingValueWorded(unknownArgumentsAsWritten(line, argv), argv))
        : line,
    );
}

/** `a, b or c`. */
function oneOf(names: readonly string[]): string {
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * yargs refuses an unknown command (`msgsim frob`) at the top level, which stays strict, with
 * "Did you mean run?" alone, or among the unknown arguments when nothing is near it: both name it
 * as written (`unknown command 'frob' (did you mean run?)`), the other unknown arguments
 * staying on a line of their own. Any other line passes unchanged.
 */
function unknownCommandWorded(line: string, argv: readonly string[], commands: readonly string[]): string[] {
  const command = argv.find((arg) => !arg.startsWith('-'));
  if (command === undefined || commands.includes(command)) return [line];
  const unknown = `unknown command ${quoteValue(command)}`;
  const suggested = /^Did you mean (.+)\?$/.exec(line)?.[1];
  if (suggested !== undefined) return [`${unknown} (did you mean ${suggested}?)`];
  const listed = /^Unknown arguments?: (.*)$/s.exec(line);
  if (!listed) return [line];
  const others = listed[1].split(', ').filter((name) => name !== command);
  const refused = `${unknown}: give one of ${oneOf(commands)}`;
  return others.length === 0
    ? [refused]
    : [refused, `Unknown argument${others.length === 1 ? '' : 's'}: ${others.join(', ')}`];
}

/**
 * yargs' "Unknown arguments: foo-bar, fooBar" names an unknown option without its dashes and
 * again in camelCase: name each one once, as written on the command line (`--foo-bar`,
 * `--no-such`, `-x`). Any other message passes unchanged.
 */
function unknownArgumentsAsWritten(message: string, argv: readonly string[]): string {
  const listed = /^Unknown arguments?: (.*)$/s.exec(message);
  if (!listed) return message;
  const names = listed[1].split(', ');
  const camelCase = (name: string) => name.replace(/-+([^-])/g, (_, letter: string) => letter.toUpperCase());
  const twins = new Set(names.filter((name) => name.includes('-')).map(camelCase));
  const unknown = names.filter((name) => !twins.has(name));
  const written = unknown.map((name) => {
    const token = argv.find(
      (arg) => arg === `--${name}` || arg.startsWith(`--${name}=`) || arg === `-${name}`,
    );
    return token === undefined ? name : token.split('=')[0];
  });
  return `Unknown argument${written.length === 1 ? '' : 's'}: ${written.join(', ')}`;
}
