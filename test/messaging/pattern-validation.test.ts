import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario/load.js';
import { runCli } from '../helpers/cli.js';
import { issueAt, issuesOf } from '../scenario/issues.js';

/** A valid request-reply scenario; each test breaks one thing. */
const BASE = `name: patterns
nodes: [{ id: a }, { id: b }, { id: c }, { id: lonely }]
links:
  - { between: [a, b], bandwidth: 1Gbps }
  - { between: [b, c], bandwidth: 1Gbps }
groups:
  - { id: far, members: [c] }
flows:
  - from: a
    to: b
    workload: { messages: 10 }
    pattern: { kind: request-reply, mode: sync }
`;

const issuesIn = (text: string) => issuesOf(() => parseScenarioText(text, 'p.yaml'));

describe('validation of request-reply and broadcast keys', () => {
  it('accepts the valid base', () => {
    expect(parseScenarioText(BASE, 'p.yaml').flows[0].pattern?.mode).toBe('sync');
  });

  it('refuses a rate for a sync client, at the workload key, with its line', () => {
    const issue = issueAt(
      issuesIn(BASE.replace('workload: { messages: 10 }', 'workload: { messages: 10, rate: 5 }')),
      'flows[0].workload.rate',
    );
    expect(issue).toMatchObject({ line: 11, column: 37 });
    expect(issue.message).toMatch(/sync client .* mode: async/);
  });

  it('refuses maxOutstanding in sync mode and think time in async mode', () => {
    expect(
      issueAt(
        issuesIn(BASE.replace('mode: sync }', 'mode: sync, maxOutstanding: 4 }')),
        'flows[0].pattern.maxOutstanding',
      ).message,
    ).toMatch(/maxOutstanding is for mode: async/);
    expect(
      issueAt(issuesIn(BASE.replace('mode: sync }', 'mode: async, think: 1ms }')), 'flows[0].pattern.think')
        .message,
    ).toMatch(/think time .* mode: sync/);
  });

  it('names the allowed values of mode and kind, and refuses unknown keys and bad numbers', () => {
    expect(
      issueAt(issuesIn(BASE.replace('mode: sync', 'mode: blocking')), 'flows[0].pattern.mode').message,
    ).toBe("expected one of: sync, async, got string 'blocking'");
    expect(
      issueAt(issuesIn(BASE.replace('kind: request-reply', 'kind: rpc')), 'flows[0].pattern.kind').message,
    ).toMatch(/unknown kind 'rpc' \(expected one of: request-reply\)/);
    expect(
      issueAt(issuesIn(BASE.replace('mode: sync }', 'mode: sync, retry: 2 }')), 'flows[0].pattern.retry')
        .message,
    ).toBe(
      "unknown key 'retry' (expected one of: kind, mode, replySize, timeout, retries, maxOutstanding, think)",
    );
    expect(
      issueAt(issuesIn(BASE.replace('mode: sync }', 'mode: sync, timeout: 0s }')), 'flows[0].pattern.timeout')
        .message,
    ).toMatch(/greater than 0/);
    expect(
      issueAt(
        issuesIn(BASE.replace('mode: sync }', 'mode: async, maxOutstanding: 0 }')),
        'flows[0].pattern.maxOutstanding',
      ),
    ).toBeDefined();
  });

  it('refuses a broadcast request-reply, an unknown group, a group of only the sender, unreachable members', () => {
    expect(
      issueAt(issuesIn(BASE.replace('to: b', 'to: { broadcast: all }')), 'flows[0].pattern').message,
    ).toMatch(/goes to one node/);
    const broadcast = BASE.replace(/ {4}pattern: .*\n/, '');
    expect(
      issueAt(issuesIn(broadcast.replace('to: b', 'to: { broadcast: near }')), 'flows[0].to.broadcast')
        .message,
    ).toBe("unknown group 'near' (expected one of: all, far)");
    expect(
      issueAt(
        issuesIn(broadcast.replace('from: a', 'from: c').replace('to: b', 'to: { broadcast: far }')),
        'flows[0].to.broadcast',
      ).message,
    ).toBe("group 'far' has no node other than the sender 'c'");
    expect(
      issueAt(issuesIn(broadcast.replace('to: b', 'to: { broadcast: all }')), 'flows[0].to.broadcast')
        .message,
    ).toBe("no path from 'a' to 'lonely': no chain of links joins them");
  });

  it('refuses a group named all, duplicate groups and unknown members', () => {
    const issues = issuesIn(
      BASE.replace(
        '  - { id: far, members: [c] }',
        '  - { id: all, members: [c] }\n  - { id: g, members: [x] }\n  - { id: g, members: [c] }',
      ),
    );
    expect(issueAt(issues, 'groups[0].id').message).toMatch(/reserved/);
    expect(issueAt(issues, 'groups[1].members[0]').message).toMatch(/unknown node 'x'/);
    expect(issueAt(issues, 'groups[2].id').message).toBe("duplicate group id 'g'");
  });

  it('msgsim validate exits 2 with file:line:column for a bad pattern key', async () => {
    const result = await runCli(['validate', 'test/fixtures/bad-pattern.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'test/fixtures/bad-pattern.yaml:10:65: flows[0].pattern.maxOutstanding: a sync client has one request outstanding: maxOutstanding is for mode: async\n',
    );
  });
});
