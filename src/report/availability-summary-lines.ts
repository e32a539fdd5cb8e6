/** The availability section of the terminal summary: nodes, links and replicated services. */
import type { NodeAvailability, ServiceAvailability, Summary } from '../metrics/summary.js';
import { formatSeconds, formatSignificant, formatWithInterval } from './format-numbers.js';

const INDENT = '  ';
const PLAIN_METHOD = 'MTTF / (MTTF + MTTR)';

/** "1.00343 h (95% CI 50.0000 min to 1.20000 h)", or why there is no value. */
export function periodWithInterval(mean: number | null, ci: [number, number] | null): string {
  if (mean === null) return 'n/a (no completed period)';
  return formatWithInterval(mean, ci, (seconds) => formatSeconds(seconds));
}

/** The measured availability with its interval, or why there is none (shared with report.html). */
export function measuredAvailabilityText(availability: NodeAvailability): string {
  if (availability.measured === null) return NOTHING_MEASURED;
  return formatWithInterval(availability.measured, availability.measuredCi95, (value) =>
    formatSignificant(value),
  );
}

/** What a run that ended where its measured interval starts shows for a measured availability. */
const NOTHING_MEASURED = 'n/a (no time measured)';

function measuredText(availability: NodeAvailability): string {
  return `measured ${measuredAvailabilityText(availability)}`;
}

/** The lines of one node, link or service. */
function componentLines(label: string, availability: NodeAvailability, isService = false): string[] {
  const analytic =
    availability.analytic === null
      ? isService || availability.analyticMethod
        ? 'no analytic value'
        : 'no failure process'
      : `analytic ${formatSignificant(availability.analytic)}`;
  const cycles = `${availability.cycles} cycle${availability.cycles === 1 ? '' : 's'}`;
  const lines = [`${INDENT}${label}: ${analytic}, ${measuredText(availability)}, ${cycles}`];
  const deeper = `${INDENT}${INDENT}`;
  const method = availability.analyticMethod;
  if (method && (isService || method !== PLAIN_METHOD)) {
    // Without a value the method says why there is none; with one, how it was computed.
    lines.push(`${deeper}${availability.analytic === null ? method : `analytic by ${method}`}`);
  }
  if (availability.observedMttf !== null || availability.observedMttr !== null) {
    lines.push(
      `${deeper}observed MTTF ${periodWithInterval(availability.observedMttf, availability.observedMttfCi95)}, ` +
        `MTTR ${periodWithInterval(availability.observedMttr, availability.observedMttrCi95)}`,
    );
  }
  if (isService && availability.analyticMttf != null && availability.analyticMttr != null) {
    lines.push(
      `${deeper}analytic MTTF ${formatSeconds(availability.analyticMttf)}, ` +
        `MTTR ${formatSeconds(availability.analyticMttr)}`,
    );
  }
  if (availability.note) lines.push(`${deeper}note: ${availability.note}`);
  return lines;
}

function requestLines(service: ServiceAvailability): string[] {
  const { requests } = service;
  if (requests.flows.length === 0) return [];
  const failed = Object.entries(requests.failed)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  const ratio = requests.successRatio === null ? 'n/a' : formatSignificant(requests.successRatio);
  return [
    `${INDENT}${INDENT}requests (flows ${requests.flows.join(', ')}): ${requests.succeeded} of ` +
      `${requests.requests} succeeded, success ratio ${ratio}; failed: ${failed === '' ? 'none' : failed}`,
  ];
}

/**
 * The availability section: per node (analytic and measured with its 95% interval, cycles,
 * observed MTTF and MTTR with intervals, notes), per link in the summary (those that can fail
 * or went down), and per replicated service
 * (k of n, the analytic method, analytic MTTF/MTTR, request-level success ratio). Empty when
 * there are no nodes.
 */
export function availabilityLines(availability: Summary['availability']): string[] {
  const nodes = Object.entries(availability.nodes);
  if (nodes.length === 0) return [];
  const lines = ['Availability (A = MTTF / (MTTF + MTTR))'];
  for (const [id, node] of nodes) lines.push(...componentLines(id, node));
  for (const [id, link] of Object.entries(availability.links ?? {})) {
    lines.push(...componentLines(`link ${id}`, link));
  }
  for (const [id, service] of Object.entries(availability.services ?? {})) {
    const shape = `${service.needs} of ${service.members.length}: ${service.members.join(', ')}`;
    lines.push(...componentLines(`service ${id} (${shape})`, service, true), ...requestLines(service));
  }
  return lines;
}
