import type { CommandModule } from 'yargs';
import { z } from 'zod';
import { createRegistries, type Registries } from '../scenario/registries.js';
import { createScenarioSchema } from '../scenario/schema.js';
import { type CliIo, EXIT } from './main.js';
import { usageProblems } from './run-options.js';
import { lenient, undeclaredArgumentProblems } from './undeclared-arguments.js';

/**
 * The published JSON Schema of scenario files (what users write, before defaults and unit
 * conversion), as the text `msgsim schema` prints and `schema/scenario.schema.json` holds.
 */
export function scenarioJsonSchemaText(registries: Registries = createRegistries()): string {
  // `io: 'input'` describes the file as written; transforms (units, distributions) cannot be
  // expressed in JSON Schema, so they become "any" rather than an error.
  const jsonSchema = z.toJSONSchema(createScenarioSchema(registries), {
    io: 'input',
    unrepresentable: 'any',
  });
  return `${JSON.stringify(jsonSchema, null, 2)}\n`;
}

/** `msgsim schema`: prints the scenario JSON Schema (for editor completion) to stdout. */
export function schemaCommand(io: CliIo, setExit: (code: number) => void): CommandModule {
  return {
    command: 'schema',
    describe: 'print the JSON Schema of scenario files (for editor completion)',
    // A returned string is a usage error (exit 2): every problem, a line each.
    builder: (yargs) =>
      lenient(yargs).check(
        (argv, options) =>
          usageProblems(
            undeclaredArgumentProblems(argv, options, { command: 'schema', takes: 'no argument' }),
          ) ?? true,
      ),
    handler: () => {
      io.stdout(scenarioJsonSchemaText());
      setExit(EXIT.ok);
    },
  };
}
