import { RunawaySimulationError, SimulationError } from '../engine/simulator.js';
import { formatIssue, ScenarioError } from '../scenario/errors.js';
import { type CliIo, EXIT } from './main.js';

/**
 * Prints what went wrong while loading or simulating `file` and returns the exit code: 2 for bad
 * input (located scenario issues, a run that cannot end), 1 for an internal error inside the
 * simulation (with its stack, for a bug report). Rethrows anything else.
 */
export function reportRunError(error: unknown, file: string, io: CliIo): number {
  if (error instanceof ScenarioError) {
    io.stderr(`${error.issues.map(formatIssue).join('\n')}\n`);
    return EXIT.badInput;
  }
  if (error instanceof RunawaySimulationError) {
    io.stderr(`msgsim: ${file}: ${error.message}\n`);
    return EXIT.badInput;
  }
  if (error instanceof SimulationError) {
    io.stderr(`msgsim: ${file}: ${error.message}\n${(error.cause as Error)?.stack ?? ''}\n`);
    return EXIT.internal;
  }
  throw error;
}
