/**
 * Analytic steady-state availability of every component and replicated service of a scenario:
 * MTTF / (MTTF + MTTR) for a component repaired on its own, the Markov chain of a shared repair
 * crew for its members, and for services the exact probability that the structure (k of n, with
 * nested services) is up, over the joint stationary states of its components.
 */
import type { AvailabilityModel, ServiceModel } from '../faults/availability-model.js';
import { solveCrewChain } from './availability-crew-chain.js';
import { kOfNAvailability, steadyStateAvailability } from './availability-theory.js';

/** An analytic value, or null with the reason there is none. */
export interface AnalyticValue {
  availability: number | null;
  /** Mean up period and mean down period in steady state (s); null when unknown or infinite. */
  mttf: number | null;
  mttr: number | null;
  /** The formula or model used (or why there is no value). */
  method: string;
  /** What the value assumes that the scenario does not guarantee. */
  caveat?: string;
}

export interface AnalyticAvailability {
  /** Per component of the model; null for components that never fail at random. */
  components: (AnalyticValue | null)[];
  services: AnalyticValue[];
}

/** Joint states enumerated at most for one service (each independent component doubles them). */
export const MAX_ENUMERATED_STATES = 1 << 16;

const EXPONENTIAL_CAVEAT =
  'the shared-crew Markov chain assumes exponential times to failure and repair; the configured ' +
  'distributions are not all exponential, so this value is approximate';

/** One independent source of randomness: a component on its own, or a whole crew. */
interface StateGroup {
  /** Component positions, bit i of a mask being members[i]. */
  members: number[];
  states: Array<{ downMask: number; probability: number }>;
}

/** Analytic values for every component and service of `model`. */
export function analyticAvailability(model: AvailabilityModel): AnalyticAvailability {
  const crewGroups = model.crews.map((crew) => crewGroup(model, crew.members));
  const components = model.components.map((component, position): AnalyticValue | null => {
    if (component.failure === null) return null;
    const { mttf, mttr } = component.failure;
    if (component.crew === null) {
      return {
        availability: steadyStateAvailability(mttf, mttr),
        mttf,
        mttr,
        method: 'MTTF / (MTTF + MTTR)',
      };
    }
    const group = crewGroups[component.crew];
    if (group.group === null) return { availability: null, mttf: null, mttr: null, method: group.method };
    const bit = 1 << group.group.members.indexOf(position);
    const down = group.group.states.reduce((sum, s) => sum + (s.downMask & bit ? s.probability : 0), 0);
    const availability = 1 - down;
    return {
      availability,
      mttf,
      // Failures happen at rate A/MTTF; each down period lasts P(down) / that rate on average.
      mttr: (down * mttf) / availability,
      method: group.method,
      ...(group.exponential ? {} : { caveat: EXPONENTIAL_CAVEAT }),
    };
  });
  const services = model.services.map((_, index) => serviceValue(model, crewGroups, components, index));
  return { components, services };
}

function crewGroup(
  model: AvailabilityModel,
  members: number[],
): { group: StateGroup | null; method: string; exponential: boolean } {
  const failures = members.map((position) => model.components[position].failure!);
  const solution = solveCrewChain(failures);
  const exponential = failures.every((failure) => failure.exponential);
  if (solution === null) {
    return {
      group: null,
      method: `no analytic value: a crew of ${members.length} members with different means is too large to solve`,
      exponential,
    };
  }
  return { group: { members, states: solution.states }, method: solution.method, exponential };
}

/** Components a service depends on (through nested services), each once, in first-seen order. */
function componentsOf(model: AvailabilityModel, service: number, found = new Set<number>()): Set<number> {
  for (const member of model.services[service].members) {
    if (member.kind === 'component') found.add(member.index);
    else componentsOf(model, member.index, found);
  }
  return found;
}

/** Is service `index` up when the components marked in `up` are? */
function serviceUp(services: readonly ServiceModel[], index: number, up: Uint8Array): boolean {
  const service = services[index];
  let count = 0;
  for (const member of service.members) {
    if (member.kind === 'component' ? up[member.index] === 1 : serviceUp(services, member.index, up)) count++;
    if (count >= service.needs) return true;
  }
  return false;
}

