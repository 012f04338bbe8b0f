import type { Command } from 'commander';
import { HarnessError } from '../errors.js';

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('not built yet')
    .action(() => {
      throw new HarnessError('HARNESS_INTERNAL', 'The replay command is not built yet');
    });
}
