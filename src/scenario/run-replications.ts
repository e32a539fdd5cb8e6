import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ClockOverflowError, RunawaySimulationError, SimulationError } from '../engine/simulator.js';
import type { Summary } from '../metrics/summary.js';
import { simulate } from './build-simulation.js';
import type { Registries } from './registries.js';
import { labelInMessages, type VariantPlan } from './variant-plan.js';

/** One finished run: replication `replication` of variant `variant` (indexes into the plan). */
export interface FinishedRun {
  variant: number;
  replication: number;
  summary: Summary;
}

/** How to run a plan's replications. */
export interface RunReplicationsOptions {
  /** Replications per variant (at least 1). */
  replications: number;
  /** Overrides each variant's scenario seed. */
  seed?: number;
  /** Runs at once: 1 runs in this thread, more use worker threads (default: available cores). */
  jobs?: number;
  /** Most events one run may execute (see simulate). */
  maxEvents?: number;
  /** Used in this thread only; workers build msgsim's built-in registries. */
  registries?: Registries;
  /** Called as each run finishes, in the order they finish. */
  onRunDone?: (run: FinishedRun) => void;
}

/** What a worker is started with: enough to validate any variant of the plan again. */
export interface ReplicationWorkerData {
  file: string;
  text: string;
  /** The files the scenario names (trace files) as the plan read them, by name as written. */
  files: Map<string, string>;
  /** Per variant: the `--set` overrides followed by the variant's own. */
  overrides: string[][];
  seed?: number;
  maxEvents?: number;
}

/** A run a worker is asked for. */
export interface ReplicationTask {
  variant: number;
  replication: number;
}

/** An error thrown in a worker, in a form that crosses threads. */
export interface TransferredError {
  name: string;
  message: string;
  stack?: string;
  simulatedTime?: number;
  raisableLimit?: 'maxEvents';
  eventLabel?: string;
  causeStack?: string;
}

/** A worker's answer to a task. */
export type ReplicationReply =
  | { task: ReplicationTask; summary: Summary }
  | { task: ReplicationTask; error: TransferredError };

/**
 * Runs every variant of `plan` `options.replications` times and returns the summaries by
 * variant, then replication. Common random numbers: replication i of every variant runs with
 * the same seed and replication index i, so variants differ only by what they vary. Each run is
 * a pure function of its scenario, seed and index, so the result is identical for any `jobs`
 * and any finishing order.
 * @throws the SimulationError / RunawaySimulationError / ClockOverflowError of the earliest run
 * in plan order that failed (rebuilt when it came from a worker), the one `jobs: 1` throws
 * whatever `jobs`: every run before it succeeded; the other runs are stopped.
 */
export async function runReplications(
  plan: VariantPlan,
  options: RunReplicationsOptions,
): Promise<Summary[][]> {
  const tasks: ReplicationTask[] = [];
  for (let replication = 0; replication < options.replications; replication++) {
    for (let variant = 0; variant < plan.variants.length; variant++) tasks.push({ variant, replication });
  }
  const results: Summary[][] = plan.variants.map(() => new Array<Summary>(options.replications));
  const record = (run: FinishedRun) => {
    results[run.variant][run.replication] = run.summary;
    options.onRunDone?.(run);
  };
  const jobs = Math.min(options.jobs ?? availableParallelism(), tasks.length);
  if (jobs <= 1) {
    for (const task of tasks) {
      let summary: Summary;
      try {
        ({ summary } = simulate(plan.variants[task.variant].scenario, {
          seed: options.seed,
          replication: task.replication,
          registries: options.registries,
          maxEvents: options.maxEvents,
        }));
      } catch (error) {
        throw inRun(error, plan, task);
      }
      record({ ...task, summary });
    }
  } else {
    const workerData: ReplicationWorkerData = {
      file: plan.file,
      text: plan.text,
      files: plan.files,
      overrides: plan.variants.map((variant) => [...plan.sets, ...variant.overrides]),
      seed: options.seed,
      maxEvents: options.maxEvents,
    };
    await runInWorkers(workerData, tasks, jobs, record, (error, task) => inRun(error, plan, task));
  }
  return results;
}

/**
 * A run's error with the variant and replication it came from before its message (`variant
 * links[0].loss=0.9, replication 2: the run executed more than ...`), as the same class with the
 * same details, so that the caller maps it as before. Anything but an Error passes unchanged.
 */
