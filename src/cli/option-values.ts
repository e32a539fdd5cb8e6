/**
 * What each option of msgsim takes, in the words of its messages: `--seed expects a whole number
 * from 0 to 9007199254740991, got '-1'`, and, where nothing follows it on the command line,
 * `--seed expects ..., got nothing`.
 */

/** More replications than this say nothing new and only fill memory with task lists. */
export const MAX_REPLICATIONS = 10_000;

const INDEX = `a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`;

/** The value each option that takes one expects, by its name as written without dashes. */
export const OPTION_VALUES: Readonly<Record<string, string>> = {
  seed: INDEX,
  replication: INDEX,
  replications: `a whole number from 1 to ${MAX_REPLICATIONS}`,
  jobs: 'a whole number of at least 1',
  'max-events': 'a whole number of at least 1',
  out: 'a folder name',
  set: 'path=value, like flows[0].workload.messages=100',
  vary: 'path=value1,value2,..., like links[0].loss=0,0.1',
  param: 'path=values, a comma list or a range from:to:step, like links[0].loss=0:0.2:0.05',
};

/** `--name expects ...`: what the option takes, or `a value` for one not in OPTION_VALUES. */
export function expects(name: string): string {
  return `--${name} expects ${OPTION_VALUES[name] ?? 'a value'}`;
}