function serviceValue(
  model: AvailabilityModel,
  crewGroups: ReturnType<typeof crewGroup>[],
  components: (AnalyticValue | null)[],
  index: number,
): AnalyticValue {
  const failing = [...componentsOf(model, index)].filter(
    (position) => model.components[position].failure !== null,
  );
  const groups: StateGroup[] = [];
  const crewsUsed = new Set<number>();
  let exponential = true;
  for (const position of failing) {
    const crew = model.components[position].crew;
    if (crew === null) {
      const availability = components[position]!.availability!;
      groups.push({
        members: [position],
        states: [
          { downMask: 0, probability: availability },
          { downMask: 1, probability: 1 - availability },
        ],
      });
    } else if (!crewsUsed.has(crew)) {
      crewsUsed.add(crew);
      const group = crewGroups[crew];
      if (group.group === null) return { availability: null, mttf: null, mttr: null, method: group.method };
      exponential &&= group.exponential;
      groups.push(group.group);
    }
  }
  const combinations = groups.reduce((product, group) => product * group.states.length, 1);
  if (combinations > MAX_ENUMERATED_STATES)
    return independentTreeValue(model, components, index, crewsUsed.size);
  const { availability, failureFrequency } = enumerate(model, groups, index);
  const value: AnalyticValue = {
    availability,
    mttf: failureFrequency > 0 ? availability / failureFrequency : null,
    mttr: failureFrequency > 0 ? (1 - availability) / failureFrequency : null,
    method: methodOf(model, components, index, crewsUsed.size > 0),
  };
  if (!exponential) value.caveat = EXPONENTIAL_CAVEAT;
  return value;
}

/**
 * Availability and failure frequency by enumerating the joint states: A = Σ π(x) φ(x); the
 * service fails when an up component whose loss brings it down fails, at rate 1/MTTF of that
 * component (exact for independent renewal components and for exponential crews), so
 * f = Σ_{x up} π(x) Σ_{i critical in x} 1/MTTF_i; MTTF_s = A/f and MTTR_s = (1-A)/f.
 */
function enumerate(
  model: AvailabilityModel,
  groups: readonly StateGroup[],
  service: number,
): { availability: number; failureFrequency: number } {
  const up = new Uint8Array(model.components.length).fill(1);
  const involved = groups.flatMap((group) => group.members);
  let availability = 0;
  let failureFrequency = 0;
  const visit = (depth: number, probability: number): void => {
    if (probability === 0) return;
    if (depth === groups.length) {
      if (!serviceUp(model.services, service, up)) return;
      availability += probability;
      for (const position of involved) {
        if (up[position] === 0) continue;
        up[position] = 0;
        if (!serviceUp(model.services, service, up)) {
          failureFrequency += probability / model.components[position].failure!.mttf;
        }
        up[position] = 1;
      }
      return;
    }
    const group = groups[depth];
    for (const state of group.states) {
      group.members.forEach((position, bit) => {
        up[position] = state.downMask & (1 << bit) ? 0 : 1;
      });
      visit(depth + 1, probability * state.probability);
    }
    for (const position of group.members) up[position] = 1;
  };
  visit(0, 1);
  return { availability: Math.min(1, availability), failureFrequency };
}

/** Too many states to list: independent members, each used once, still compose by k-of-n. */
function independentTreeValue(
  model: AvailabilityModel,
  components: (AnalyticValue | null)[],
  index: number,
  crews: number,
): AnalyticValue {
  const seen = new Set<number>();
  let reused = false;
  const value = (service: number): number => {
    const { members, needs } = model.services[service];
    const availabilities = members.map((member) => {
      if (member.kind === 'service') return value(member.index);
      reused ||= seen.has(member.index);
      seen.add(member.index);
      return components[member.index]?.availability ?? 1;
    });
    return kOfNAvailability(availabilities, needs);
  };
  const availability = value(index);
  if (crews > 0 || reused) {
    return {
      availability: null,
      mttf: null,
      mttr: null,
      method: 'no analytic value: too many dependent components to enumerate their joint states',
    };
  }
  return {
    availability,
    mttf: null,
    mttr: null,
    method: 'k of n over independent members, composed level by level',
  };
}

function methodOf(
  model: AvailabilityModel,
  components: (AnalyticValue | null)[],
  index: number,
  crew: boolean,
): string {
  const { members, needs } = model.services[index];
  const shape =
    needs === members.length ? 'series' : needs === 1 ? 'parallel' : `${needs} of ${members.length}`;
  if (crew) return `${shape}: exact over the stationary states of the shared crew's Markov chain`;
  const flatIdentical =
    members.every((member) => member.kind === 'component') &&
    members.every(
      (member) => components[member.index]?.availability === components[members[0].index]?.availability,
    );
  if (flatIdentical && needs !== members.length && needs !== 1) {
    return `${shape}, independent repair: Σ_{j≥k} C(n,j) A^j (1-A)^(n-j)`;
  }
  if (shape === 'series') return 'series, independent repair: Π A_i';
  if (shape === 'parallel') return 'parallel, independent repair: 1 - Π (1 - A_i)';
  return `${shape} over independent members (exact enumeration of their states)`;
}
