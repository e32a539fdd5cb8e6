import type { CommandModule } from 'yargs';
import { quoteValue } from '../engine/quote-value.js';
import { catalogToMarkdown, catalogToText, strategyCatalog } from '../report/strategy-catalog.js';
import { createRegistries } from '../scenario/registries.js';
import { type CliIo, EXIT } from './main.js';
import { usageProblems } from './run-options.js';
import { lenient, undeclaredArgumentProblems } from './undeclared-arguments.js';

/** `msgsim list [kind]`: the registered strategies and their parameters. */
export function listCommand(io: CliIo, setExit: (code: number) => void): CommandModule {
  const sections = strategyCatalog(createRegistries());
  const kinds = sections.map((section) => section.kind);
  return {
    command: 'list [kind]',
    describe: `list the registered strategies and their parameters (${kinds.join(', ')})`,
    builder: (yargs) =>
      lenient(yargs)
        // Checked below rather than by yargs' choices, whose refusal stands alone and lists the
        // kinds on one long line: an unknown kind is one problem among the others.
        .positional('kind', { type: 'string', describe: `only this registry: ${kinds.join(', ')}` })
        .option('markdown', {
          type: 'boolean',
          default: false,
          describe: 'print Markdown (as in README.md)',
        })
        // A returned string is a usage error (exit 2): every problem, a line each.
        .check(
          (argv, options) =>
            usageProblems([
              ...unknownKind(argv.kind, kinds),
              ...undeclaredArgumentProblems(argv, options, {
                command: 'list',
                name: 'kind',
                takes: 'at most one kind',
              }),
            ]) ?? true,
        ),
    handler: (argv) => {
      const kind = argv.kind as string | undefined;
      const chosen = kind === undefined ? sections : sections.filter((section) => section.kind === kind);
      io.stdout(argv.markdown ? catalogToMarkdown(chosen) : catalogToText(chosen));
      setExit(EXIT.ok);
    },
  };
}

/** The problem with a kind that names no registry, if it does not (none when no kind is given). */
function unknownKind(kind: unknown, kinds: readonly string[]): string[] {
  if (kind === undefined || (typeof kind === 'string' && kinds.includes(kind))) return [];
  return [`unknown kind ${quoteValue(String(kind))}: give one of ${kinds.join(', ')}`];
}