function inRun(error: unknown, plan: VariantPlan, task: ReplicationTask): unknown {
  if (!(error instanceof Error)) return error;
  const message = `${plan.dialect.noun} ${labelInMessages(plan.variants[task.variant])}, replication ${task.replication}: ${error.message}`;
  let located: Error;
  if (error instanceof RunawaySimulationError) {
    located = new RunawaySimulationError(message, error.simulatedTime, error.raisableLimit);
  } else if (error instanceof ClockOverflowError) {
    located = new ClockOverflowError(message, error.simulatedTime, error.eventLabel);
  } else if (error instanceof SimulationError) {
    located = new SimulationError(message, error.simulatedTime, error.eventLabel, { cause: error.cause });
  } else {
    return error;
  }
  located.stack = error.stack;
  return located;
}

/**
 * The worker's entry module. Run from the built dist it is plain JavaScript; run from the
 * TypeScript sources (vitest, tsx) a small bootstrap registers tsx's loader first.
 */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./replication-worker-from-source.mjs', import.meta.url)
    : new URL('./replication-worker.js', import.meta.url);
}

/**
 * Hands `tasks` to `jobs` workers, a new task to each as it answers, until all are done. A failed
 * run is reported as --jobs 1 would report it, whatever the finishing order: once a task fails no
 * new task starts, the tasks before it (all started, as tasks start in plan order) finish, and
 * the failure of the earliest task is the one rejected, so every task before it succeeded.
 */
function runInWorkers(
  workerData: ReplicationWorkerData,
  tasks: readonly ReplicationTask[],
  jobs: number,
  record: (run: FinishedRun) => void,
  locate: (error: Error, task: ReplicationTask) => unknown,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    // By worker: the index of the task it runs, or -1 while idle.
    const running: number[] = [];
    let next = 0;
    let remaining = tasks.length;
    let settled = false;
    // The earliest failed task so far and its error; tasks.length while none failed.
    let failedTask = tasks.length;
    let failure: Error | undefined;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      const stopped = Promise.all(workers.map((worker) => worker.terminate()));
      stopped.then(
        () => (error ? reject(error) : resolve()),
        () => (error ? reject(error) : resolve()),
      );
    };
    const handOut = (worker: number) => {
      running[worker] = -1;
      if (failure === undefined && next < tasks.length) {
        running[worker] = next;
        workers[worker].postMessage(tasks[next++]);
      }
    };
    /** After a failure: rejects once no task before the earliest failed one is still running. */
    const finishIfFailed = () => {
      if (failure !== undefined && running.every((task) => task < 0 || task > failedTask)) finish(failure);
    };
    for (let index = 0; index < jobs; index++) {
      const worker = new Worker(workerEntry(), { workerData });
      workers.push(worker);
      worker.on('message', (reply: ReplicationReply) => {
        if (settled) return;
        const taskIndex = running[index];
        if ('error' in reply) {
          if (taskIndex < failedTask) {
            failedTask = taskIndex;
            failure = locate(rebuildError(reply.error), reply.task) as Error;
          }
        } else if (taskIndex < failedTask) {
          // A run after the earliest failure is one --jobs 1 would not have run: not recorded.
          try {
            record({ ...reply.task, summary: reply.summary });
          } catch (error) {
            finish(error as Error);
            return;
          }
          remaining--;
          if (remaining === 0) {
            finish();
            return;
          }
        }
        handOut(index);
        finishIfFailed();
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`a simulation worker stopped early (exit code ${code})`)));
      handOut(index);
    }
  });
}

/** The error a worker reported, as the class the CLI maps to an exit code. */
function rebuildError(transferred: TransferredError): Error {
  let error: Error;
  if (transferred.name === 'RunawaySimulationError') {
    error = new RunawaySimulationError(
      transferred.message,
      transferred.simulatedTime ?? Number.NaN,
      transferred.raisableLimit,
    );
  } else if (transferred.name === 'ClockOverflowError') {
    error = new ClockOverflowError(
      transferred.message,
      transferred.simulatedTime ?? Number.NaN,
      transferred.eventLabel ?? '',
    );
  } else if (transferred.name === 'SimulationError') {
    const cause = new Error('in a simulation worker');
    cause.stack = transferred.causeStack;
    error = new SimulationError(
      transferred.message,
      transferred.simulatedTime ?? Number.NaN,
      transferred.eventLabel ?? '',
      { cause },
    );
  } else {
    error = new Error(transferred.message);
    error.name = transferred.name;
  }
  if (transferred.stack) error.stack = transferred.stack;
  return error;
}
