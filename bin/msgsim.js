#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

// A reader that stops early (`msgsim schema | head`) closes the pipe: that is not an error of
// ours, so end quietly instead of dying on an unhandled EPIPE with a stack trace. Any other
// failure to write the output (a full disk) is said in one line, with exit code 2.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) process.stderr.write(`msgsim: cannot write the output: ${error.message}\n`);
    process.exit(2);
  });
}

process.exitCode = await main(process.argv.slice(2));
