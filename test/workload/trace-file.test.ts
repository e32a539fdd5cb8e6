import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSendTrace } from '../../src/workload/trace-file.js';

const issuesOf = (text: string) => {
  const parsed = parseSendTrace(text);
  if (parsed.ok) throw new Error('expected the trace to be refused');
  return parsed.issues.map((issue) => `${issue.line ?? '-'}: ${issue.message}`);
};

describe('parseSendTrace', () => {
  it('reads one send time per line: bare seconds or with a unit; blank lines, comments and a header skipped', () => {
    const parsed = parseSendTrace('# recorded 2024\ntime\n\n0\n0.5\n  750ms \r\n750ms\n2s\n# end\n');
    expect(parsed).toEqual({ ok: true, trace: { timesSeconds: [0, 0.5, 0.75, 0.75, 2] } });
  });

  it('reads a size column: bare bytes or with a unit, with or without the header time,size', () => {
    expect(parseSendTrace('time, size\n0, 100\n1ms,1KiB\n')).toEqual({
      ok: true,
      trace: { timesSeconds: [0, 0.001], sizesBytes: [100, 1024] },
    });
    expect(parseSendTrace('0,1500B\n')).toEqual({
      ok: true,
      trace: { timesSeconds: [0], sizesBytes: [1500] },
    });
  });

  it("reads the README's example, comments after values included", () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = /```\n(# a recorded run[^`]*)```/.exec(readme);
    expect(example).not.toBeNull();
    expect(parseSendTrace(example![1])).toEqual({
      ok: true,
      trace: { timesSeconds: [0, 0.012, 0.012, 1.5], sizesBytes: [1500, 40, 40, 9216] },
    });
  });

  it('refuses non-numbers, negative and decreasing times, naming the line', () => {
    expect(issuesOf('0\nsoon\n-1\n2\n1.5\n')).toEqual([
      "2: send time: expected a non-negative time such as '15ms' (a bare number is in s), got 'soon'",
      "3: send time: expected a non-negative time such as '15ms' (a bare number is in s), got a negative value -1",
      '5: send times must not decrease: 1.5 (1.5 s) comes after 2 s on line 4',
    ]);
    expect(issuesOf('0,10B\n1,lots\n')).toEqual([
      "2: size: expected a non-negative size such as '1500B' (a bare number is in B), got 'lots'",
    ]);
  });

  it('refuses lines whose columns differ from the first, and more than two columns', () => {
    expect(issuesOf('0\n1,100\n')).toEqual(["2: expected the columns time, got '1,100'"]);
    expect(issuesOf('time,size\n2\n')).toEqual(["2: expected a line time,size, got '2'"]);
    expect(issuesOf('0,1,2\n')).toEqual(["1: expected the columns time or time,size, got '0,1,2'"]);
  });

  it('refuses a file without send times', () => {
    expect(issuesOf('# nothing yet\n\ntime\n')).toEqual(['-: expected at least one send time, found none']);
  });

  it('names the first five bad lines and counts the rest', () => {
    const text = ['0', ...Array.from({ length: 8 }, (_, i) => `x${i}`)].join('\n');
    const issues = issuesOf(text);
    expect(issues).toHaveLength(6);
    expect(issues[0]).toMatch(/^2: send time: .*'x0'$/);
    expect(issues[4]).toMatch(/^6: send time: .*'x4'$/);
    expect(issues[5]).toBe('-: 3 more bad lines after these');
  });
});
