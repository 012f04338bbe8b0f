#!/usr/bin/env node
// Node 20 cannot run TypeScript, so the CLI's sources load through tsx's loader.
import { register } from 'tsx/esm/api';

// A reader that closes the pipe early (`| head`) must not crash the run before its reports are
// written, so a closed stdout or stderr is ignored.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
  });
}

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
