import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { formatIssue, ScenarioError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import { createRegistries } from '../scenario/registries.js';
import { type CliIo, EXIT } from './main.js';
import { usageProblems } from './run-options.js';
import { lenient, undeclaredArgumentProblems } from './undeclared-arguments.js';

interface ValidateArguments {
  file: string[];
  set?: string[];
}

/**
 * `msgsim validate <file..> [--set path=value ...]`: checks scenario files without running them.
 * Prints `<file>: ok (<n> nodes, <m> links, <k> flows)` for each valid file and every issue of
 * each bad one to stderr; sets exit code 2 when any file is bad. The overrides apply to every file.
 */
export function validateCommand(
  io: CliIo,
  setExit: (code: number) => void,
): CommandModule<object, ValidateArguments> {
  return {
    command: 'validate <file..>',
    describe: 'check scenario files and report every problem with its line',
    builder: (yargs: Argv) =>
      lenient(yargs)
        .positional('file', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'scenario files (YAML or JSON)',
        })
        .option('set', {
          type: 'string',
          array: true,
          nargs: 1,
          describe: 'override a scenario value before checking: --set flows[0].workload.messages=500',
        })
        // A returned string is a usage error (exit 2); every file is a positional, so none is extra.
        .check(
          (argv, options) =>
            usageProblems(
              undeclaredArgumentProblems(argv, options, {
                command: 'validate',
                name: 'file',
                takes: 'scenario files',
              }),
            ) ?? true,
        ) as unknown as Argv<ValidateArguments>,
    handler: (argv: ArgumentsCamelCase<ValidateArguments>) => {
      if (validateFiles(argv.file ?? [], argv.set ?? [], io) !== EXIT.ok) setExit(EXIT.badInput);
    },
  };
}

/** Validates each file in turn (all of them, even after a bad one) and returns the exit code. */
function validateFiles(files: readonly string[], overrides: string[], io: CliIo): number {
  const registries = createRegistries();
  let exitCode: number = EXIT.ok;
  for (const file of files) {
    try {
      const scenario = loadScenario(file, { overrides, registries });
      const counts = [
        count(scenario.nodes.length, 'node'),
        count(scenario.links.length, 'link'),
        count(scenario.flows.length, 'flow'),
      ];
      io.stdout(`${file}: ok (${counts.join(', ')})\n`);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      io.stderr(`${error.issues.map(formatIssue).join('\n')}\n`);
      exitCode = EXIT.badInput;
    }
  }
  return exitCode;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
