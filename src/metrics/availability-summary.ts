/**
 * The availability section of a run's results: per node, link and replicated service, the
 * analytic steady-state value beside the measured up-time fraction with its 95% interval, the
 * observed MTTF and MTTR with theirs, the failure cycles observed, a note when they are too few,
 * and for services the request-level success ratio.
 */
import type { AvailabilityModel } from '../faults/availability-model.js';
import { type AnalyticValue, analyticAvailability } from './availability-analytic.js';
import type { AvailabilityTracker, CycleSums } from './availability-tracker.js';
import type { MetricsCollector } from './collector.js';
import { tQuantile975 } from './stats.js';
import type {
  AvailabilityCurve,
  ConfidenceInterval,
  NodeAvailability,
  NodeTimeline,
  ServiceAvailability,
  Summary,
} from './summary.js';

/** Fewer completed failure cycles than this and the measured value is flagged as not yet meaningful. */
export const MIN_MEANINGFUL_CYCLES = 30;
/** The target of the run-length advice: a 95% interval within ±10% of the unavailability. */
export const TARGET_RELATIVE_HALF_WIDTH = 0.1;
const Z_95 = 1.959963984540054;

/** What the availability section needs besides the collected data. */
export interface AvailabilityContext {
  nodeIds: readonly string[];
  flowIds: readonly string[];
  endSeconds: number;
  /** The configured fault model; without it only nodes are summarised, from `nodeAnalytic`. */
  model?: AvailabilityModel;
  /** Per replicated service, the flows whose messages are requests to it. */
  flowsOfService?: readonly (readonly number[])[];
  /** Analytic availability per node when there is no model (null: no failure process). */
  nodeAnalytic: readonly (number | null)[];
  /** Per node, scripted faults after the end of the run (see SummaryContext). */
  unplayedFaults?: readonly (readonly string[])[];
}

/** Availability of every node, of every link that can fail or went down, and of every service. */
export function availabilitySummary(
  collector: MetricsCollector,
  context: AvailabilityContext,
): Summary['availability'] {
  const { model } = context;
  const analytic = model ? analyticAvailability(model) : null;
  const nodeValue = (index: number): AnalyticValue | null => {
    if (analytic) return analytic.components[index];
    const value = context.nodeAnalytic[index];
    return value === null
      ? null
      : { availability: value, mttf: null, mttr: null, method: 'MTTF / (MTTF + MTTR)' };
  };
  const nodes: Record<string, NodeAvailability> = {};
  context.nodeIds.forEach((id, index) => {
    nodes[id] = entry(collector.availability, index, context.endSeconds, nodeValue(index));
    const unplayed = context.unplayedFaults?.[index] ?? [];
    if (unplayed.length > 0) {
      // Without it "MTTR n/a" reads as a repair that never came, not one the run did not reach.
      const note =
        `the run ended at ${Number(context.endSeconds.toPrecision(6))} s, before its scripted ` +
        `${unplayed.join(', ')}: the figures stop there (a run without a duration ends when every flow has finished)`;
      nodes[id].note = nodes[id].note ? `${note}; ${nodes[id].note}` : note;
    }
  });
  if (!model || !analytic) return { nodes, links: {}, services: {} };
  const nodeCount = context.nodeIds.length;
  // Only links that can fail or went down: a topology of thousands of links that never fail
  // would fill the results with entries of A = 1.
  const links: Record<string, NodeAvailability> = {};
  model.components.slice(nodeCount).forEach((component, index) => {
    const value = analytic.components[nodeCount + index];
    if (value === null && collector.linkAvailability.snapshot(index, context.endSeconds).failures === 0)
      return;
    links[component.id] = entry(collector.linkAvailability, index, context.endSeconds, value);
  });
  const services: Record<string, ServiceAvailability> = {};
  model.services.forEach((service, index) => {
    const flows = context.flowsOfService?.[index] ?? [];
    const counts = collector.serviceRequests.counts[index];
    services[service.id] = {
      members: service.members.map((member) =>
        member.kind === 'component' ? model.components[member.index].id : model.services[member.index].id,
      ),
      needs: service.needs,
      ...entry(collector.serviceAvailability, index, context.endSeconds, analytic.services[index], true),
      requests: {
        flows: flows.map((flow) => context.flowIds[flow]),
        requests: counts.requests,
        succeeded: counts.succeeded,
        failed: { ...counts.failed },
        successRatio: counts.requests > 0 ? counts.succeeded / counts.requests : null,
      },
    };
  });
  return { nodes, links, services };
}

/** Up/down periods of links and services, and the running availability of each service. */
export function availabilityTimelines(
  collector: MetricsCollector,
  context: AvailabilityContext,
  services: Record<string, ServiceAvailability>,
): { linkTimelines: NodeTimeline[]; serviceTimelines: NodeTimeline[]; serviceCurves: AvailabilityCurve[] } {
  const model = context.model;
  if (!model) return { linkTimelines: [], serviceTimelines: [], serviceCurves: [] };
  const links = model.components.slice(context.nodeIds.length);
  return {
    linkTimelines: links.map((link, index) =>
      collector.linkAvailability.timeline(index, link.id, context.endSeconds),
    ),
    serviceTimelines: model.services.map((service, index) =>
      collector.serviceAvailability.timeline(index, service.id, context.endSeconds),
    ),
    serviceCurves: model.services.map((service, index) => ({
      service: service.id,
      analytic: services[service.id]?.analytic ?? null,
      points: collector.serviceAvailability.curve(index, context.endSeconds),
    })),
  };
}

