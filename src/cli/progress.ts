import type { CliIo } from './main.js';

/** Throttled progress line on a terminal; silent elsewhere. Wall-clock use is fine here: it
 *  only decides when to print, never what the simulation does. */
export function progressReporter(io: CliIo, durationSeconds: number | undefined) {
  let lastPrint = 0;
  let printed = false;
  return {
    update: (simulatedSeconds: number, events: number) => {
      if (!io.isTerminal) return;
      const now = Date.now();
      if (now - lastPrint < 250) return;
      lastPrint = now;
      printed = true;
      const share = durationSeconds ? ` (${((100 * simulatedSeconds) / durationSeconds).toFixed(1)}%)` : '';
      io.stderr(
        `\r  simulated ${simulatedSeconds.toPrecision(6)} s${share}, ${events.toLocaleString('en')} events   `,
      );
    },
    done: () => {
      if (printed) io.stderr('\r\x1b[K');
    },
  };
}
