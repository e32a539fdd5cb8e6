import { ClockOverflowError, RunawaySimulationError, SimulationError } from '../engine/simulator.js';
import { formatIssue, ScenarioError } from '../scenario/errors.js';
import { type CliIo, EXIT } from './main.js';

/**
 * Prints what went wrong while loading or simulating `file` under `msgsim <command>` and returns
 * the exit code: 2 for bad input (located scenario issues, a run that cannot end or cannot go on
 * past the largest time the clock holds; a limit the user may raise names the command's option
 * for it), 1 for an internal error inside the
 * simulation (with its stack, for a bug report). Rethrows anything else.
 */
export function reportRunError(
  error: unknown,
  file: string,
  io: CliIo,
  command: 'run' | 'compare' | 'sweep',
): number {
  if (error instanceof ScenarioError) {
    io.stderr(`${error.issues.map(formatIssue).join('\n')}\n`);
    return EXIT.badInput;
  }
  if (error instanceof RunawaySimulationError) {
    const option = error.raisableLimit === 'maxEvents' ? ` (msgsim ${command} --max-events N)` : '';
    io.stderr(`msgsim: ${file}: ${error.message}${option}\n`);
    return EXIT.badInput;
  }
  if (error instanceof ClockOverflowError) {
    io.stderr(`msgsim: ${file}: ${error.message}\n`);
    return EXIT.badInput;
  }
  if (error instanceof SimulationError) {
    io.stderr(`msgsim: ${file}: ${error.message}\n${(error.cause as Error)?.stack ?? ''}\n`);
    return EXIT.internal;
  }
  throw error;
}
