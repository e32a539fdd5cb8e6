import { type CliIo, main } from '../../src/cli/main.js';

/** Runs the CLI with captured output. */
export async function runCli(argv: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTerminal: false,
  };
  const exitCode = await main(argv, io);
  return { exitCode, stdout, stderr };
}
