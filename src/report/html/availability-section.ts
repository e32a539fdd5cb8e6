/** Availability A = MTTF / (MTTF + MTTR) per node, failing link and replicated service. */
import type { NodeAvailability, ServiceAvailability, Summary } from '../../metrics/summary.js';
import { measuredAvailabilityText, periodWithInterval } from '../availability-summary-lines.js';
import { formatReasons, formatSeconds, formatSignificant } from '../format-numbers.js';
import { type HtmlValue, html, type SafeHtml } from './html.js';
import { type Column, table } from './table.js';

const COLUMNS: Column[] = [
  { heading: 'component' },
  { heading: 'analytic A', numeric: true },
  { heading: 'measured A (95% CI)', numeric: true },
  { heading: 'observed MTTF (95% CI)', numeric: true },
  { heading: 'observed MTTR (95% CI)', numeric: true },
  { heading: 'cycles', numeric: true },
  { heading: 'how / notes' },
];

function analyticText(availability: NodeAvailability, isService: boolean): string {
  if (availability.analytic !== null) return formatSignificant(availability.analytic);
  return isService || availability.analyticMethod ? 'none' : 'no failure process';
}

/** The method (how the analytic value was found, or why there is none), analytic MTTF/MTTR of a service, the note. */
function notes(availability: NodeAvailability, isService: boolean): string {
  const parts: string[] = [];
  if (availability.analyticMethod) parts.push(availability.analyticMethod);
  if (isService && availability.analyticMttf != null && availability.analyticMttr != null) {
    parts.push(
      `analytic MTTF ${formatSeconds(availability.analyticMttf)}, MTTR ${formatSeconds(availability.analyticMttr)}`,
    );
  }
  if (availability.note) parts.push(availability.note);
  return parts.join('; ');
}

function row(label: HtmlValue, availability: NodeAvailability, isService = false): HtmlValue[] {
  return [
    label,
    analyticText(availability, isService),
    measuredAvailabilityText(availability),
    periodWithInterval(availability.observedMttf, availability.observedMttfCi95),
    periodWithInterval(availability.observedMttr, availability.observedMttrCi95),
    availability.cycles,
    notes(availability, isService),
  ];
}

function serviceLabel(id: string, service: ServiceAvailability): SafeHtml {
  return html`service ${id}<br><small>${service.needs} of ${service.members.length}: ${service.members.join(', ')}</small>`;
}

/** The request-level success of each service's requests, as list items. */
function requestItems(services: Record<string, ServiceAvailability>): SafeHtml[] {
  return Object.entries(services)
    .filter(([, service]) => service.requests.flows.length > 0)
    .map(([id, { requests }]) => {
      const ratio = requests.successRatio === null ? 'n/a' : formatSignificant(requests.successRatio);
      return html`<li>service ${id} (flows ${requests.flows.join(', ')}): ${requests.succeeded} of ${requests.requests} requests succeeded, success ratio ${ratio}; failed: ${formatReasons(requests.failed)}</li>\n`;
    });
}

/**
 * The availability table: a row per node, per link in the summary and per service (analytic,
 * measured with its 95% interval, observed MTTF and MTTR with theirs, completed cycles, method
 * and notes), then the request success ratio of each service. Empty without nodes.
 */
export function availabilitySection(availability: Summary['availability']): SafeHtml {
  const nodes = Object.entries(availability.nodes);
  if (nodes.length === 0) return html``;
  const services = availability.services ?? {};
  const rows = [
    ...nodes.map(([id, node]) => row(id, node)),
    ...Object.entries(availability.links ?? {}).map(([id, link]) => row(`link ${id}`, link)),
    ...Object.entries(services).map(([id, service]) => row(serviceLabel(id, service), service, true)),
  ];
  const requests = requestItems(services);
  return html`<section id="availability">
<h2>Availability</h2>
<p class="formula"><var>A</var> = MTTF / (MTTF + MTTR)</p>
<p>Analytic: from the configured failure and repair distributions. Measured: the share of the measured time the component was up, with a 95% confidence interval from its completed failure cycles (none with fewer than two).</p>
${table(COLUMNS, rows)}${requests.length > 0 && html`<ul>\n${requests}</ul>\n`}</section>
`;
}
