import type { Command } from 'commander';
import { HarnessError } from '../errors.js';

export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('not built yet')
    .action(() => {
      throw new HarnessError('HARNESS_INTERNAL', 'The merge command is not built yet');
    });
}
