/**
 * Worker thread of `msgsim compare`: validates the variants it is asked for (once each) and runs
 * replications, answering each task with the run's summary or the error it threw.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ClockOverflowError, RunawaySimulationError, SimulationError } from '../engine/simulator.js';
import { simulate } from './build-simulation.js';
import { parseScenarioText } from './load.js';
import { createRegistries } from './registries.js';
import type {
  ReplicationReply,
  ReplicationTask,
  ReplicationWorkerData,
  TransferredError,
} from './run-replications.js';
import type { Scenario } from './schema.js';

const port = parentPort;
if (!port) throw new Error('replication-worker runs only as a worker thread');
const data = workerData as ReplicationWorkerData;
const registries = createRegistries();
const scenarios = new Map<number, Scenario>();

/** The files the plan read: every run sees them as they were when the plan was checked. */
function readFile(name: string): string {
  const text = data.files.get(name);
  if (text === undefined) throw new Error('the plan did not read this file');
  return text;
}

port.on('message', (task: ReplicationTask) => {
  let reply: ReplicationReply;
  try {
    let scenario = scenarios.get(task.variant);
    if (!scenario) {
      scenario = parseScenarioText(data.text, data.file, {
        overrides: data.overrides[task.variant],
        registries,
        readFile,
      });
      scenarios.set(task.variant, scenario);
    }
    const { summary } = simulate(scenario, {
      seed: data.seed,
      replication: task.replication,
      registries,
      maxEvents: data.maxEvents,
    });
    reply = { task, summary };
  } catch (error) {
    reply = { task, error: transferable(error) };
  }
  port.postMessage(reply);
});

function transferable(error: unknown): TransferredError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const transferred: TransferredError = { name: error.name, message: error.message, stack: error.stack };
  if (error instanceof RunawaySimulationError) {
    transferred.simulatedTime = error.simulatedTime;
    transferred.raisableLimit = error.raisableLimit;
  }
  if (error instanceof ClockOverflowError) {
    transferred.simulatedTime = error.simulatedTime;
    transferred.eventLabel = error.eventLabel;
  }
  if (error instanceof SimulationError) {
    transferred.simulatedTime = error.simulatedTime;
    transferred.eventLabel = error.eventLabel;
    transferred.causeStack = (error.cause as Error | undefined)?.stack;
  }
  return transferred;
}
