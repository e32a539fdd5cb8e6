#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

// A reader that stops early (`msgsim schema | head`) closes the pipe: that is not an error of
// ours, so end quietly instead of dying on an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