function entry(
  tracker: AvailabilityTracker,
  index: number,
  endSeconds: number,
  analytic: AnalyticValue | null,
  isService = false,
): NodeAvailability {
  const snapshot = tracker.snapshot(index, endSeconds);
  const total = snapshot.upSeconds + snapshot.downSeconds;
  // A run that ended where its measured interval starts says nothing about being up.
  const measured = total > 0 ? snapshot.upSeconds / total : null;
  const result: NodeAvailability = {
    analytic: analytic?.availability ?? null,
    measured,
    observedMttf: snapshot.upPeriods.count > 0 ? snapshot.upPeriods.mean : null,
    observedMttr: snapshot.downPeriods.count > 0 ? snapshot.downPeriods.mean : null,
    observedMttfCi95: snapshot.upPeriods.ci95(),
    observedMttrCi95: snapshot.downPeriods.ci95(),
    // The same count the note and the interval are based on: whole cycles after the warm-up.
    cycles: snapshot.cycles.count,
    upSeconds: snapshot.upSeconds,
    downSeconds: snapshot.downSeconds,
    measuredCi95: measured === null ? null : measuredInterval(measured, snapshot.cycles),
    analyticMttf: analytic?.mttf ?? null,
    analyticMttr: analytic?.mttr ?? null,
    analyticMethod: analytic?.method ?? null,
  };
  // Only a random failure process has a steady state the cycles estimate; scripted outages
  // are what they are, however few.
  const fails = analytic !== null;
  const notes: string[] = [];
  if (fails && snapshot.cycles.count < MIN_MEANINGFUL_CYCLES) {
    notes.push(tooFewCyclesNote(snapshot.cycles.count, result, total, isService));
  }
  if (analytic?.caveat) notes.push(analytic.caveat);
  if (notes.length > 0) result.note = notes.join('; ');
  return result;
}

/**
 * The regenerative (ratio) estimator's 95% interval: with cycles i of up time U_i and length
 * C_i, Â = Ū/C̄ and Var(Â) ≈ S²(U - ÂC) / (n C̄²), where S²(U - ÂC) = S²_U - 2Â S_UC + Â² S²_C;
 * centred on the measured up-time fraction.
 */
function measuredInterval(measured: number, cycles: CycleSums): ConfidenceInterval | null {
  const n = cycles.count;
  if (n < 2) return null;
  const ratio = cycles.meanUp / cycles.meanCycle;
  const squares = cycles.upSquares - 2 * ratio * cycles.upCycleProducts + ratio * ratio * cycles.cycleSquares;
  const variance = Math.max(0, squares) / (n - 1);
  const half = (tQuantile975(n - 1) * Math.sqrt(variance / n)) / cycles.meanCycle;
  return [Math.max(0, measured - half), Math.min(1, measured + half)];
}

/**
 * For exponential up and down times the time-average availability over T has variance
 * 2·MTTF²·MTTR²/(MTTF+MTTR)³ / T, so a 95% interval of ±r·U needs (1.96/r)²·2·A² cycles
 * (≈ 768 at A ≈ 1 and r = 10%), each of mean length MTTF + MTTR.
 */
function tooFewCyclesNote(
  observed: number,
  entry: NodeAvailability,
  measuredSeconds: number,
  isService: boolean,
): string {
  const availability = entry.analytic ?? entry.measured ?? 1;
  const cycles = Math.ceil((Z_95 / TARGET_RELATIVE_HALF_WIDTH) ** 2 * 2 * availability ** 2);
  const cycleSeconds =
    entry.analyticMttf !== null && entry.analyticMttf !== undefined && entry.analyticMttr != null
      ? entry.analyticMttf + entry.analyticMttr
      : entry.cycles > 0
        ? measuredSeconds / entry.cycles
        : null;
  const length =
    cycleSeconds === null
      ? ''
      : `, a measured interval of about ${formatLongDuration(cycles * cycleSeconds)}`;
  const what = isService ? 'service failure cycles' : 'failure cycles';
  return (
    `only ${observed} complete ${observed === 1 ? what.replace(/cycles$/, 'cycle') : what} observed ` +
    `(fewer than ${MIN_MEANINGFUL_CYCLES}): the measured ` +
    'availability and observed MTTF/MTTR are not yet meaningful; a 95% interval within ±10% of the ' +
    `unavailability needs about ${cycles} cycles${length} (exponential times assumed)`
  );
}

/** "3.27e+9 s (104 y)": seconds, with the largest fitting of y, d, h. */
export function formatLongDuration(seconds: number): string {
  const units: Array<[string, number]> = [
    ['y', 365 * 86400],
    ['d', 86400],
    ['h', 3600],
  ];
  const unit = units.find(([, size]) => seconds >= size);
  const plain = `${seconds.toPrecision(3)} s`;
  return unit ? `${plain} (${Number((seconds / unit[1]).toPrecision(3))} ${unit[0]})` : plain;
}
