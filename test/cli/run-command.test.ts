import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { textOf } from '../report/html/page-text.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'msgsim-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function captured() {
  const io = { out: '', err: '' };
  return {
    io,
    cli: {
      stdout: (text: string) => {
        io.out += text;
      },
      stderr: (text: string) => {
        io.err += text;
      },
      isTerminal: false,
    },
  };
}

const lossy = path.resolve('scenarios/lossy-link.yaml');

describe('msgsim run', () => {
  it('runs the textbook scenario, prints T and U, and writes the result files', async () => {
    const { io, cli } = captured();
    const out = path.join(scratch, 'textbook');
    const code = await main(['run', 'scenarios/stop-and-wait-1g.yaml', '--out', out], cli);
    expect(code, io.err).toBe(0);
    expect(io.out).toContain('T = N / t = 1000 / 30.0080 s = 33.3244 messages/s');
    expect(io.out).toContain('sender utilisation 0.000266596');
    expect(readdirSync(out).sort()).toEqual([
      'latency-breakdown.png',
      'latency-distribution.png',
      'report.html',
      'summary.json',
      'throughput.png',
      'timeseries.csv',
    ]);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.throughput.messagesPerSecond).toBeCloseTo(33.32444681, 6);
    expect(summary.interval).toEqual({ from: 0, to: expect.closeTo(30.008, 9) });
  });

  it('writes a byte-identical summary.json and report.html for the same seed, and different ones for another seed', async () => {
    const runOnce = async (name: string, seed: string) => {
      const out = path.join(scratch, name);
      const { io, cli } = captured();
      const code = await main(
        [
          'run',
          lossy,
          '--no-charts',
          '--quiet',
          '--seed',
          seed,
          '--out',
          out,
          '--set',
          'flows[0].workload.messages=2000',
        ],
        cli,
      );
      expect(code, io.err).toBe(0);
      return [
        readFileSync(path.join(out, 'summary.json'), 'utf8'),
        readFileSync(path.join(out, 'report.html'), 'utf8'),
      ];
    };
    const [first, firstReport] = await runOnce('a', '7');
    const [second, secondReport] = await runOnce('b', '7');
    const [other, otherReport] = await runOnce('c', '8');
    expect(second).toBe(first);
    expect(secondReport).toBe(firstReport);
    expect(other).not.toBe(first);
    expect(otherReport).not.toBe(firstReport);
    expect(JSON.parse(other).counts.retransmissions).not.toBe(JSON.parse(first).counts.retransmissions);
    expect(JSON.parse(first).seed).toBe(7);
    // The page says how to repeat the run, and charts were off.
    expect(firstReport).toContain(
      `msgsim run ${lossy} --seed 7 --set &#39;flows[0].workload.messages=2000&#39;`,
    );
    expect(firstReport).not.toContain('<img');
    expect(firstReport).toContain('<code>--no-charts</code>');
  });

  it('prints in report.html a command that gives the page again byte for byte, with every option that changes it', async () => {
    /** The command the page prints, as the words a POSIX shell makes of it (after `msgsim`). */
    const printedCommand = (report: string): string[] => {
      const [, code] = /<pre class="command"><code>([^<]*)<\/code><\/pre>/.exec(report) ?? [];
      const text = textOf(code);
      expect(text.startsWith('msgsim run ')).toBe(true);
      const shell = spawnSync('sh', ['-c', `set -- ${text.slice('msgsim '.length)}; printf '%s\\0' "$@"`], {
        encoding: 'utf8',
      });
      expect(shell.status, shell.stderr).toBe(0);
      return shell.stdout.split('\0').slice(0, -1);
    };
    const runWith = async (args: string[], out: string) => {
      const { io, cli } = captured();
      expect(await main([...args, '--quiet', '--out', out], cli), io.err).toBe(0);
      return readFileSync(path.join(out, 'report.html'));
    };
    const cases: Array<[name: string, options: string[]]> = [
      ['no-charts', ['--no-charts']],
      ['charts', []],
      // A raised limit the run did not need leaves the page as it is, and stays out of the command.
      ['limit', ['--no-charts', '--max-events', '300000000']],
      ['replication', ['--no-charts', '--replication', '2']],
    ];
    for (const [name, options] of cases) {
      const first = await runWith(
        [
          'run',
          'scenarios/lossy-link.yaml',
          '--seed',
          '3',
          '--set',
          'flows[0].workload.messages=20',
          '--set',
          "description=it's a test",
          ...options,
        ],
        path.join(scratch, `again-${name}-1`),
      );
      const command = printedCommand(first.toString('utf8'));
      expect(command).toEqual([
        'run',
        'scenarios/lossy-link.yaml',
        '--seed',
        '3',
        ...(options.includes('--replication') ? ['--replication', '2'] : []),
        '--set',
        'flows[0].workload.messages=20',
        '--set',
        "description=it's a test",
        ...(options.includes('--no-charts') ? ['--no-charts'] : []),
      ]);
      const again = await runWith(command, path.join(scratch, `again-${name}-2`));
      expect(again.equals(first), name).toBe(true);
    }
  });

  it('embeds in report.html each chart it writes, byte for byte, the same for the same seed', async () => {
    const runOnce = async (name: string) => {
      const out = path.join(scratch, name);
      const { io, cli } = captured();
      const args = ['run', 'scenarios/stop-and-wait-1g.yaml', '--quiet', '--out', out];
      expect(await main([...args, '--set', 'flows[0].workload.messages=5'], cli), io.err).toBe(0);
      return { out, report: readFileSync(path.join(out, 'report.html'), 'utf8') };
    };
    const { out, report } = await runOnce('charts-a');
    expect((await runOnce('charts-b')).report).toBe(report);
    const charts = readdirSync(out).filter((name) => name.endsWith('.png'));
    const embedded = [...report.matchAll(/<img src="data:image\/png;base64,([^"]*)"/g)].map(
      (match) => match[1],
    );
    expect(embedded).toHaveLength(charts.length);
    expect(charts.length).toBeGreaterThan(0);
    for (const name of charts) {
      expect(embedded).toContain(readFileSync(path.join(out, name)).toString('base64'));
      expect(report).toContain(`(${name})</span></figcaption>`);
    }
  });

  it('exits 2 with a located error and writes nothing for a bad scenario', async () => {
    const bad = path.join(scratch, 'bad.yaml');
    writeFileSync(
      bad,
      'name: bad\nnodes:\n  - id: a\n  - id: b\nlinks:\n  - between: [a, b]\n    bandwidth: 10 parsecs\n',
    );
    const out = path.join(scratch, 'bad-out');
    const { io, cli } = captured();
    const code = await main(['run', bad, '--out', out], cli);
    expect(code).toBe(2);
    expect(io.err).toMatch(/bad\.yaml:7:\d+: links\[0\]\.bandwidth: .*unknown bandwidth unit/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 and writes nothing when a --set breaks the file elsewhere, naming the --set', async () => {
    const out = path.join(scratch, 'renamed-out');
    const { io, cli } = captured();
    const code = await main(['run', lossy, '--out', out, '--set', 'nodes[0].id=renamed'], cli);
    expect(code).toBe(2);
    expect(io.err).toMatch(
      /lossy-link\.yaml:\d+:\d+: links\[0\]\.between\[0\]: unknown node .* \(after --set nodes\[0\]\.id=renamed\)/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 and writes nothing for a refused duration, with no fault measured against it', async () => {
    const file = path.join(scratch, 'zero.yaml');
    writeFileSync(
      file,
      'name: zero\nduration: 0s\nnodes: [{ id: a }, { id: b }]\nlinks: [{ between: [a, b], bandwidth: 1Mbps }]\n' +
        'faults: [{ at: 1ms, crash: b }]\n',
    );
    const out = path.join(scratch, 'zero-out');
    const { io, cli } = captured();
    const code = await main(['run', file, '--out', out, '--set', 'faults[0].at=366d'], cli);
    expect(code).toBe(2);
    expect(io.err).toBe(`${file}:2:11: duration: expected a time greater than 0, got 0s\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 for usage errors', async () => {
    expect(await main(['run'], captured().cli)).toBe(2);
    expect(await main(['run', lossy, '--seed', '-1'], captured().cli)).toBe(2);
    expect(await main(['frobnicate'], captured().cli)).toBe(2);
  });

  it('quotes a long option value by its start and its length, never whole', async () => {
    const refusal = async (...args: string[]) => {
      const { io, cli } = captured();
      expect(await main(args, cli)).toBe(2);
      return io.err;
    };
    const list = `[${Array.from({ length: 1000 }, (_, index) => index + 1).join(',')}]`;
    expect(await refusal('validate', lossy, '--set', `links[0].delay=${list}`)).toBe(
      `${lossy}: links[0].delay: expected a time (constant) or { dist: constant | uniform | exponential | ` +
        'normal | lognormal | weibull, ...parameters }, got a list (value from --set links[0].delay=' +
        '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23… (3894 characters in all))\n',
    );
    const digits = '7'.repeat(5000);
    expect(await refusal('run', lossy, '--seed', digits)).toBe(
      `msgsim: --seed expects a whole number from 0 to 9007199254740991, got '${'7'.repeat(60)}…' ` +
        "(5000 characters in all)\nRun 'msgsim --help' for usage.\n",
    );
    // So does list's kind, and yargs' own messages.
    expect(await refusal('list', 'x'.repeat(5000))).toContain(
      `unknown kind '${'x'.repeat(60)}…' (5000 characters in all): give one of transports, `,
    );
    expect(await refusal('run', lossy, `--${'y'.repeat(5000)}`)).toBe(
      `msgsim: Unknown argument: --${'y'.repeat(58)}… (5002 characters in all)\nRun 'msgsim --help' for usage.\n`,
    );
  });

  it('names an unknown option as written, once, and still takes --no-charts', async () => {
    const usage = async (...args: string[]) => {
      const { io, cli } = captured();
      expect(await main(args, cli)).toBe(2);
      return io.err.split('\n')[0];
    };
    // yargs read `--no-such` as the negation of an unknown `such`, and `--foo-bar` twice.
    expect(await usage('run', lossy, '--no-such')).toBe('msgsim: Unknown argument: --no-such');
    expect(await usage('run', lossy, '--foo-bar=1', '-x')).toBe('msgsim: Unknown arguments: --foo-bar, -x');
    expect(await usage('validate', lossy, '--no-quiet')).toBe('msgsim: Unknown argument: --no-quiet');
    const out = path.join(scratch, 'no-charts');
    const { io, cli } = captured();
    const args = [
      'run',
      lossy,
      '--no-charts',
      '--quiet',
      '--out',
      out,
      '--set',
      'flows[0].workload.messages=20',
    ];
    expect(await main(args, cli), io.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['report.html', 'summary.json', 'timeseries.csv']);
  });

  it('exits 2 naming the option, and writes nothing, when an option of one value is given twice', async () => {
    const out = path.join(scratch, 'given-twice');
    for (const [option, first, second] of [
      ['--seed', '1', '2'],
      ['--out', out, path.join(scratch, 'other')],
      ['--max-events', '1000', '2000'],
      ['--replication', '1', '2'],
    ]) {
      const { io, cli } = captured();
      const code = await main(['run', lossy, option, first, option, second, '--out', out], cli);
      expect(code, io.err).toBe(2);
      expect(io.err).toMatch(new RegExp(`^msgsim: ${option} was given (2|3) times \\('`));
      expect(io.err).not.toContain('internal error');
    }
    expect(existsSync(out)).toBe(false);
  });

  it('draws the random numbers of --replication N: the same seed and replication give a byte-identical summary.json', async () => {
    const runOnce = async (name: string, replication: string[]) => {
      const out = path.join(scratch, name);
      const { io, cli } = captured();
      const args = ['run', lossy, '--no-charts', '--quiet', '--seed', '7', ...replication, '--out', out];
      expect(await main([...args, '--set', 'flows[0].workload.messages=2000'], cli), io.err).toBe(0);
      return {
        summary: readFileSync(path.join(out, 'summary.json'), 'utf8'),
        report: readFileSync(path.join(out, 'report.html'), 'utf8'),
      };
    };
    const first = await runOnce('replication-2-a', ['--replication', '2']);
    const second = await runOnce('replication-2-b', ['--replication', '2']);
    const zero = await runOnce('replication-0', []);
    const zeroGiven = await runOnce('replication-0-given', ['--replication', '0']);
    expect(second.summary).toBe(first.summary);
    expect(second.report).toBe(first.report);
    // Replication 0 is the default, and another replication draws other losses.
    expect(zeroGiven.summary).toBe(zero.summary);
    expect(zero.summary).not.toBe(first.summary);
    const parsed = JSON.parse(first.summary);
    expect(JSON.parse(zero.summary).counts.retransmissions).not.toBe(parsed.counts.retransmissions);
    // summary.json records the index right after the seed.
    expect(Object.keys(parsed).slice(0, 4)).toEqual(['scenario', 'description', 'seed', 'replication']);
    expect(parsed).toMatchObject({ seed: 7, replication: 2 });
    expect(JSON.parse(zero.summary)).toMatchObject({ seed: 7, replication: 0 });
    // The page shows it and repeats it in its command; replication 0 needs no option.
    expect(first.report).toContain('<dt>Seed</dt><dd>7</dd>\n<dt>Replication</dt><dd>2</dd>');
    expect(first.report).toContain(
      `msgsim run ${lossy} --seed 7 --replication 2 --set &#39;flows[0].workload.messages=2000&#39; --no-charts`,
    );
    expect(zero.report).toContain(
      `msgsim run ${lossy} --seed 7 --set &#39;flows[0].workload.messages=2000&#39;`,
    );
    expect(zero.report).not.toContain('--replication');
  });

  it('prints the replication beside the seed in the terminal summary', async () => {
    const { io, cli } = captured();
    const out = path.join(scratch, 'replication-terminal');
    const args = ['run', lossy, '--no-charts', '--seed', '4', '--replication', '3', '--out', out];
    expect(await main([...args, '--set', 'flows[0].workload.messages=20'], cli), io.err).toBe(0);
    expect(io.out.split('\n')[0]).toBe('Scenario lossy-link (seed 4, replication 3)');
  });

  it('reads --replication and --seed alike: blanks around the digits and leading zeros are allowed', async () => {
    const { io, cli } = captured();
    const out = path.join(scratch, 'replication-written');
    const args = ['run', lossy, '--no-charts', '--seed', ' 04', '--replication', '03 ', '--out', out];
    expect(await main([...args, '--set', 'flows[0].workload.messages=20'], cli), io.err).toBe(0);
    expect(io.out.split('\n')[0]).toBe('Scenario lossy-link (seed 4, replication 3)');
  });

  it('exits 2 naming --replication and what it expects, and writes nothing, for a value that is no whole number of at least 0', async () => {
    const out = path.join(scratch, 'bad-replication');
    for (const value of ['-1', '1.5', 'abc', '', '9007199254740992']) {
      const { io, cli } = captured();
      const code = await main(['run', lossy, '--replication', value, '--out', out], cli);
      expect(code, value).toBe(2);
      expect(io.err.split('\n')[0]).toBe(
        `msgsim: --replication expects a whole number from 0 to 9007199254740991, got '${value}'`,
      );
      expect(io.out).toBe('');
    }
    const missing = captured();
    expect(await main(['run', lossy, '--out', out, '--replication'], missing.cli)).toBe(2);
    expect(missing.io.err).toBe(
      'msgsim: --replication expects a whole number from 0 to 9007199254740991, got nothing (it ends the ' +
        "command line)\nRun 'msgsim --help' for usage.\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  it('describes --replication in msgsim run --help', async () => {
    const printed: string[] = [];
    // yargs prints help with console.log.
    const log = vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
      printed.push(String(text));
    });
    try {
      expect(await main(['run', '--help'], captured().cli)).toBe(0);
    } finally {
      log.mockRestore();
    }
    // Whitespace folded: yargs wraps the description to the terminal's width.
    expect(printed.join(' ').replace(/\s+/g, ' ')).toContain(
      "--replication replication index, a whole number: the run draws the random numbers of replication N of msgsim compare or sweep (give the same --seed, and the variant's values as --set)",
    );
  });

  it('stops a run that cannot end with a message and exit code 2', async () => {
    // The sender waits (persistent state) on a node that never recovers, while another node's
    // failures keep the event queue busy forever.
    const stuck = path.join(scratch, 'stuck.yaml');
    writeFileSync(
      stuck,
      [
        'name: stuck',
        'nodes:',
        '  - { id: s, persistent: true }',
        '  - id: r',
        '  - { id: flaky, failure: { mttf: 1s, mttr: 1s } }',
        'links:',
        '  - { between: [s, r], bandwidth: 1Mbps, delay: 1ms }',
        'flows:',
        '  - { from: s, to: r, transport: { protocol: stop-and-wait, timeout: 10ms }, workload: { messages: 5 } }',
        'faults:',
        '  - { at: 1ms, crash: s }',
      ].join('\n'),
    );
    const { io, cli } = captured();
    const code = await main(['run', stuck, '--out', path.join(scratch, 'stuck-out')], cli);
    expect(code).toBe(2);
    expect(io.err).toContain('no message was created, delivered, dropped or lost');
  });

  it('stops a run longer than --max-events with a message naming the flag, and writes nothing', async () => {
    const { io, cli } = captured();
    const out = path.join(scratch, 'too-long');
    const code = await main(['run', lossy, '--max-events', '1000', '--out', out], cli);
    expect(code).toBe(2);
    expect(io.err).toMatch(
      /executed more than 1000 events and was stopped at t=.* \(msgsim run --max-events N\)\n$/,
    );
    // The time to 9 significant digits, not the float's last ones.
    const time = /stopped at t=([^ ]+) s/.exec(io.err)?.[1] ?? '';
    expect(time.replace(/^0\.0*|\./g, '').length).toBeLessThanOrEqual(9);
    expect(existsSync(out)).toBe(false);
    expect(await main(['run', lossy, '--max-events', '0'], captured().cli)).toBe(2);
  });

  it('refuses an output folder that cannot be created, before running (a pseudo file system too)', async () => {
    const { io, cli } = captured();
    const blocker = path.join(scratch, 'a-file');
    writeFileSync(blocker, 'x');
    expect(await main(['run', lossy, '--out', path.join(blocker, 'sub')], cli)).toBe(2);
    expect(io.err).toMatch(/a-file\/sub: .*a-file is not a folder/);
    if (existsSync('/proc/self')) {
      const proc = captured();
      expect(await main(['run', lossy, '--out', '/proc/msgsim-nope/x'], proc.cli)).toBe(2);
      expect(proc.io.err).toContain('cannot create a folder in /proc');
    }
  });
});
