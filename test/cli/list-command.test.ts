import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { catalogToMarkdown, strategyCatalog } from '../../src/report/strategy-catalog.js';
import { createRegistries } from '../../src/scenario/registries.js';

async function cli(argv: string[]) {
  const output = { out: '', err: '' };
  const code = await main(argv, {
    stdout: (text) => {
      output.out += text;
    },
    stderr: (text) => {
      output.err += text;
    },
    isTerminal: false,
  });
  return { code, ...output };
}

describe('msgsim list', () => {
  const registries = createRegistries();

  it('names every registered transport, RTO strategy and congestion control with its parameters', async () => {
    const { code, out } = await cli(['list']);
    expect(code).toBe(0);
    for (const id of [
      ...registries.transports.ids(),
      ...registries.rto.ids(),
      ...registries.congestion.ids(),
    ]) {
      expect(out).toContain(`  ${id} — `);
    }
    expect(out).toMatch(/go-back-n — .*\n(.*\n)*\s+window \[8\]/);
    expect(out).toMatch(/adaptive — .*\n(.*\n)*\s+alpha \[0\.125\]/);
    expect(out).toMatch(/cubic — .*\n(.*\n)*\s+beta \[0\.7\]/);
  });

  it('gives the defaults of a strategy with a required parameter (stop-and-wait needs a timeout)', async () => {
    const { out } = await cli(['list', 'transports']);
    const stopAndWait = out.slice(out.indexOf('  stop-and-wait — '), out.indexOf('  go-back-n — '));
    expect(stopAndWait).toContain('timeout [required]');
    expect(stopAndWait).toContain('ackSize [40] size of an ACK packet on the wire');
    expect(stopAndWait).toContain('headerSize [0] header bytes added to each data packet');
    expect(stopAndWait).not.toContain('[optional]');
  });

  it('lists one registry when asked, and refuses an unknown one with exit code 2', async () => {
    const congestion = await cli(['list', 'congestion']);
    expect(congestion.code).toBe(0);
    expect(congestion.out).not.toContain('go-back-n');
    expect(congestion.out).toContain('newreno');
    const unknown = await cli(['list', 'bogus', '--nope']);
    expect(unknown.code).toBe(2);
    // One problem a line, beside the others, with the kinds to choose from.
    expect(unknown.err).toContain(
      `unknown kind 'bogus': give one of ${strategyCatalog(registries)
        .map((section) => section.kind)
        .join(', ')}\n`,
    );
    expect(unknown.err).toContain('--nope');
    expect(unknown.err).not.toContain('Invalid values');
  });

  it('is what README.md shows between the strategies markers (regenerate with msgsim list --markdown)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const begin = '<!-- strategies:begin -->\n';
    const shown = readme.slice(
      readme.indexOf(begin) + begin.length,
      readme.indexOf('<!-- strategies:end -->'),
    );
    expect(shown).toBe(catalogToMarkdown(strategyCatalog(registries)));
  });
});
