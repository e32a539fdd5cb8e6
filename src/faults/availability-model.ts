/**
 * The configured fault model as the analytic availability sees it: which components fail at
 * random (with the means of their distributions), which share a repair crew, and how replicated
 * services are built from them. Plain data, made while the simulation is built.
 */
export interface AvailabilityModel {
  /** Every node, then every link, in scenario order. */
  components: AvailabilityComponent[];
  /** Shared repair crews; members are positions in `components`. */
  crews: Array<{ id: string; members: number[] }>;
  /** Replicated services, in declaration order (a member service is declared before its user). */
  services: ServiceModel[];
}

export interface AvailabilityComponent {
  kind: 'node' | 'link';
  id: string;
  /** Node index or link index. */
  index: number;
  /** Means of the failure process (s); null when the component never fails at random. */
  failure: {
    mttf: number;
    mttr: number;
    /** Both distributions are exponential (the Markov chain of a shared crew is exact then). */
    exponential: boolean;
  } | null;
  /** Position of its shared repair crew in `crews`, or null when it is repaired on its own. */
  crew: number | null;
}

/** A member of a service: a component (node or link) or an earlier service. */
export type ServiceMember = { kind: 'component'; index: number } | { kind: 'service'; index: number };

/** Up while at least `needs` of its members are up (series: needs = n; parallel: needs = 1). */
export interface ServiceModel {
  id: string;
  members: ServiceMember[];
  needs: number;
}
