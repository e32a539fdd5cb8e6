import { type SimulationOptions, simulate } from '../../src/scenario/build-simulation.js';
import { createRegistries } from '../../src/scenario/registries.js';
import { createScenarioSchema, type Scenario, type ScenarioInput } from '../../src/scenario/schema.js';

const schema = createScenarioSchema(createRegistries());

/** Validates a scenario written inline in a test. */
export function scenarioOf(input: ScenarioInput): Scenario {
  return schema.parse(input);
}

/** Validates and runs an inline scenario. */
export function run(input: ScenarioInput, options?: SimulationOptions) {
  return simulate(scenarioOf(input), options);
}
