/** Flows named in one line of why they have no prediction; the rest are counted. */
const NAMED_FLOWS = 5;

/**
 * The flows without a prediction, grouped by why (a thousand flows sharing a tree's links make
 * one line, not a thousand), in the order their reasons first appear: "no formula for f: …",
 * "no formula for f1, f2, f3, f4, f5 and 995 more flows: …". Shared by the terminal and report.html.
 */
export function noTheoryLines(noTheory: Readonly<Record<string, string>> | undefined): string[] {
  const flowsByReason = new Map<string, string[]>();
  for (const [flow, reason] of Object.entries(noTheory ?? {})) {
    const flows = flowsByReason.get(reason) ?? [];
    flows.push(flow);
    flowsByReason.set(reason, flows);
  }
  return [...flowsByReason].map(([reason, flows]) => {
    const named = flows.slice(0, NAMED_FLOWS).join(', ');
    const more = flows.length - NAMED_FLOWS;
    // "no formula for f, g, each: its link ..." reads right whichever flow "its" names.
    const each = flows.length > 1 ? ', each' : '';
    return `no formula for ${more > 0 ? `${named} and ${more} more flows` : named}${each}: ${reason}`;
  });
}
